import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { api, apiUrl, databaseKind } from './helpers.ts';
import { decodeMvt, type MvtFeature, type MvtLayer } from '../src/tiles/mvt-decode.ts';
import { bufferedTileBBox4326, tileForLonLat, tileRangeForBBox, rangeContains, type BBox } from '../src/tiles/tile-math.ts';
import { TileCache } from '../src/tiles/cache.ts';
import { TileService } from '../src/tiles/service.ts';
import type { AppDeps } from '../src/context.ts';
import { NotificationScanner } from '../src/changes/pglite-notify.ts';
import { hashPassword } from '../src/auth/passwords.ts';

/*
 * Fixtures live in one z14 tile around People's Square, so their tile addresses are worked out once by hand:
 *   x = (lon + 180) / 360 · 2^z,   y = (1 − ln(tan φ + sec φ) / π) / 2 · 2^z
 * Enterprise E at (121.4737, 31.2304), z = 14 (2^14 = 16384):
 *   x = 301.4737 / 360 · 16384 = 13720.403  → tile x 13720, in-tile 0.403 · 4096 ≈ 1651
 *   ln(tan 31.2304° + sec 31.2304°) = ln(0.606347 + 1.169469) = 0.574260
 *   y = (1 − 0.574260 / π) / 2 · 16384 = (1 − 0.182793) / 2 · 16384 = 6694.563 → tile y 6694, in-tile 0.563 · 4096 ≈ 2308
 * The tile spans lon 121.46484…121.48682 (360 / 16384 = 0.021973° wide) and lat ≈ 31.2222…31.2410.
 * E moves to (124.5, 29.5) in the freshness test: x = 304.5 / 360 · 16384 = 13858.133 → 13858, in-tile 546;
 *   ln(tan 29.5° + sec 29.5°) = ln(0.565773 + 1.148956) = 0.539255, y = (1 − 0.171650) / 2 · 16384 = 6785.842 → 6785,
 *   in-tile 0.842 · 4096 ≈ 3451.
 * Empty sea tile: (125.5, 28.5) at z10 → x = 305.5 / 360 · 1024 = 868.98 → 868;
 *   y = (1 − 0.519299 / π) / 2 · 1024 = 427.37 → 427 (East China Sea, no data).
 */
const E_LON = 121.4737;
const E_LAT = 31.2304;
const TILE = { z: 14, x: 13720, y: 6694 };
const NEW_LON = 124.5;
const NEW_LAT = 29.5;
const SEA_TILE = { z: 10, x: 868, y: 427 };

const path = (layer: string, t: { z: number; x: number; y: number }) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}`;

async function getTile(p: string, headers: Record<string, string> = {}) {
  const res = await fetch(apiUrl() + p, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, layers: res.status === 200 ? decodeMvt(bytes) : [] as MvtLayer[] };
}

const layer = (layers: MvtLayer[], name: string) => layers.find((l) => l.name === name);
const feature = (layers: MvtLayer[], name: string, id: number): MvtFeature | undefined =>
  layer(layers, name)?.features.find((f) => f.id === id);

/**
 * A pg client of its own, as psql would be: connected for one piece of work and closed right after. It retries
 * while the embedded database's socket server has no free connection slot (pglite-socket's maxConnections).
 */
async function external<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const c = new pg.Client({ connectionString: inject('databaseUrl') });
    c.on('error', () => {});
    try {
      await c.connect();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`no second connection to the ${databaseKind()} database: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => {});
      // pglite-socket frees a connection slot a tick after the socket closes
      if (databaseKind() === 'pglite') await new Promise((r) => setTimeout(r, 300));
    }
  }
}

const ids = { e: 0, e2: 0, park: 0, pipe: 0, hazard: 0, occ: 0, user: 0 };
let scopedToken = '';

