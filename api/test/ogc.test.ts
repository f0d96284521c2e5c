import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, apiUrl, databaseKind, external } from './helpers.ts';
import { collections, findCollection } from '../src/layers/catalog.ts';
import { describeCollection } from '../src/ogc/collections.ts';
import { itemsSql } from '../src/ogc/sql.ts';
import { parseItemsQuery } from '../src/ogc/params.ts';

/**
 * Fixtures (names start with "OGC测试-" so that the sample city or other tests' rows never count):
 * 125 enterprises i = 0…124 on a 25 × 5 grid, lon = 121.300 + (i mod 25)·0.002, lat = 31.000 + ⌊i/25⌋·0.002,
 * district = D[i mod 5], risk_level = R[i mod 4], employees = 10·i, industry = '化工' for even i else NULL;
 * two enterprises due north of P = (121.60, 31.20) for S_DWITHIN; one vehicle with 48 hourly positions from
 * 2024-05-01T00:00Z and a second one for the extent test; a user scoped to 黄浦区.
 */
const D = ['浦东新区', '黄浦区', '徐汇区', '静安区', '闵行区'];
const R = ['red', 'orange', 'yellow', 'blue'];
const NAME = "name LIKE 'OGC测试-%'";
const GRID = 125;

let gridIds: number[] = [];
let nearId = 0;
let farId = 0;
let vehicleId = 0;
let vehicle2Id = 0;
let scopedToken = '';
let scopedUserId = 0;
/** read from the database in beforeAll, while the fixtures are fresh */
const sql = { extent: [] as number[], distancesM: [] as number[], bboxPlan: '', dwithinPlan: '', injection: { text: '', values: [] as unknown[] } };

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
const items = (coll: string, params: Record<string, string | number> = {}) => api(`/ogc/collections/${coll}/items?${q(params)}`);
const idsOf = (body: { features: Array<{ id: number }> }) => body.features.map((f) => f.id);


