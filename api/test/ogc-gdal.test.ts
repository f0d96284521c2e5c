import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiUrl, databaseKind, external } from './helpers.ts';
import { collections } from '../src/layers/catalog.ts';

/**
 * GDAL's OAPIF driver (Debian gdal-bin) against the live server: the client QGIS and ogr2ogr users will point at it.
 * Skipped, with a message, only where `ogrinfo` is not installed.
 */
const gdal = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
const hasGdal = gdal.status === 0;
if (!hasGdal) console.warn('[ogc-gdal] skipped: ogrinfo is not on PATH (Debian: apt-get install gdal-bin)');

const run = promisify(execFile);
async function ogr(cmd: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' } });
  return stdout;
}

/** GDAL's names for the OGC/GeoJSON geometry types of the catalog */
const gdalType: Record<string, string> = { Point: 'Point', LineString: 'Line String', Polygon: 'Polygon', MultiPolygon: 'Multi Polygon' };

let dir = '';
/** read from the database right after the fixtures were written */
const sql = { counts: new Map<string, number>(), chemicals: 0, enterpriseIds: [] as number[], spatCount: 0 };


describe.skipIf(!hasGdal)(`GDAL OAPIF driver (${hasGdal ? gdal.stdout.trim() : 'ogrinfo missing'})`, () => {
  const source = () => `OAPIF:${apiUrl()}/ogc`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ogc-gdal-'));
    // at least one row in each table with a fixed geometry type, so that GDAL can see the type on the first page,
    // and 130 enterprises: three pages of 50 for ogr2ogr
    await external(async (client) => {
      await client.query('BEGIN');
      await client.query(`INSERT INTO enterprises (name, district, employees, geom)
        SELECT 'OGC-GDAL-' || i, '浦东新区', i, ST_SetSRID(ST_MakePoint(121.70 + (i % 13) * 0.001, 31.10 + (i / 13) * 0.001), 4326)
          FROM generate_series(1, 130) i`);
      await client.query(`INSERT INTO districts (name, code, geom) VALUES ('OGC-GDAL区', 'OGCGDAL1', ST_Multi(ST_MakeEnvelope(121.7, 31.1, 121.72, 31.12, 4326)))`);
      await client.query(`INSERT INTO chemical_parks (name, geom) VALUES ('OGC-GDAL园区', ST_Multi(ST_MakeEnvelope(121.7, 31.1, 121.71, 31.11, 4326)))`);
      await client.query(`INSERT INTO restricted_zones (name, rule, geom) VALUES ('OGC-GDAL限行区', 'no_hazmat', ST_Multi(ST_MakeEnvelope(121.7, 31.1, 121.71, 31.11, 4326)))`);
      await client.query(`INSERT INTO roads (name, class, speed_kmh, geom) VALUES ('OGC-GDAL路', 'local', 30, ST_GeomFromText('LINESTRING(121.70 31.10, 121.71 31.11)', 4326))`);
      await client.query(`INSERT INTO railways (name, kind, geom) VALUES ('OGC-GDAL铁路', 'other', ST_GeomFromText('LINESTRING(121.70 31.11, 121.71 31.10)', 4326))`);
      await client.query(`INSERT INTO gas_pipelines (name, pressure_class, geom) VALUES ('OGC-GDAL管线', '中压A', ST_GeomFromText('LINESTRING(121.70 31.105, 121.71 31.105)', 4326))`);
      await client.query(`INSERT INTO rail_crossings (name, guarded, geom) VALUES ('OGC-GDAL道口', true, ST_SetSRID(ST_MakePoint(121.705, 31.105), 4326))`);
      await client.query(`INSERT INTO emergency_resources (name, kind, geom) VALUES ('OGC-GDAL消防站', 'fire_station', ST_SetSRID(ST_MakePoint(121.706, 31.106), 4326))`);
      await client.query(`INSERT INTO hidden_dangers (title, source_kind, level, found_at, geom) VALUES ('OGC-GDAL隐患', 'other', 'general', '2024-05-01', ST_SetSRID(ST_MakePoint(121.707, 31.107), 4326))`);
      await client.query('COMMIT');

      const fixed = collections.filter((c) => c.geometryType && c.geometryType !== 'Geometry');
      const { rows } = await client.query<{ id: string; n: number }>(
        fixed.map((c) => `SELECT '${c.id}' AS id, count(*)::int AS n FROM ${c.id}`).join(' UNION ALL '));
      sql.counts = new Map(rows.map((r) => [r.id, r.n]));
      sql.chemicals = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM chemicals')).rows[0].n;
      sql.enterpriseIds = (await client.query<{ id: number }>('SELECT id FROM enterprises ORDER BY id')).rows.map((r) => r.id);
      sql.spatCount = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprises WHERE district = '浦东新区' AND employees <= 28
        AND ST_Intersects(geom, ST_MakeEnvelope(121.7, 31.1, 121.7025, 31.1025, 4326))`)).rows[0].n;
    });
  }, 120_000);

  afterAll(async () => {
    await external(async (c) => {
      await c.query('BEGIN');
      await c.query(`DELETE FROM enterprises WHERE name LIKE 'OGC-GDAL-%'`);
      for (const [table, col] of [['districts', 'name'], ['chemical_parks', 'name'], ['restricted_zones', 'name'], ['roads', 'name'],
        ['railways', 'name'], ['gas_pipelines', 'name'], ['rail_crossings', 'name'], ['emergency_resources', 'name'], ['hidden_dangers', 'title']]) {
        await c.query(`DELETE FROM ${table} WHERE ${col} LIKE 'OGC-GDAL%'`);
      }
      await c.query('COMMIT');
    });
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('ogrinfo lists every collection with geometry', async () => {
    const out = await ogr('ogrinfo', ['-ro', '-so', source()]);
    const layers = [...out.matchAll(/^\d+: (\w+)/gm)].map((m) => m[1]);
    for (const c of collections.filter((c) => c.geometryColumn)) expect(layers, c.id).toContain(c.id);
    // the tables without geometry are listed too (as layers whose features have no geometry)
    expect(layers).toContain('chemicals');
    expect(layers).toContain('vehicles');
  });

  it('ogrinfo reports the geometry type, the SQL feature count and the fields of each layer', async () => {
    const fixed = collections.filter((c) => c.geometryType && c.geometryType !== 'Geometry');
    const counts = sql.counts;
    let checked = 0;
    for (const c of fixed) {
      // GDAL learns the geometry type from the first page, so only non-empty layers can show it
      if (!counts.get(c.id)) continue;
      const out = await ogr('ogrinfo', ['-ro', '-so', source(), c.id]);
      expect(out, c.id).toContain(`Geometry: ${gdalType[c.geometryType!]}\n`);
      expect(out, c.id).toContain(`Feature Count: ${counts.get(c.id)}\n`);
      checked++;
    }
    // the fixtures guarantee at least these ten
    expect(checked).toBeGreaterThanOrEqual(10);
    const enterprises = await ogr('ogrinfo', ['-ro', '-so', source(), 'enterprises']);
    for (const field of ['id: Integer', 'name: String', 'district: String', 'employees: Integer', 'risk_level: String', 'updated_at: DateTime']) {
      expect(enterprises).toContain(`${field} (`);
    }
    expect(enterprises).not.toMatch(/^geom:/m);
  });

  it('ogrinfo opens a table without geometry and counts its records', async () => {
    const out = await ogr('ogrinfo', ['-ro', '-so', source(), 'chemicals']);
    expect(out).toContain(`Feature Count: ${sql.chemicals}\n`);
    expect(out).toMatch(/^name: String/m);
  });

  it('ogrinfo pushes attribute and spatial filters to the server as ?property=value and bbox', async () => {
    // OGC-GDAL-i at lon 121.700 + (i mod 13)·0.001, lat 31.100 + ⌊i/13⌋·0.001, i = 1…130;
    // -spat 121.7 31.1 121.7025 31.1025 → i mod 13 ∈ {0,1,2}, ⌊i/13⌋ ∈ {0,1,2} → i = 1,2,13,14,15,26,27,28 (i = 0 does not exist): 8
    const out = await ogr('ogrinfo', ['-ro', '-so', source(), 'enterprises', '-spat', '121.7', '31.1', '121.7025', '31.1025',
      '-where', "district = '浦东新区' AND employees <= 28"]);
    expect(sql.spatCount).toBeGreaterThanOrEqual(8);
    expect(out).toContain(`Feature Count: ${sql.spatCount}\n`);
  });

  it('ogr2ogr copies every enterprise exactly once with a page size of 50', async () => {
    const file = path.join(dir, 'enterprises.json');
    await ogr('ogr2ogr', ['-f', 'GeoJSON', file, source(), 'enterprises', '-oo', 'PAGE_SIZE=50']);
    const fc = JSON.parse(await readFile(file, 'utf8')) as { features: Array<{ properties: { id: number; name: string }; geometry: { coordinates: number[] } }> };
    const got = fc.features.map((f) => f.properties.id);
    expect(sql.enterpriseIds.length).toBeGreaterThanOrEqual(130);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort((a, b) => a - b)).toEqual(sql.enterpriseIds);
    // OGC-GDAL-14: i mod 13 = 1, ⌊i/13⌋ = 1 → (121.701, 31.101)
    expect(fc.features.find((f) => f.properties.name === 'OGC-GDAL-14')!.geometry.coordinates).toEqual([121.701, 31.101]);
  });
});
