/**
 * OGC API – Features under /ogc (architecture.md §4): Part 1 Core (OGC 17-069r4), Part 2 CRS by reference
 * (OGC 18-058r1) and Part 3 Filtering with CQL2-text (OGC 19-079r2, 21-065r2), for every collection of
 * layers/catalog.ts. The handlers are thin: SQL is in ogc/sql.ts, the parser in ogc/cql2.ts.
 *
 * Tables without geometry (chemicals, vehicles) are served as ordinary collections (`itemType: feature`) whose
 * features have `"geometry": null` — valid GeoJSON that GDAL's OAPIF driver opens as a layer without geometry.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { collections, findCollection } from '../layers/catalog.ts';
import { badRequest, notFound } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { describeCollection, extentsOf, type Extent, type OgcCollection } from '../ogc/collections.ts';
import { Cql2Error } from '../ogc/cql2.ts';
import { contentCrsHeader, CRS84, defaultCrs, parseCrs, supportedCrsUris } from '../ogc/crs.ts';
import { buildOpenApi, jsonSchemaType } from '../ogc/openapi.ts';
import { parseItemsQuery, readQuery } from '../ogc/params.ts';
import { featureByIdSql, itemsSql } from '../ogc/sql.ts';

const JSON_TYPE = 'application/json';
const GEOJSON = 'application/geo+json';
const OPENAPI = 'application/vnd.oai.openapi+json;version=3.0';
const SCHEMA_JSON = 'application/schema+json';

/** Conformance classes implemented (Part 1 /req/core/conformance-success). */
export const conformsTo = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
  'http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions',
  // the draft name of basic-spatial-functions, which QGIS 3.3x still looks for
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-operators',
];

/** Absolute base URL of this server as the client addressed it. */
const baseOf = (c: Context) => new URL(c.req.url).origin;

function send(c: Context, body: unknown, type: string, headers: Record<string, string> = {}) {
  return c.body(typeof body === 'string' ? body : JSON.stringify(body), 200, { 'Content-Type': type, ...headers });
}

/** Only `f` is accepted on the metadata resources. */
const onlyF = (c: Context) => readQuery(c.req.url, (n) => n === 'f');

async function load(c: Context<AppEnv>, id: string): Promise<OgcCollection> {
  const info = findCollection(id);
  if (!info) throw notFound(`没有名为 "${id}" 的集合 (no collection "${id}")`);
  return describeCollection(c.var.deps.db.pool, info, collections);
}

const loadAll = (c: Context<AppEnv>) =>
  Promise.all(collections.map((info) => describeCollection(c.var.deps.db.pool, info, collections)));