beforeAll(async () => {
  await external(async (client) => {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: number }>(`
      INSERT INTO enterprises (name, district, risk_level, employees, industry, geom)
      SELECT 'OGC测试-' || i, ($1::text[])[1 + i % 5], ($2::text[])[1 + i % 4], 10 * i, CASE WHEN i % 2 = 0 THEN '化工' END,
             ST_SetSRID(ST_MakePoint(121.300 + (i % 25) * 0.002, 31.000 + (i / 25) * 0.002), 4326)
        FROM generate_series(0, ${GRID - 1}) i ORDER BY i RETURNING id`, [D, R]);
    gridIds = rows.map((r) => r.id);
    // due north of P = (121.60, 31.20): a degree of latitude near 31.2° is 110 873 m
    // (111 132.954 − 559.822·cos 62.4° + 1.175·cos 124.8° = 111 132.954 − 259.37 − 0.67), so
    // +0.0090° ≈ 997.9 m (inside 1000 m) and +0.0091° ≈ 1008.9 m (outside)
    const near = await client.query<{ id: number }>(`INSERT INTO enterprises (name, geom) VALUES ('OGC距离-近', ST_SetSRID(ST_MakePoint(121.60, 31.2090), 4326)) RETURNING id`);
    const far = await client.query<{ id: number }>(`INSERT INTO enterprises (name, geom) VALUES ('OGC距离-远', ST_SetSRID(ST_MakePoint(121.60, 31.2091), 4326)) RETURNING id`);
    nearId = near.rows[0].id;
    farId = far.rows[0].id;
    const v = await client.query<{ id: number }>(`INSERT INTO vehicles (plate, terminal_id, auth_code) VALUES ('沪OGC01', '99900000001', 'secret-auth') RETURNING id`);
    vehicleId = v.rows[0].id;
    const v2 = await client.query<{ id: number }>(`INSERT INTO vehicles (plate, terminal_id) VALUES ('沪OGC02', '99900000002') RETURNING id`);
    vehicle2Id = v2.rows[0].id;
    await client.query(`INSERT INTO positions (vehicle_id, fix_time, speed_kmh, geom)
      SELECT $1, '2024-05-01T00:00:00Z'::timestamptz + k * interval '1 hour', 40, ST_SetSRID(ST_MakePoint(121.45, 31.15 + k * 0.001), 4326)
        FROM generate_series(0, 47) k`, [vehicleId]);
    scopedToken = randomBytes(32).toString('hex');
    const u = await client.query<{ id: number }>(`INSERT INTO users (username, password_hash, role, districts) VALUES ('ogc_scoped', 'x', 'viewer', '{黄浦区}') RETURNING id`);
    scopedUserId = u.rows[0].id;
    await client.query(`INSERT INTO sessions (token, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [scopedToken, scopedUserId]);
    await client.query('COMMIT');

    const e = await client.query(`SELECT ST_XMin(e)::float8 x0, ST_YMin(e)::float8 y0, ST_XMax(e)::float8 x1, ST_YMax(e)::float8 y1
      FROM (SELECT ST_Extent(geom) e FROM enterprises) s`);
    sql.extent = [e.rows[0].x0, e.rows[0].y0, e.rows[0].x1, e.rows[0].y1];
    const d = await client.query(`SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(121.60, 31.20), 4326)::geography)::float8 d
      FROM enterprises WHERE id = ANY($1) ORDER BY id`, [[nearId, farId]]);
    sql.distancesM = d.rows.map((r) => r.d);

    // the statements the server would run, planned with sequential scans discouraged: an index must be usable
    const coll = await describeCollection(client, findCollection('enterprises')!, collections);
    const build = (query: string) => itemsSql(coll, parseItemsQuery(coll, `http://x/ogc/collections/enterprises/items?${query}`));
    sql.injection = build(`bbox=121.3,31.0,121.31,31.002&filter=${encodeURIComponent("name = 'x'';DROP TABLE enterprises;--' OR S_DWITHIN(geom, POINT(121.6 31.2), 500)")}`);
    const dwithin = build(`filter=${encodeURIComponent('S_DWITHIN(geom, POINT(121.6 31.2), 500)')}`);
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const plan = async (s: { text: string; values: unknown[] }) =>
      (await client.query(`EXPLAIN ${s.text}`, s.values)).rows.map((r) => r['QUERY PLAN']).join('\n');
    sql.bboxPlan = await plan(sql.injection);
    sql.dwithinPlan = await plan(dwithin);
    await client.query('ROLLBACK');
  });
}, 120_000);

afterAll(async () => {
  await external(async (c) => {
    await c.query('BEGIN');
    await c.query('DELETE FROM positions WHERE vehicle_id = ANY($1)', [[vehicleId, vehicle2Id]]);
    await c.query('DELETE FROM vehicles WHERE id = ANY($1)', [[vehicleId, vehicle2Id]]);
    await c.query(`DELETE FROM enterprises WHERE name LIKE 'OGC测试-%' OR name LIKE 'OGC距离-%'`);
    await c.query('DELETE FROM users WHERE id = $1', [scopedUserId]); // its session cascades
    await c.query('COMMIT');
  });
}, 120_000);