beforeAll(async () => {
  scopedToken = randomBytes(32).toString('hex');
  await external(async (c) => {
    await c.query('BEGIN');
    const one = async (sql: string, params: unknown[] = []) => (await c.query<{ id: number }>(sql, params)).rows[0].id;
    ids.e = await one(`INSERT INTO enterprises (name, district, industry, kind, employees, risk_level, geom)
      VALUES ('瓦片测试化工有限公司', '黄浦区', '化工', 'enterprise', 120, 'red', ST_SetSRID(ST_MakePoint($1, $2), 4326)) RETURNING id`,
      [E_LON, E_LAT]);
    ids.e2 = await one(`INSERT INTO enterprises (name, district, kind, risk_level, geom)
      VALUES ('瓦片测试浦东仓储', '浦东新区', 'warehouse', 'blue', ST_SetSRID(ST_MakePoint(121.4820, 31.2280), 4326)) RETURNING id`);
    ids.park = await one(`INSERT INTO chemical_parks (name, district, risk_grade, score, enclosed, geom)
      VALUES ('瓦片测试园区', '黄浦区', 'B', 72.5, true,
              ST_Multi(ST_MakeEnvelope(121.468, 31.225, 121.471, 31.227, 4326))) RETURNING id`);
    ids.pipe = await one(`INSERT INTO gas_pipelines (name, pressure_class, diameter_mm, material, depth_m, geom)
      VALUES ('瓦片测试次高压管', '次高压A', 500, '钢', 1.25,
              ST_GeomFromText('LINESTRING(121.470 31.233, 121.476 31.234, 121.482 31.235)', 4326)) RETURNING id`);
    // about 20 m × 20 m: a polygon at z17, smaller than 4 MVT units at z10 (1 unit ≈ 9.55 m Mercator ≈ 8.2 m ground)
    ids.hazard = await one(`INSERT INTO hazard_sources (name, unit_kind, grade, district, geom)
      VALUES ('瓦片测试储罐区', 'storage', 2, '黄浦区',
              ST_Multi(ST_MakeEnvelope(121.4760, 31.2380, 121.47621, 31.23818, 4326))) RETURNING id`);
    ids.occ = await one(`INSERT INTO pipeline_occupations (pipeline_id, name, kind, district, detected_at, status, evidence, geom)
      VALUES ($1, '瓦片测试占压', 'building', '黄浦区', '2024-03-15', 'detected', 'a long free-text note that stays out of tiles',
              ST_SetSRID(ST_MakePoint(121.4800, 31.2345), 4326)) RETURNING id`, [ids.pipe]);
    ids.user = await one(`INSERT INTO users (username, password_hash, role, districts)
      VALUES ('tiles_scoped_' || $1, $2, 'viewer', ARRAY['黄浦区']) RETURNING id`, [scopedToken.slice(0, 8), hashPassword(scopedToken)]);
    await c.query(`INSERT INTO sessions (token, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [scopedToken, ids.user]);
    await c.query('COMMIT');
  });
}, 120_000);

afterAll(async () => {
  await external(async (c) => {
    await c.query('BEGIN');
    await c.query('DELETE FROM pipeline_occupations WHERE id = $1', [ids.occ]);
    await c.query('DELETE FROM hazard_sources WHERE id = $1', [ids.hazard]);
    await c.query('DELETE FROM gas_pipelines WHERE id = $1', [ids.pipe]);
    await c.query('DELETE FROM chemical_parks WHERE id = $1', [ids.park]);
    await c.query('DELETE FROM enterprises WHERE id = ANY($1)', [[ids.e, ids.e2]]);
    await c.query('DELETE FROM users WHERE id = $1', [ids.user]); // sessions cascade
    await c.query('COMMIT');
  });
}, 120_000);

describe('tile arithmetic (pure)', () => {
  it('puts the fixtures where the hand computation says', () => {
    expect(tileForLonLat(E_LON, E_LAT, 14)).toEqual(TILE);
    expect(tileForLonLat(125.5, 28.5, 10)).toEqual(SEA_TILE);
    expect(tileForLonLat(NEW_LON, NEW_LAT, 14)).toEqual({ z: 14, x: 13858, y: 6785 });
  });

  it('invalidation ranges are exactly the tiles whose buffered square the bbox meets', () => {
    // a feature bbox meets tile t iff it intersects t's buffered 4326 box (the SQL prefilter); check a grid of cases
    const boxes: BBox[] = [[121.4737, 31.2304, 121.4737, 31.2304], [121.46, 31.22, 121.49, 31.25], [121.4868, 31.241, 121.4869, 31.2411]];
    for (const b of boxes) {
      for (const z of [10, 14, 17]) {
        const r = tileRangeForBBox(b, z);
        const c = tileForLonLat(b[0], b[1], z);
        for (let x = c.x - 3; x <= c.x + 3; x++) {
          for (let y = c.y - 3; y <= c.y + 3; y++) {
            const t = bufferedTileBBox4326(z, x, y);
            const meets = b[0] <= t[2] && b[2] >= t[0] && b[1] <= t[3] && b[3] >= t[1];
            if (meets) expect(rangeContains(r, x, y), `z${z} ${x}/${y} must be invalidated for ${b}`).toBe(true);
          }
        }
        // and the range is tight: a point feature touches at most 2 × 2 tiles (its own and buffer neighbours)
        if (b[0] === b[2]) expect((r.maxX - r.minX + 1) * (r.maxY - r.minY + 1)).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe('tile cache (pure)', () => {
  const tile = (n: number) => ({ bytes: Buffer.alloc(n, 1), etag: '"x"' });

  it('evicts least recently used tiles once the byte budget is exceeded', () => {
    const cache = new TileCache(3 * (1000 + 200));
    const k = (i: number) => TileCache.key('roads', '*', 14, i, 0);
    for (let i = 0; i < 3; i++) cache.set(k(i), 'roads', 14, i, 0, tile(1000), cache.sequence);
    expect(cache.get(k(0))).toBeDefined(); // 0 is now the most recent
    cache.set(k(3), 'roads', 14, 3, 0, tile(1000), cache.sequence);
    expect(cache.get(k(1))).toBeUndefined();
    expect(cache.get(k(0))).toBeDefined();
    expect(cache.get(k(3))).toBeDefined();
    expect(cache.stats().bytes).toBeLessThanOrEqual(cache.maxBytes);
  });

  it('drops only the touched tiles of the changed layer and the composite, and refuses a render that raced a change', () => {
    const cache = new TileCache(1 << 20);
    const t = tileForLonLat(E_LON, E_LAT, 14);
    const far = tileForLonLat(125.5, 28.5, 14);
    const start = cache.sequence;
    for (const l of ['enterprises', 'roads', 'all']) {
      cache.set(TileCache.key(l, '*', 14, t.x, t.y), l, 14, t.x, t.y, tile(10), start);
      cache.set(TileCache.key(l, '*', 14, far.x, far.y), l, 14, far.x, far.y, tile(10), start);
    }
    const dropped = cache.invalidate([{ collection: 'enterprises', bboxes: [[E_LON, E_LAT, E_LON, E_LAT]] }]);
    expect(dropped).toBe(2); // enterprises + all at the touched tile
    expect(cache.get(TileCache.key('enterprises', '*', 14, t.x, t.y))).toBeUndefined();
    expect(cache.get(TileCache.key('all', '*', 14, t.x, t.y))).toBeUndefined();
    expect(cache.get(TileCache.key('roads', '*', 14, t.x, t.y))).toBeDefined();
    expect(cache.get(TileCache.key('enterprises', '*', 14, far.x, far.y))).toBeDefined();
    // a render that started before that invalidation must not be stored for the touched tile, but may elsewhere
    expect(cache.set(TileCache.key('enterprises', '*', 14, t.x, t.y), 'enterprises', 14, t.x, t.y, tile(10), start)).toBe(false);
    expect(cache.set(TileCache.key('roads', '*', 14, t.x, t.y), 'roads', 14, t.x, t.y, tile(10), start)).toBe(true);
  });
});

describe('NotificationScanner (embedded LISTEN tap)', () => {
  it('finds NotificationResponse messages in a protocol stream split at every byte', () => {
    const msg = (type: string, body: Buffer) => {
      const head = Buffer.alloc(5);
      head.write(type, 0, 'latin1');
      head.writeInt32BE(body.length + 4, 1);
      return Buffer.concat([head, body]);
    };
    const notify = (channel: string, payload: string) =>
      msg('A', Buffer.concat([Buffer.from([0, 0, 0, 42]), Buffer.from(channel + '\0' + payload + '\0', 'utf8')]));
    const stream = Buffer.concat([
      msg('C', Buffer.from('SELECT 1\0')), notify('atlas_changes', '{"collection":"道路"}'),
      msg('D', Buffer.alloc(70_000, 0x41)), // a big DataRow full of 'A' bytes must not be mistaken for notifications
      notify('other', 'x'), msg('Z', Buffer.from('I')),
    ]);
    const seen: string[] = [];
    const scanner = new NotificationScanner((ch, p) => seen.push(`${ch}:${p}`));
    for (let i = 0; i < stream.length; i++) scanner.push(stream.subarray(i, i + 1));
    expect(seen).toEqual(['atlas_changes:{"collection":"道路"}', 'other:x']);
  });
});

describe('GET /tiles/{collection}/{z}/{x}/{y}', () => {
  it('returns an MVT whose enterprises layer holds the fixture with its attributes at its position', async () => {
    const res = await getTile(path('enterprises', TILE));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.layers.map((l) => l.name)).toEqual(['enterprises']);
    const f = feature(res.layers, 'enterprises', ids.e)!;
    expect(f).toBeDefined();
    expect(f.type).toBe(1);
    expect(f.properties).toMatchObject({ id: ids.e, name: '瓦片测试化工有限公司', district: '黄浦区', industry: '化工',
      kind: 'enterprise', employees: 120, risk_level: 'red' });
    expect(f.properties).not.toHaveProperty('created_at');
    expect(f.properties).not.toHaveProperty('geom');
    // in-tile position worked out above: (1651, 2308), ±1 for ST_AsMVTGeom's grid snapping
    expect(Math.abs(f.geometry[0][0][0] - 1651)).toBeLessThanOrEqual(1);
    expect(Math.abs(f.geometry[0][0][1] - 2308)).toBeLessThanOrEqual(1);
  });

  it('keeps numbers as numbers, dates as ISO strings, and leaves long free text out', async () => {
    const pipes = await getTile(path('gas_pipelines', TILE));
    const pipe = feature(pipes.layers, 'gas_pipelines', ids.pipe)!;
    expect(pipe.type).toBe(2);
    expect(pipe.properties).toMatchObject({ pressure_class: '次高压A', diameter_mm: 500, depth_m: 1.25, material: '钢' });
    const parks = await getTile(path('chemical_parks', TILE));
    const park = feature(parks.layers, 'chemical_parks', ids.park)!;
    expect(park.type).toBe(3);
    expect(park.properties).toMatchObject({ risk_grade: 'B', score: 72.5, enclosed: true });
    const occs = await getTile(path('pipeline_occupations', TILE));
    const occ = feature(occs.layers, 'pipeline_occupations', ids.occ)!;
    expect(occ.properties).toMatchObject({ pipeline_id: ids.pipe, detected_at: '2024-03-15', status: 'detected', kind: 'building' });
    expect(occ.properties).not.toHaveProperty('evidence');
  });

  it('draws a 20 m polygon as a polygon at z17 and as a point at z10 instead of dropping it', async () => {
    const z17 = tileForLonLat(121.4761, 31.2381, 17);
    const near = feature((await getTile(path('hazard_sources', z17))).layers, 'hazard_sources', ids.hazard)!;
    expect(near.type).toBe(3);
    expect(near.properties).toMatchObject({ name: '瓦片测试储罐区', grade: 2 });
    const z10 = tileForLonLat(121.4761, 31.2381, 10);
    const far = feature((await getTile(path('hazard_sources', z10))).layers, 'hazard_sources', ids.hazard)!;
    expect(far.type).toBe(1);
  });

  it('answers 204 for an empty sea tile, single layer and composite', async () => {
    expect((await getTile(path('enterprises', SEA_TILE))).status).toBe(204);
    const all = await getTile(path('all', SEA_TILE));
    expect(all.status).toBe(204);
    expect(all.bytes.length).toBe(0);
  });

  it('serves an ETag and answers a matching If-None-Match with 304', async () => {
    const a = await getTile(path('enterprises', TILE));
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(a.headers.get('cache-control')).toMatch(/^public, max-age=\d+, must-revalidate$/);
    const b = await getTile(path('enterprises', TILE), { 'if-none-match': etag });
    expect(b.status).toBe(304);
    expect(b.bytes.length).toBe(0);
    expect(b.headers.get('etag')).toBe(etag);
    const c = await getTile(path('enterprises', TILE), { 'if-none-match': '"something-else"' });
    expect(c.status).toBe(200);
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(c.headers.get('x-tile-cache')).toBe('hit');
  });

  it('shows a district-scoped user only its districts', async () => {
    const res = await getTile(path('enterprises', TILE), { authorization: `Bearer ${scopedToken}` });
    expect(feature(res.layers, 'enterprises', ids.e)).toBeDefined(); // 黄浦区
    expect(feature(res.layers, 'enterprises', ids.e2)).toBeUndefined(); // 浦东新区
    const everyone = await getTile(path('enterprises', TILE));
    expect(feature(everyone.layers, 'enterprises', ids.e2)).toBeDefined();
  });

  it('rejects bad addresses with 400 naming the field and unknown layers with 404', async () => {
    const cases: [string, number, string | undefined][] = [
      ['/tiles/enterprises/19/0/0', 400, 'z'], ['/tiles/enterprises/3/8/0', 400, 'x'], ['/tiles/enterprises/3/0/8', 400, 'y'],
      ['/tiles/enterprises/a/0/0', 400, 'z'], ['/tiles/enterprises/2/-1/0', 400, 'x'],
      ['/tiles/nope/1/0/0', 404, undefined], ['/tiles/chemicals/1/0/0', 404, undefined], ['/tiles/positions/1/0/0', 404, undefined],
      ['/tiles/nope', 404, undefined],
    ];
    for (const [p, status, field] of cases) {
      const res = await api(p);
      expect(res.status, p).toBe(status);
      expect(res.body.error.code, p).toBe(status === 400 ? 'bad_request' : 'not_found');
      if (field) expect(res.body.error.field, p).toBe(field);
    }
    expect((await getTile('/tiles/enterprises/14/13720/6694.mvt')).status).toBe(200);
  });
});

describe('composite tile /tiles/all/{z}/{x}/{y}', () => {
  it('holds one layer per collection present in the tile', async () => {
    const res = await getTile(path('all', TILE));
    expect(res.status).toBe(200);
    const names = res.layers.map((l) => l.name);
    for (const n of ['enterprises', 'chemical_parks', 'gas_pipelines', 'hazard_sources', 'pipeline_occupations']) expect(names).toContain(n);
    expect(new Set(names).size).toBe(names.length);
    expect(feature(res.layers, 'gas_pipelines', ids.pipe)?.properties.pressure_class).toBe('次高压A');
    expect(feature(res.layers, 'enterprises', ids.e)?.properties.name).toBe('瓦片测试化工有限公司');
  });
});

describe('TileJSON', () => {
  it('describes a collection with an absolute tiles URL, bounds and its fields', async () => {
    const res = await api('/tiles/enterprises');
    expect(res.status).toBe(200);
    const tj = res.body;
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual([`${apiUrl()}/tiles/enterprises/{z}/{x}/{y}`]);
    expect(tj.minzoom).toBe(0);
    expect(tj.maxzoom).toBe(18);
    const [w, s, e, n] = tj.bounds;
    expect(w <= E_LON && E_LON <= e && s <= E_LAT && E_LAT <= n).toBe(true);
    expect(tj.vector_layers).toHaveLength(1);
    expect(tj.vector_layers[0].id).toBe('enterprises');
    expect(tj.vector_layers[0].fields).toMatchObject({ id: 'Number', name: 'String', employees: 'Number', risk_level: 'String' });
    expect(tj.vector_layers[0].fields).not.toHaveProperty('geom');
    expect(tj.vector_layers[0].fields).not.toHaveProperty('created_at');
  });

  it('lists every tiled collection in the composite TileJSON and honours X-Forwarded-Host', async () => {
    const res = await api('/tiles/all', { headers: { 'x-forwarded-host': 'atlas.example.cn', 'x-forwarded-proto': 'https' } });
    expect(res.body.tiles).toEqual(['https://atlas.example.cn/tiles/all/{z}/{x}/{y}']);
    const ids = res.body.vector_layers.map((l: { id: string }) => l.id);
    expect(ids).toContain('roads');
    expect(ids).toContain('districts');
    expect(ids).not.toContain('positions');
    expect(ids).not.toContain('chemicals');
    const bad = await api('/tiles/positions');
    expect(bad.status).toBe(404);
  });

  it('lists the tile layers at /tiles with a live change feed', async () => {
    const res = await api('/tiles');
    expect(res.status).toBe(200);
    expect(res.body.changeFeed).toBe('live');
    expect(res.body.layers.find((l: { id: string }) => l.id === 'gas_pipelines').tilejson).toBe(`${apiUrl()}/tiles/gas_pipelines`);
    expect(res.body.layers.at(-1).id).toBe('all');
  });
});

/** Reads /api/stream in the background, keeping every event. */
async function openStream() {
  const ctrl = new AbortController();
  const res = await fetch(apiUrl() + '/api/stream', { signal: ctrl.signal });
  const events: { event: string; data: any; at: number }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.replace(/^data: ?/, '')).join('\n');
          events.push({ event, data: data ? JSON.parse(data) : null, at: Date.now() });
        }
      }
    } catch { /* aborted */ }
  })();
  const waitFor = async (pred: (e: { event: string; data: any }) => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const e = events.find(pred);
      if (e) return e;
      await new Promise((r) => setTimeout(r, 20));
    }
    return undefined;
  };
  await waitFor((e) => e.event === 'hello', 5000);
  return { events, waitFor, close: async () => { ctrl.abort(); await pump; } };
}

describe('encoders', () => {
  // real PostgreSQL writes MVT with ST_AsMVT; the portable encoder (PGlite's PostGIS lacks protobuf-c) must agree
  it.skipIf(databaseKind() !== 'postgres')('the portable encoder matches ST_AsMVT feature for feature', async () => {
    const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
    try {
      const deps = { db: { pool, kind: 'postgres', url: inject('databaseUrl'), close: async () => {} } } as unknown as AppDeps;
      const viaPostgis = new TileService(deps, { encoder: 'postgis' });
      const viaPortable = new TileService(deps, { encoder: 'portable' });
      for (const t of [TILE, tileForLonLat(121.4761, 31.2381, 17), tileForLonLat(E_LON, E_LAT, 10)]) {
        const a = decodeMvt((await viaPostgis.render('all', t.z, t.x, t.y, null)).tile.bytes);
        const b = decodeMvt((await viaPortable.render('all', t.z, t.x, t.y, null)).tile.bytes);
        expect(b.map((l) => l.name).sort(), `layers at ${t.z}/${t.x}/${t.y}`).toEqual(a.map((l) => l.name).sort());
        for (const la of a) {
          const lb = layer(b, la.name)!;
          // ST_AsMVTGeom also drops lines it simplifies below one grid unit; the portable path may keep such a
          // sub-pixel feature (extent ≤ 1 unit): any other difference in the feature sets is an error
          const idsA = new Set(la.features.map((f) => f.id));
          const idsB = new Set(lb.features.map((f) => f.id));
          const extra = [...la.features.filter((f) => !idsB.has(f.id)), ...lb.features.filter((f) => !idsA.has(f.id))];
          for (const f of extra) {
            const pts = f.geometry.flat();
            const span = Math.max(Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0])),
              Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1])));
            expect(span, `${la.name} ${f.id} is in one encoding only`).toBeLessThanOrEqual(1);
          }
          expect(extra.length).toBeLessThanOrEqual(Math.max(2, la.features.length / 100));
          for (const fa of la.features) {
            const fb = lb.features.find((f) => f.id === fa.id);
            if (!fb) continue;
            expect(fb.type, `${la.name} ${fa.id}`).toBe(fa.type);
            for (const [k, v] of Object.entries(fa.properties)) {
              if (typeof v === 'number') expect(fb.properties[k]).toBeCloseTo(v, 4); else expect(fb.properties[k]).toEqual(v);
            }
            if (fa.type === 1) {
              expect(Math.abs(fb.geometry[0][0][0] - fa.geometry[0][0][0])).toBeLessThanOrEqual(1);
              expect(Math.abs(fb.geometry[0][0][1] - fa.geometry[0][0][1])).toBeLessThanOrEqual(1);
            }
          }
        }
      }
      // the fixtures' own features were among them
      const mine = decodeMvt((await viaPortable.render('all', TILE.z, TILE.x, TILE.y, null)).tile.bytes);
      expect(feature(mine, 'chemical_parks', ids.park)?.type).toBe(3);
      expect(feature(mine, 'gas_pipelines', ids.pipe)?.properties.depth_m).toBe(1.25);
    } finally {
      await pool.end();
    }
  });
});

describe('freshness', () => {
  it('a row moved by another client drops exactly the tiles it touched and reaches SSE clients within 2 s', async () => {
    const stream = await openStream();
    try {
      const newTile = tileForLonLat(NEW_LON, NEW_LAT, 14);
      // warm: the old tile (E inside), the new tile (empty: cached 204), an unrelated sea tile
      const before = await getTile(path('enterprises', TILE));
      expect(feature(before.layers, 'enterprises', ids.e)).toBeDefined();
      expect((await getTile(path('enterprises', TILE))).headers.get('x-tile-cache')).toBe('hit');
      await getTile(path('enterprises', newTile));
      const emptyBefore = await getTile(path('enterprises', newTile));
      expect(emptyBefore.status).toBe(204);
      expect(emptyBefore.headers.get('x-tile-cache')).toBe('hit');
      await getTile(path('enterprises', SEA_TILE));
      await getTile(path('all', TILE));

      let committedAt = 0;
      await external(async (c) => {
        await c.query('UPDATE enterprises SET geom = ST_SetSRID(ST_MakePoint($1, $2), 4326) WHERE id = $3', [NEW_LON, NEW_LAT, ids.e]);
        committedAt = Date.now();
      });

      const ev = await stream.waitFor((e) => e.event === 'change' && e.data?.collection === 'enterprises' && e.data?.ids?.includes(ids.e), 2000);
      expect(ev, 'SSE change event within 2 s').toBeDefined();
      expect(ev!.data.bbox[0]).toBeCloseTo(E_LON, 6); // union of the old and new position
      expect(ev!.data.bbox[2]).toBeCloseTo(NEW_LON, 6);

      const after = await getTile(path('enterprises', TILE));
      expect(Date.now() - committedAt).toBeLessThan(2000);
      expect(after.headers.get('x-tile-cache')).toBe('miss');
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
      expect(feature(after.layers, 'enterprises', ids.e)).toBeUndefined();
      expect(feature(after.layers, 'enterprises', ids.e2)).toBeDefined();

      const moved = await getTile(path('enterprises', newTile));
      expect(moved.status).toBe(200);
      const f = feature(moved.layers, 'enterprises', ids.e)!;
      // in-tile position worked out above: (546, 3451)
      expect(Math.abs(f.geometry[0][0][0] - 546)).toBeLessThanOrEqual(1);
      expect(Math.abs(f.geometry[0][0][1] - 3451)).toBeLessThanOrEqual(1);
      const composite = await getTile(path('all', TILE));
      expect(composite.headers.get('x-tile-cache')).toBe('miss');
      expect(feature(composite.layers, 'enterprises', ids.e)).toBeUndefined();
      // exact invalidation: the unrelated tile is still served from the cache
      expect((await getTile(path('enterprises', SEA_TILE))).headers.get('x-tile-cache')).toBe('hit');
    } finally {
      await stream.close();
    }
  }, 90_000);
});