function collectionJson(base: string, coll: OgcCollection, extent: Extent) {
  const { info } = coll;
  const url = `${base}/ogc/collections/${info.id}`;
  const noGeometry = !info.geometryColumn;
  return {
    id: info.id,
    title: info.title,
    description: `${info.title} (${info.titleEn})` +
      (noGeometry ? '：无几何的记录表，要素的 geometry 为 null (records without geometry: "geometry" is null)' : ''),
    itemType: 'feature',
    // no spatial extent for tables without geometry or without rows (GDAL and QGIS then look at the items)
    extent: {
      ...(extent.bbox ? { spatial: { bbox: [extent.bbox], crs: CRS84 } } : {}),
      ...(extent.interval[0] ? { temporal: { interval: [extent.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    crs: supportedCrsUris,
    storageCrs: CRS84,
    links: [
      { href: url, rel: 'self', type: JSON_TYPE, title: info.title },
      { href: `${url}/items`, rel: 'items', type: GEOJSON, title: `${info.title} 要素 (features)` },
      { href: `${url}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: SCHEMA_JSON, title: '可查询属性 (queryables)' },
      { href: `${base}/ogc/collections`, rel: 'parent', type: JSON_TYPE, title: '全部集合 (all collections)' },
    ],
  };
}

/** Runs a query built from user input: CQL2 type errors found while compiling become 400s on `filter`. */
function build<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Cql2Error) throw badRequest(err.message, 'filter');
    throw err;
  }
}

export const ogcRoutes = new Hono<AppEnv>()
  .use('/ogc', readAccess)
  .use('/ogc/*', readAccess)
  .get('/ogc', (c) => landing(c))
  .get('/ogc/', (c) => landing(c))
  .get('/ogc/conformance', (c) => {
    onlyF(c);
    return send(c, { conformsTo }, JSON_TYPE);
  })
  .get('/ogc/api', async (c) => {
    onlyF(c);
    return send(c, buildOpenApi(baseOf(c), await loadAll(c)), OPENAPI);
  })
  .get('/ogc/collections', async (c) => {
    onlyF(c);
    const base = baseOf(c);
    const colls = await loadAll(c);
    const extents = await extentsOf(c.var.deps.db.pool, c.var.deps.events, colls);
    return send(c, {
      links: [{ href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE, title: '全部集合 (collections)' }],
      collections: colls.map((coll) => collectionJson(base, coll, extents.get(coll.info.id)!)),
      crs: supportedCrsUris,
    }, JSON_TYPE);
  })
  .get('/ogc/collections/:id', async (c) => {
    const coll = await load(c, c.req.param('id'));
    onlyF(c);
    const extents = await extentsOf(c.var.deps.db.pool, c.var.deps.events, [coll]);
    return send(c, collectionJson(baseOf(c), coll, extents.get(coll.info.id)!), JSON_TYPE);
  })
  .get('/ogc/collections/:id/queryables', async (c) => {
    const coll = await load(c, c.req.param('id'));
    onlyF(c);
    const url = `${baseOf(c)}/ogc/collections/${coll.info.id}/queryables`;
    const properties: Record<string, unknown> = {};
    for (const q of coll.queryables.values()) {
      if (q.type === 'geometry') {
        const t = coll.info.geometryType && coll.info.geometryType !== 'Geometry' ? coll.info.geometryType : 'Geometry';
        properties[q.name] = {
          title: '几何 (geometry)',
          description: 'S_INTERSECTS 等空间函数及扩展 S_DWITHIN(geom, <geometry>, <metres>) (spatial functions and the S_DWITHIN extension)',
          $ref: `https://geojson.org/schema/${t}.json`,
          format: t === 'Geometry' ? 'geometry-any' : `geometry-${t.toLowerCase()}`,
          'x-ogc-role': 'primary-geometry',
        };
      } else {
        properties[q.name] = { title: q.name, ...jsonSchemaType(q.type), ...(q.name === 'id' ? { 'x-ogc-role': 'id' } : {}) };
      }
    }
    return send(c, {
      $schema: 'https://json-schema.org/draft/2019-09/schema',
      $id: url,
      type: 'object',
      title: `${coll.info.title} (${coll.info.titleEn})`,
      description: '可在 filter 及 ?属性=值 中使用的属性 (properties usable in filter and as ?property=value)',
      properties,
      additionalProperties: false,
    }, SCHEMA_JSON);
  })
  .get('/ogc/collections/:id/items', async (c) => {
    const coll = await load(c, c.req.param('id'));
    const q = parseItemsQuery(coll, c.req.url);
    q.districts = c.var.user?.districts;
    const { text, values } = build(() => itemsSql(coll, q));
    const { rows } = await c.var.deps.db.pool.query<{ matched: number; features: string }>(text, values).catch((err: Error & { code?: string }) => {
      // a geometry literal GEOS cannot work with (e.g. a self-intersecting polygon in some predicates)
      if (err.code === 'XX000' && /GEOS|Topology|geometry|geography/i.test(err.message)) {
        throw badRequest(`过滤条件中的几何无法计算 (the filter's geometry cannot be evaluated: ${err.message})`, 'filter');
      }
      throw err;
    });
    const matched = rows[0].matched;
    // numberReturned without parsing the features text: the page size the database could return
    const returned = Math.max(0, Math.min(q.limit, matched - q.offset));
    const self = new URL(c.req.url);
    const pageLink = (offset: number, rel: string, title: string) => {
      const u = new URL(self);
      u.searchParams.set('offset', String(offset));
      u.searchParams.set('limit', String(q.limit));
      return { href: u.toString(), rel, type: GEOJSON, title };
    };
    const links = [
      { href: self.toString(), rel: 'self', type: GEOJSON, title: '本页 (this page)' },
      { href: `${self.origin}/ogc/collections/${coll.info.id}`, rel: 'collection', type: JSON_TYPE, title: coll.info.title },
    ];
    if (q.offset + returned < matched) links.push(pageLink(q.offset + q.limit, 'next', '下一页 (next page)'));
    if (q.offset > 0) links.push(pageLink(Math.max(0, q.offset - q.limit), 'prev', '上一页 (previous page)'));
    const head = JSON.stringify({ type: 'FeatureCollection', timeStamp: new Date().toISOString(), numberMatched: matched, numberReturned: returned, links });
    // splice the database-built features array into the envelope
    const body = `${head.slice(0, -1)},"features":${rows[0].features}}`;
    return send(c, body, GEOJSON, { 'Content-Crs': contentCrsHeader(q.crs) });
  })
  .get('/ogc/collections/:id/items/:featureId', async (c) => {
    const coll = await load(c, c.req.param('id'));
    const q = readQuery(c.req.url, (n) => n === 'crs' || n === 'f');
    const crs = q.has('crs') ? parseCrs(q.get('crs')!, 'crs') : defaultCrs;
    const fid = c.req.param('featureId');
    const missing = () => notFound(`集合 ${coll.info.id} 中没有要素 ${fid} (no feature "${fid}" in ${coll.info.id})`);
    if (!/^\d{1,18}$/.test(fid)) throw missing();
    const { text, values } = featureByIdSql(coll, fid, crs, c.var.user?.districts);
    const { rows } = await c.var.deps.db.pool.query<{ feature: string }>(text, values);
    if (!rows.length) throw missing();
    const base = baseOf(c);
    const links = JSON.stringify([
      { href: `${base}/ogc/collections/${coll.info.id}/items/${fid}`, rel: 'self', type: GEOJSON, title: '本要素 (this feature)' },
      { href: `${base}/ogc/collections/${coll.info.id}`, rel: 'collection', type: JSON_TYPE, title: coll.info.title },
    ]);
    return send(c, `${rows[0].feature.slice(0, -1)},"links":${links}}`, GEOJSON, { 'Content-Crs': contentCrsHeader(crs) });
  });

function landing(c: Context<AppEnv>) {
  onlyF(c);
  const base = `${baseOf(c)}/ogc`;
  return send(c, {
    title: '安全生产一张图 OGC API – Features (SafetyAtlas)',
    description: '上海城市安全生产监管数据：企业、重大危险源、管线、铁路、应急资源、车辆定位等 (Shanghai work-safety supervision data as OGC API – Features)',
    links: [
      { href: base, rel: 'self', type: JSON_TYPE, title: '本页 (this document)' },
      { href: `${base}/api`, rel: 'service-desc', type: OPENAPI, title: 'API 定义 (API definition, OpenAPI 3.0)' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: '符合性声明 (conformance classes)' },
      { href: `${base}/conformance`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/conformance', type: JSON_TYPE, title: '符合性声明 (conformance classes)' },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: '数据集合 (collections)' },
      { href: `${base}/collections`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/data', type: JSON_TYPE, title: '数据集合 (collections)' },
    ],
  }, JSON_TYPE);
}