describe('landing page, conformance, API definition', () => {
  it('links self, service-desc (OpenAPI 3.0), conformance and data with their media types', async () => {
    const res = await api('/ogc');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const byRel = Object.fromEntries(res.body.links.map((l: { rel: string }) => [l.rel, l]));
    expect(byRel.self).toMatchObject({ href: `${apiUrl()}/ogc`, type: 'application/json' });
    expect(byRel['service-desc']).toMatchObject({ href: `${apiUrl()}/ogc/api`, type: 'application/vnd.oai.openapi+json;version=3.0' });
    expect(byRel.conformance).toMatchObject({ href: `${apiUrl()}/ogc/conformance`, type: 'application/json' });
    expect(byRel.data).toMatchObject({ href: `${apiUrl()}/ogc/collections`, type: 'application/json' });
    expect((await api('/ogc?f=json')).status).toBe(200);
  });

  it('declares Part 1 core/geojson/oas30, Part 2 crs, Part 3 filter and the CQL2 classes', async () => {
    const res = await api('/ogc/conformance');
    expect(res.headers.get('content-type')).toBe('application/json');
    for (const c of ['ogcapi-features-1/1.0/conf/core', 'ogcapi-features-1/1.0/conf/geojson', 'ogcapi-features-1/1.0/conf/oas30',
      'ogcapi-features-2/1.0/conf/crs', 'ogcapi-features-3/1.0/conf/filter', 'ogcapi-features-3/1.0/conf/features-filter',
      'cql2/1.0/conf/cql2-text', 'cql2/1.0/conf/basic-cql2', 'cql2/1.0/conf/basic-spatial-functions']) {
      expect(res.body.conformsTo).toContain(`http://www.opengis.net/spec/${c}`);
    }
  });

  it('serves OpenAPI 3.0 with a path per collection, its property parameters and the limit bounds', async () => {
    const res = await api('/ogc/api');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(res.body.openapi).toMatch(/^3\.0\./);
    expect(res.body.servers[0].url).toBe(`${apiUrl()}/ogc`);
    for (const c of collections) {
      expect(res.body.paths[`/collections/${c.id}/items`]?.get, c.id).toBeDefined();
      expect(res.body.paths[`/collections/${c.id}/items/{featureId}`]?.get, c.id).toBeDefined();
      expect(res.body.paths[`/collections/${c.id}/queryables`]?.get, c.id).toBeDefined();
    }
    expect(res.body.components.parameters.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 10000, default: 100 });
    const params = res.body.paths['/collections/enterprises/items'].get.parameters;
    expect(params).toContainEqual({ $ref: '#/components/parameters/filter' });
    expect(params).toContainEqual(expect.objectContaining({ name: 'district', in: 'query', style: 'form', explode: false, schema: { type: 'string' } }));
    expect(params).toContainEqual(expect.objectContaining({ name: 'employees', schema: { type: 'integer' } }));
    // a table without geometry has no bbox parameter
    expect(res.body.paths['/collections/vehicles/items'].get.parameters).not.toContainEqual({ $ref: '#/components/parameters/bbox' });
  });

  it('rejects unknown query parameters and formats with a 400 naming them', async () => {
    const res = await api('/ogc/conformance?foo=1');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('foo');
    const f = await api('/ogc/collections?f=html');
    expect(f.status).toBe(400);
    expect(f.body.error.field).toBe('f');
  });
});

