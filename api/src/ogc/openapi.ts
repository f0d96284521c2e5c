/**
 * OpenAPI 3.0 definition of the OGC API – Features service (Part 1 /req/oas30): a path per collection with its
 * query parameters, including one `?property=value` parameter per queryable column. QGIS reads
 * `components.parameters.limit.schema.{default,maximum}` and the per-collection property parameters from here.
 */
import type { OgcCollection, ValueType } from './collections.ts';
import { supportedCrsUris, CRS84 } from './crs.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.ts';

const json = (schemaRef: string) => ({ 'application/json': { schema: { $ref: schemaRef } } });
const geojson = (schemaRef: string) => ({ 'application/geo+json': { schema: { $ref: schemaRef } } });
const errorResponse = (description: string) => ({ description, content: json('#/components/schemas/error') });

export function jsonSchemaType(t: ValueType): Record<string, unknown> {
  switch (t) {
    case 'integer': return { type: 'integer' };
    case 'number': return { type: 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', format: 'date' };
    case 'timestamp': return { type: 'string', format: 'date-time' };
    default: return { type: 'string' };
  }
}

export function buildOpenApi(base: string, colls: OgcCollection[]): unknown {
  const paths: Record<string, unknown> = {
    '/': { get: { tags: ['Capabilities'], summary: '服务首页 (landing page)', operationId: 'getLandingPage', parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'links to the API definition, conformance and collections', content: json('#/components/schemas/landingPage') } } } },
    '/conformance': { get: { tags: ['Capabilities'], summary: '符合性声明 (conformance classes)', operationId: 'getConformance', parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'conformance classes implemented', content: json('#/components/schemas/confClasses') } } } },
    '/api': { get: { tags: ['Capabilities'], summary: '本 API 定义 (this document)', operationId: 'getApi', parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'OpenAPI 3.0 definition', content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } } } } } },
    '/collections': { get: { tags: ['Capabilities'], summary: '数据集合 (feature collections)', operationId: 'getCollections', parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'collections of this service', content: json('#/components/schemas/collections') } } } },
  };
  for (const c of colls) {
    const id = c.info.id;
    const label = `${c.info.title} (${c.info.titleEn})`;
    const propertyParams = [...c.queryables.values()].filter((q) => q.type !== 'geometry').map((q) => ({
      name: q.name, in: 'query', required: false, style: 'form', explode: false,
      description: `等值过滤 (equality filter on ${q.name})`, schema: jsonSchemaType(q.type),
    }));
    const spatial = c.info.geometryColumn ? [{ $ref: '#/components/parameters/bbox' }, { $ref: '#/components/parameters/bbox-crs' }] : [];
    paths[`/collections/${id}`] = { get: { tags: [id], summary: `${label} 的描述 (collection metadata)`, operationId: `describe_${id}`,
      parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'collection metadata', content: json('#/components/schemas/collection') }, 404: errorResponse('no such collection') } } };
    paths[`/collections/${id}/queryables`] = { get: { tags: [id], summary: `${label} 的可查询属性 (queryables)`, operationId: `queryables_${id}`,
      parameters: [{ $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'JSON Schema 2019-09 of the queryable properties', content: { 'application/schema+json': { schema: { type: 'object' } } } } } } };
    paths[`/collections/${id}/items`] = { get: { tags: [id], summary: `${label} 的要素 (features)`, operationId: `items_${id}`,
      parameters: [
        ...spatial,
        { $ref: '#/components/parameters/crs' },
        { $ref: '#/components/parameters/datetime' },
        { $ref: '#/components/parameters/limit' },
        { $ref: '#/components/parameters/offset' },
        { $ref: '#/components/parameters/filter' },
        { $ref: '#/components/parameters/filter-lang' },
        { $ref: '#/components/parameters/filter-crs' },
        { $ref: '#/components/parameters/f' },
        ...propertyParams,
      ],
      responses: { 200: { description: 'a page of features (GeoJSON FeatureCollection)', headers: { 'Content-Crs': { $ref: '#/components/headers/Content-Crs' } }, content: geojson('#/components/schemas/featureCollectionGeoJSON') },
        400: errorResponse('invalid query parameter (the error names it)'), 404: errorResponse('no such collection') } } };
    paths[`/collections/${id}/items/{featureId}`] = { get: { tags: [id], summary: `${label} 的单个要素 (one feature)`, operationId: `item_${id}`,
      parameters: [{ $ref: '#/components/parameters/featureId' }, { $ref: '#/components/parameters/crs' }, { $ref: '#/components/parameters/f' }],
      responses: { 200: { description: 'a feature', headers: { 'Content-Crs': { $ref: '#/components/headers/Content-Crs' } }, content: geojson('#/components/schemas/featureGeoJSON') },
        404: errorResponse('no such feature') } } };
  }

  return {
    openapi: '3.0.3',
    info: {
      title: '安全生产一张图 OGC API – Features (SafetyAtlas)',
      version: '1.0.0',
      description: 'OGC API – Features Part 1 Core, Part 2 CRS by reference and Part 3 Filtering (CQL2-text) over the ' +
        'SafetyAtlas collections. 错误以 {"error":{"code","message","field"}} 返回。',
      contact: { name: 'SafetyAtlas' },
    },
    servers: [{ url: `${base}/ogc` }],
    tags: [{ name: 'Capabilities' }, ...colls.map((c) => ({ name: c.info.id, description: `${c.info.title} (${c.info.titleEn})` }))],
    paths,
    components: {
      parameters: {
        f: { name: 'f', in: 'query', required: false, style: 'form', explode: false, description: '输出格式，仅 JSON (output format; only json)',
          schema: { type: 'string', enum: ['json'] } },
        bbox: { name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
          description: '空间范围 minx,miny,maxx,maxy (或 6 个数) in bbox-crs axis order (CRS84: lon,lat; EPSG:4326/4490: lat,lon)',
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
        'bbox-crs': { name: 'bbox-crs', in: 'query', required: false, style: 'form', explode: false,
          schema: { type: 'string', format: 'uri', enum: supportedCrsUris, default: CRS84 } },
        crs: { name: 'crs', in: 'query', required: false, style: 'form', explode: false,
          description: '输出坐标参考系 (output CRS; EPSG:4326 and EPSG:4490 are served latitude first)',
          schema: { type: 'string', format: 'uri', enum: supportedCrsUris, default: CRS84 } },
        datetime: { name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
          description: 'RFC 3339 instant or interval (`start/end`, `..` = open) on the collection\'s time column; a date covers its whole UTC day',
          schema: { type: 'string' } },
        limit: { name: 'limit', in: 'query', required: false, style: 'form', explode: false,
          description: `每页要素数 (features per page); values above ${MAX_LIMIT} are clamped to ${MAX_LIMIT}`,
          schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
        offset: { name: 'offset', in: 'query', required: false, style: 'form', explode: false,
          description: '跳过的要素数 (features to skip; the next/prev links carry it)', schema: { type: 'integer', minimum: 0, default: 0 } },
        filter: { name: 'filter', in: 'query', required: false, style: 'form', explode: false,
          description: 'CQL2-text filter: = <> < <= > >=, AND/OR/NOT, [NOT] LIKE, [NOT] BETWEEN, [NOT] IN, IS [NOT] NULL, CASEI, ' +
            "DATE('…'), TIMESTAMP('…'), S_INTERSECTS/S_CONTAINS/S_WITHIN/S_DISJOINT/S_EQUALS/S_TOUCHES/S_OVERLAPS/S_CROSSES with WKT or BBOX(…) " +
            'literals, and the extension S_DWITHIN(geom, <geometry>, <metres>) (distance on the WGS 84 spheroid). ' +
            "Example: risk_level IN ('red','orange') AND S_DWITHIN(geom, POINT(121.47 31.23), 2000)",
          schema: { type: 'string' } },
        'filter-lang': { name: 'filter-lang', in: 'query', required: false, style: 'form', explode: false,
          schema: { type: 'string', enum: ['cql2-text'], default: 'cql2-text' } },
        'filter-crs': { name: 'filter-crs', in: 'query', required: false, style: 'form', explode: false,
          description: 'CRS of geometry literals in filter', schema: { type: 'string', format: 'uri', enum: supportedCrsUris, default: CRS84 } },
        featureId: { name: 'featureId', in: 'path', required: true, description: 'integer feature id', schema: { type: 'integer' } },
      },
      headers: {
        'Content-Crs': { description: 'CRS of the geometries in the response, in angle brackets', schema: { type: 'string' } },
      },
      schemas: {
        error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } } } },
        link: { type: 'object', required: ['href', 'rel'], properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } } },
        landingPage: { type: 'object', required: ['links'], properties: { title: { type: 'string' }, description: { type: 'string' },
          links: { type: 'array', items: { $ref: '#/components/schemas/link' } } } },
        confClasses: { type: 'object', required: ['conformsTo'], properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
        collection: { type: 'object', required: ['id', 'links'], properties: { id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' },
          itemType: { type: 'string' }, crs: { type: 'array', items: { type: 'string' } }, storageCrs: { type: 'string' },
          extent: { type: 'object' }, links: { type: 'array', items: { $ref: '#/components/schemas/link' } } } },
        collections: { type: 'object', required: ['links', 'collections'], properties: {
          links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          collections: { type: 'array', items: { $ref: '#/components/schemas/collection' } } } },
        featureGeoJSON: { type: 'object', required: ['type', 'geometry', 'properties'], properties: {
          type: { type: 'string', enum: ['Feature'] }, id: { type: 'integer' }, geometry: { nullable: true, type: 'object' }, properties: { type: 'object', nullable: true } } },
        featureCollectionGeoJSON: { type: 'object', required: ['type', 'features'], properties: {
          type: { type: 'string', enum: ['FeatureCollection'] },
          features: { type: 'array', items: { $ref: '#/components/schemas/featureGeoJSON' } },
          links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          timeStamp: { type: 'string', format: 'date-time' }, numberMatched: { type: 'integer', minimum: 0 }, numberReturned: { type: 'integer', minimum: 0 } } },
      },
    },
  };
}