describe('collections', () => {
  it('lists every catalog collection with items links, CRS list and storage CRS', async () => {
    const res = await api('/ogc/collections');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body.collections.map((c: { id: string }) => c.id)).toEqual(collections.map((c) => c.id));
    for (const c of res.body.collections) {
      expect(c.itemType).toBe('feature');
      expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84', 'http://www.opengis.net/def/crs/EPSG/0/4326', 'http://www.opengis.net/def/crs/EPSG/0/4490']);
      expect(c.storageCrs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
      expect(c.links).toContainEqual(expect.objectContaining({ rel: 'items', type: 'application/geo+json', href: `${apiUrl()}/ogc/collections/${c.id}/items` }));
    }
  });

  it('reports the spatial extent of ST_Extent and the time extent of the time column', async () => {
    const res = await api('/ogc/collections/enterprises');
    expect(res.status).toBe(200);
    expect(res.body.extent.spatial.bbox).toEqual([sql.extent]);
    // the fixture grid spans lon 121.300 … 121.348 (24 steps of 0.002) and the S_DWITHIN points reach 121.60 / 31.2091
    const [x0, y0, x1, y1] = res.body.extent.spatial.bbox[0];
    expect(x0).toBeLessThanOrEqual(121.3);
    expect(y0).toBeLessThanOrEqual(31.0);
    expect(x1).toBeGreaterThanOrEqual(121.6);
    expect(y1).toBeGreaterThanOrEqual(31.2091);
    const positions = await api('/ogc/collections/positions');
    const [t0, t1] = positions.body.extent.temporal.interval[0];
    expect(Date.parse(t0)).toBeLessThanOrEqual(Date.parse('2024-05-01T00:00:00Z'));
    expect(Date.parse(t1)).toBeGreaterThanOrEqual(Date.parse('2024-05-02T23:00:00Z'));
  });

  // positions is left out of the database change feed (004_change_notify.sql): the cache must notice new rows itself
  it('keeps a cached extent right when rows are added to a table without change events (positions)', async () => {
    const before = await api('/ogc/collections/positions');
    expect(before.body.extent.spatial.bbox[0][2]).toBeLessThan(121.99);
    const expected = await external(async (c) => {
      await c.query(`INSERT INTO positions (vehicle_id, fix_time, geom) VALUES ($1, '2024-06-01T00:00:00Z', ST_SetSRID(ST_MakePoint(121.99, 31.99), 4326))`, [vehicle2Id]);
      const { rows } = await c.query(`SELECT ST_XMin(e)::float8 x0, ST_YMin(e)::float8 y0, ST_XMax(e)::float8 x1, ST_YMax(e)::float8 y1, t1
        FROM (SELECT ST_Extent(geom) e, max(fix_time) t1 FROM positions) s`);
      return rows[0];
    });
    const after = await api('/ogc/collections/positions');
    expect(after.body.extent.spatial.bbox).toEqual([[expected.x0, expected.y0, expected.x1, expected.y1]]);
    expect(expected.x1).toBeGreaterThanOrEqual(121.99);
    expect(Date.parse(after.body.extent.temporal.interval[0][1])).toBe(expected.t1.getTime());
  }, 120_000);

  it('describes a table without geometry without a spatial extent, and 404s an unknown collection', async () => {
    const res = await api('/ogc/collections/vehicles');
    expect(res.status).toBe(200);
    expect(res.body.extent.spatial).toBeUndefined();
    const missing = await api('/ogc/collections/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await api('/ogc/collections/nope/items')).status).toBe(404);
  });

  it('publishes queryables as JSON Schema 2019-09 from the column types', async () => {
    const res = await api('/ogc/collections/enterprises/queryables');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/schema+json');
    expect(res.body.$schema).toBe('https://json-schema.org/draft/2019-09/schema');
    expect(res.body.$id).toBe(`${apiUrl()}/ogc/collections/enterprises/queryables`);
    expect(res.body.properties.district).toMatchObject({ type: 'string' });
    expect(res.body.properties.employees).toMatchObject({ type: 'integer' });
    expect(res.body.properties.updated_at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(res.body.properties.geom).toMatchObject({ $ref: 'https://geojson.org/schema/Point.json', format: 'geometry-point' });
    const parks = await api('/ogc/collections/chemical_parks/queryables');
    expect(parks.body.properties.score).toMatchObject({ type: 'number' });
    expect(parks.body.properties.enclosed).toMatchObject({ type: 'boolean' });
    const vehicles = await api('/ogc/collections/vehicles/queryables');
    expect(vehicles.body.properties.auth_code).toBeUndefined();
    expect(vehicles.body.properties.cargo).toBeUndefined(); // jsonb is not queryable
    expect(vehicles.body.properties.plate).toMatchObject({ type: 'string' });
  });
});

describe('items', () => {
  it('pages with limit/offset, numberMatched/numberReturned and typed next/prev links that visit every feature once', async () => {
    const first = await items('enterprises', { filter: NAME, limit: 50 });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/geo+json');
    expect(first.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    expect(first.body).toMatchObject({ type: 'FeatureCollection', numberMatched: GRID, numberReturned: 50 });
    expect(Date.parse(first.body.timeStamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(first.body.links.find((l: { rel: string }) => l.rel === 'prev')).toBeUndefined();
    const seen: number[] = [];
    let page = first.body;
    let pages = 0;
    for (;;) {
      pages++;
      seen.push(...idsOf(page));
      const next = page.links.find((l: { rel: string }) => l.rel === 'next');
      if (!next) break;
      expect(next.type).toBe('application/geo+json');
      const res = await api(next.href.slice(apiUrl().length));
      expect(res.status).toBe(200);
      page = res.body;
    }
    // 125 = 50 + 50 + 25
    expect(pages).toBe(3);
    expect(page.numberReturned).toBe(25);
    expect(page.links.find((l: { rel: string }) => l.rel === 'prev').href).toContain('offset=50');
    expect(seen).toEqual([...gridIds].sort((a, b) => a - b));
  });

  it('defaults limit to 100, clamps limit above 10000 and rejects limit/offset that are not integers', async () => {
    expect((await items('enterprises', { filter: NAME })).body.numberReturned).toBe(100);
    const big = await items('enterprises', { filter: NAME, limit: 20000 });
    expect(big.status).toBe(200);
    expect(big.body.numberReturned).toBe(GRID);
    expect(big.body.links.find((l: { rel: string }) => l.rel === 'self').href).toContain('limit=20000');
    const paged = await items('enterprises', { filter: NAME, limit: 20000, offset: 1 });
    expect(paged.body.links.find((l: { rel: string }) => l.rel === 'prev').href).toContain('limit=10000');
    for (const [name, value] of [['limit', '0'], ['limit', 'ten'], ['limit', '1.5'], ['offset', '-1']]) {
      const res = await items('enterprises', { [name]: value });
      expect(res.status, `${name}=${value}`).toBe(400);
      expect(res.body.error.field).toBe(name);
    }
  });

  it('returns properties from every visible column, the id at the top and in properties', async () => {
    const res = await items('enterprises', { filter: `${NAME} AND employees = 370` });
    // employees = 10·i → i = 37: lon 121.300 + 12·0.002 = 121.324, lat 31.000 + 1·0.002 = 31.002, D[37 mod 5 = 2], R[37 mod 4 = 1]
    expect(res.body.numberMatched).toBe(1);
    const f = res.body.features[0];
    expect(f).toMatchObject({
      type: 'Feature', id: gridIds[37],
      geometry: { type: 'Point', coordinates: [121.324, 31.002] },
      properties: { id: gridIds[37], name: 'OGC测试-37', district: '徐汇区', risk_level: 'orange', employees: 370, industry: null },
    });
    expect(f.properties.geom).toBeUndefined();
  });

  it('serves tables without geometry with "geometry": null and without hidden columns', async () => {
    const res = await items('vehicles', { plate: '沪OGC01' });
    expect(res.status).toBe(200);
    expect(res.body.numberMatched).toBe(1);
    expect(res.body.features[0]).toMatchObject({ id: vehicleId, geometry: null, properties: { plate: '沪OGC01', terminal_id: '99900000001' } });
    expect(res.body.features[0].properties).not.toHaveProperty('auth_code');
    const bbox = await items('vehicles', { bbox: '121,31,122,32' });
    expect(bbox.status).toBe(400);
    expect(bbox.body.error.field).toBe('bbox');
    // auth_code is hidden, so it is no filter either
    const hidden = await items('vehicles', { auth_code: 'secret-auth' });
    expect(hidden.status).toBe(400);
    expect(hidden.body.error.field).toBe('auth_code');
  });

  it('filters by property equality with typed values', async () => {
    // district = 黄浦区 ⇔ i mod 5 = 1: 25 of the 125
    const res = await items('enterprises', { district: '黄浦区', filter: NAME, limit: 1000 });
    expect(res.body.numberMatched).toBe(25);
    expect(res.body.features.every((f: { properties: { district: string } }) => f.properties.district === '黄浦区')).toBe(true);
    // employees = 10·i = 500 → i = 50 only
    expect((await items('enterprises', { employees: 500, filter: NAME })).body.numberMatched).toBe(1);
    const bad = await items('enterprises', { employees: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('employees');
    const unknown = await items('enterprises', { colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('colour');
    expect(unknown.body.error.message).toContain('colour');
  });

  it('filters by bbox in CRS84 and, with bbox-crs EPSG:4326/4490, in latitude-longitude order', async () => {
    // lon 121.300…121.310 holds columns i mod 25 = 0…5 (6), lat 31.000…31.002 rows ⌊i/25⌋ = 0, 1 (2): 6 × 2 = 12, boundaries included
    const lonLat = await items('enterprises', { bbox: '121.300,31.000,121.310,31.002', filter: NAME });
    expect(lonLat.body.numberMatched).toBe(12);
    for (const crs of ['http://www.opengis.net/def/crs/EPSG/0/4326', 'http://www.opengis.net/def/crs/EPSG/0/4490']) {
      const latLon = await items('enterprises', { bbox: '31.000,121.300,31.002,121.310', 'bbox-crs': crs, filter: NAME });
      expect(latLon.status).toBe(200);
      expect(idsOf(latLon.body)).toEqual(idsOf(lonLat.body));
    }
    // 6 numbers: the heights are ignored
    expect((await items('enterprises', { bbox: '121.300,31.000,-10,121.310,31.002,100', filter: NAME })).body.numberMatched).toBe(12);
    for (const bad of ['121.3,31.0,121.31', '121.3,31,abc,31.1', '31.0,121.3,31.1,121.4&bbox-crs=x']) {
      const res = await api(`/ogc/collections/enterprises/items?bbox=${bad}`);
      expect(res.status, bad).toBe(400);
    }
    // lon/lat numbers read as lat/lon put 121.3 on the latitude axis
    const swapped = await items('enterprises', { bbox: '121.300,31.000,121.310,31.002', 'bbox-crs': 'EPSG:4326' });
    expect(swapped.status).toBe(400);
    expect(swapped.body.error.field).toBe('bbox');
  });

  it('outputs EPSG:4326 and EPSG:4490 latitude first with a Content-Crs header; rejects other CRSs', async () => {
    const filter = `${NAME} AND employees = 0`; // i = 0 at (121.300, 31.000)
    const crs84 = await items('enterprises', { filter });
    expect(crs84.body.features[0].geometry.coordinates).toEqual([121.3, 31.0]);
    for (const crs of ['http://www.opengis.net/def/crs/EPSG/0/4326', 'http://www.opengis.net/def/crs/EPSG/0/4490']) {
      const res = await items('enterprises', { filter, crs });
      expect(res.headers.get('content-crs')).toBe(`<${crs}>`);
      expect(res.body.features[0].geometry.coordinates).toEqual([31.0, 121.3]);
    }
    const bad = await items('enterprises', { crs: 'http://www.opengis.net/def/crs/EPSG/0/3857' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('crs');
  });

  it('filters positions by datetime: instant, whole day, closed interval and open ends', async () => {
    const count = async (datetime: string) => {
      const res = await items('positions', { vehicle_id: vehicleId, datetime, limit: 1 });
      expect(res.status, datetime).toBe(200);
      return res.body.numberMatched;
    };
    // fixes at 2024-05-01T00:00Z + k h, k = 0…47
    expect(await count('2024-05-01T10:00:00Z')).toBe(1);
    expect(await count('2024-05-01T18:00:00+08:00')).toBe(1);       // = 10:00Z
    expect(await count('2024-05-01T10:30:00Z')).toBe(0);
    expect(await count('2024-05-01')).toBe(24);                       // k = 0…23
    expect(await count('2024-05-01T10:00:00Z/2024-05-01T12:00:00Z')).toBe(3); // 10, 11, 12: closed interval
    expect(await count('../2024-05-01T05:00:00Z')).toBe(6);           // k = 0…5
    expect(await count('2024-05-02T20:00:00Z/..')).toBe(4);           // k = 44…47
    expect(await count('2024-05-02T20:00:00Z/')).toBe(4);
    expect(await count('2024-05-01/2024-05-01')).toBe(24);            // an end date covers its day
    expect(await count('../..')).toBe(48);
    for (const bad of ['yesterday', '2024-05-01T25:00:00Z', '2024-05-02T00:00:00Z/2024-05-01T00:00:00Z', '..', '/']) {
      const res = await items('positions', { datetime: bad });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.field).toBe('datetime');
    }
  });
});

describe('CQL2 filter', () => {
  const matched = async (filter: string, extra: Record<string, string> = {}) => {
    const res = await items('enterprises', { filter: `(${filter}) AND ${NAME}`, limit: 1, ...extra });
    expect(res.status, `${filter}: ${JSON.stringify(res.body.error)}`).toBe(200);
    return res.body.numberMatched;
  };

  it('evaluates comparisons, AND/OR/NOT, LIKE, IN, BETWEEN and IS NULL', async () => {
    // red/orange ⇔ i mod 4 ∈ {0, 1}; employees ≥ 1000 ⇔ i ≥ 100: i = 100,104,…,124 (7) and 101,105,…,121 (6) → 13
    expect(await matched("risk_level IN ('red','orange') AND employees >= 1000")).toBe(13);
    // employees 200…300 ⇔ i = 20…30 → 11
    expect(await matched('employees BETWEEN 200 AND 300')).toBe(11);
    expect(await matched('employees NOT BETWEEN 200 AND 300')).toBe(GRID - 11);
    // industry is set for even i: 63 of 0…124, NULL for the 62 odd
    expect(await matched('industry IS NULL')).toBe(62);
    expect(await matched("industry IS NOT NULL AND industry = '化工'")).toBe(63);
    // i < 10 or i > 120: 10 + 4 = 14
    expect(await matched('employees < 100 OR employees > 1200')).toBe(14);
    expect(await matched('NOT (employees < 100 OR employees > 1200)')).toBe(GRID - 14);
    // names OGC测试-1, -10…-19, -100…-124: 1 + 10 + 25 = 36
    expect(await matched("name LIKE 'OGC测试-1%'")).toBe(36);
    // exactly two characters after the dash: i = 10…99 → 90
    expect(await matched("name LIKE 'OGC测试-__'")).toBe(90);
    expect(await matched("CASEI(risk_level) = CASEI('RED')")).toBe(32); // i mod 4 = 0: 0,4,…,124 → 32
    expect(await matched("risk_level <> 'red' AND district = '黄浦区' AND employees <= 240")).toBe(4); // i mod 5 = 1, i ≤ 24: 1,6,11,16,21 minus red (16) → 4
    expect(await matched("updated_at > TIMESTAMP('2000-01-01T00:00:00Z')")).toBe(GRID);
    expect(await matched("updated_at < '2000-01-01T00:00:00Z'")).toBe(0);
  });

  it('evaluates S_INTERSECTS with POLYGON and BBOX literals, also in filter-crs EPSG:4326', async () => {
    // the polygon covers lon 121.2995…121.3045 (i mod 25 = 0, 1, 2) and lat 30.9995…31.0025 (rows 0, 1): 6
    const poly = 'POLYGON((121.2995 30.9995, 121.3045 30.9995, 121.3045 31.0025, 121.2995 31.0025, 121.2995 30.9995))';
    expect(await matched(`S_INTERSECTS(geom, ${poly})`)).toBe(6);
    expect(await matched('S_INTERSECTS(geom, BBOX(121.2995, 30.9995, 121.3045, 31.0025))')).toBe(6);
    expect(await matched('S_WITHIN(geom, BBOX(31.0025, 121.2995, 31.9995, 121.3045))', { 'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/4326' }))
      .toBe(3 * 3); // lat 31.0025…31.9995 → rows 2, 3, 4; 3 columns
    expect(await matched('S_INTERSECTS(geometry, POINT(121.3 31.0))')).toBe(1); // `geometry` names the geometry column too
  });

  it('evaluates S_DWITHIN in metres on the spheroid', async () => {
    const res = await items('enterprises', { filter: "S_DWITHIN(geom, POINT(121.60 31.20), 1000) AND name LIKE 'OGC距离-%'" });
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual([nearId]);
    const both = await items('enterprises', { filter: "S_DWITHIN(geom, POINT(121.60 31.20), 1010) AND name LIKE 'OGC距离-%'" });
    expect(idsOf(both.body)).toEqual([nearId, farId]);
    // the database's own distances agree with the hand estimate of the fixture comment: 997.9 m and 1008.9 m
    expect(sql.distancesM[0]).toBeCloseTo(997.9, 0);
    expect(sql.distancesM[1]).toBeCloseTo(1008.9, 0);
  });

  it('answers a syntax error with 400 and the character position', async () => {
    const res = await items('enterprises', { filter: "district = '黄浦区' AND AND employees > 1" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('filter');
    // offsets: district 0–7, = 9, '黄浦区' 11–15, AND 17–19, the second AND at 21
    expect(res.body.error.message).toContain('character 22');
  });

  it('answers unknown properties, type errors and other filter languages with 400', async () => {
    const unknown = await items('enterprises', { filter: "colour = 'red'" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    expect(unknown.body.error.field).toBe('filter');
    const type = await items('enterprises', { filter: "employees > 'many'" });
    expect(type.status).toBe(400);
    expect(type.body.error.message).toMatch(/character 13/);
    const lang = await items('enterprises', { filter: 'employees > 1', 'filter-lang': 'cql2-json' });
    expect(lang.status).toBe(400);
    expect(lang.body.error.field).toBe('filter-lang');
    const noGeom = await items('vehicles', { filter: 'S_INTERSECTS(geom, POINT(121 31))' });
    expect(noGeom.status).toBe(400);
  });

  it('keeps user text out of the SQL and uses the spatial indexes for bbox and S_DWITHIN', () => {
    expect(sql.injection.text).not.toMatch(/DROP|121\.6/);
    expect(sql.injection.values).toContain("x';DROP TABLE enterprises;--");
    expect(sql.bboxPlan).toMatch(/enterprises_geom_idx/);
    expect(sql.dwithinPlan).toMatch(/enterprises_ge(om|og)_idx/);
    expect(sql.dwithinPlan).not.toMatch(/Seq Scan on enterprises/);
  });
});

describe('single feature and district scope', () => {
  it('returns one feature as application/geo+json, in the requested CRS', async () => {
    const res = await api(`/ogc/collections/enterprises/items/${gridIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    expect(res.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/OGC/1.3/CRS84>');
    expect(res.body).toMatchObject({ type: 'Feature', id: gridIds[0], geometry: { type: 'Point', coordinates: [121.3, 31.0] }, properties: { name: 'OGC测试-0' } });
    expect(res.body.links).toContainEqual(expect.objectContaining({ rel: 'collection', href: `${apiUrl()}/ogc/collections/enterprises` }));
    const latLon = await api(`/ogc/collections/enterprises/items/${gridIds[0]}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4490')}`);
    expect(latLon.body.geometry.coordinates).toEqual([31.0, 121.3]);
    expect((await api(`/ogc/collections/enterprises/items/${gridIds[0]}?limit=1`)).status).toBe(400);
  });

  it('answers 404 for ids that are not integers or do not exist', async () => {
    for (const id of ['abc', '1.5', '-1', '99999999999999', '999999999999999999999']) {
      const res = await api(`/ogc/collections/enterprises/items/${id}`);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('shows a district-scoped user only the features of its districts', async () => {
    const res = await api(`/ogc/collections/enterprises/items?${q({ filter: NAME, limit: 1000 })}`, { token: scopedToken });
    expect(res.body.numberMatched).toBe(25); // 黄浦区 ⇔ i mod 5 = 1
    expect(new Set(res.body.features.map((f: { properties: { district: string } }) => f.properties.district))).toEqual(new Set(['黄浦区']));
    // i = 0 is in 浦东新区: hidden from this user
    expect((await api(`/ogc/collections/enterprises/items/${gridIds[0]}`, { token: scopedToken })).status).toBe(404);
    expect((await api(`/ogc/collections/enterprises/items/${gridIds[1]}`, { token: scopedToken })).status).toBe(200);
  });
});
