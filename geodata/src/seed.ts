import type pg from 'pg';
import { lineString, point, polygon, type Geometry } from './sample/geo.ts';
import { buildSampleCity, type SampleCity } from './sample/index.ts';
import type { AreaShape } from './sample/restrictions.ts';

/** True once the sample city (or any city) has been loaded. */
export async function isSeeded(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM districts');
  return rows[0].n > 0;
}

/** Tables the sample city writes, in insertion order (referenced tables first). */
const CITY_TABLES = ['districts', 'basemap_features', 'planning_areas', 'chemical_parks', 'enterprises', 'hazard_sources',
  'gas_pipelines', 'pipeline_occupations', 'railways', 'rail_crossings', 'emergency_resources', 'protected_targets',
  'restricted_zones', 'roads', 'hidden_dangers', 'vehicles', 'waybills', 'positions'] as const;

/** tables whose ids the sample sets itself (their sequences are moved past them afterwards) */
const ID_TABLES = CITY_TABLES.filter((t) => t !== 'basemap_features' && t !== 'positions');

/** GeoJSON (WGS 84) in record-set column `col` as a geometry */
const G = (col = 'geom') => `ST_SetSRID(ST_GeomFromGeoJSON(r.${col}::text), 4326)`;
/** polygons made valid and multi (the tables CHECK ST_IsValid) */
const MULTI = `ST_Multi(ST_CollectionExtract(ST_MakeValid(${G()}), 3))`;
/** a polygon, or a line/polygon buffered by r.buffer_m metres on the geography */
const AREA = `ST_Multi(ST_CollectionExtract(ST_MakeValid(CASE WHEN r.buffer_m IS NULL THEN ${G()}
  ELSE ST_Buffer(${G()}::geography, r.buffer_m)::geometry END), 3))`;

/**
 * One INSERT … SELECT … FROM json_to_recordset($1) per table: a single round trip for all its rows, which keeps
 * the load fast on PGlite (one connection; every statement crosses a socket).
 * `defs` declares the record set's fields; `values` maps each target column to an expression over `r`
 * (a field of the same name when the expression is omitted).
 */
async function insertRows(client: pg.PoolClient, table: string, defs: string, values: Record<string, string | null>,
  rows: Record<string, unknown>[], extraFrom = ''): Promise<number> {
  if (!rows.length) return 0;
  const cols = Object.keys(values);
  const exprs = cols.map((c) => values[c] ?? `r.${c}`);
  const res = await client.query(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${exprs.join(', ')} FROM json_to_recordset($1::json) AS r(${defs})${extraFrom}`,
    [JSON.stringify(rows)]);
  return res.rowCount ?? 0;
}

const areaGeom = (a: AreaShape): Geometry => (a.ring ? polygon(a.ring) : lineString(a.line!));
const all = (cols: string) => Object.fromEntries(cols.split(/,\s*/).map((c) => [c, null]));

/**
 * Loads the sample Shanghai (geodata/README.md says what is real and what is synthetic) in ONE transaction, so a
 * failure leaves the database as it was. Refuses to write into city tables that already hold rows.
 */
export async function seedSampleCity(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<void> {
  const t0 = Date.now();
  const city = buildSampleCity();
  log(`sample city: generated in ${Date.now() - t0} ms`);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: nonEmpty } = await client.query<{ t: string }>(
      CITY_TABLES.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM ${t})`).join(' UNION ALL '));
    if (nonEmpty.length) {
      throw new Error(`sample city: ${nonEmpty.map((r) => r.t).join(', ')} already hold rows; the sample city loads into an empty database only`);
    }
    await writeCity(client, city, log);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  log(`sample city: loaded in ${Date.now() - t0} ms`);
}

async function writeCity(client: pg.PoolClient, c: SampleCity, log: (msg: string) => void): Promise<void> {
  const step = async (label: string, run: () => Promise<number>) => {
    let n: number;
    try {
      n = await run();
    } catch (err) {
      throw new Error(`sample city: loading ${label} failed: ${(err as Error).message}`);
    }
    log(`sample city: ${label} ${n}`);
  };

  await step('districts', () => insertRows(client, 'districts',
    'id int, name text, name_en text, code text, population int, geom json',
    { ...all('id, name, name_en, code, population'), geom: MULTI },
    c.districts.map((d) => ({ id: d.id, name: d.name, name_en: d.nameEn, code: d.code, population: d.population,
      geom: { type: 'MultiPolygon', coordinates: d.geom } }))));

  await step('basemap_features', async () => {
    const rivers = await insertRows(client, 'basemap_features', 'name text, width_m float8, geom json',
      { kind: `'river'`, name: null, geom: `ST_Buffer(${G()}::geography, r.width_m / 2)::geometry` },
      c.rivers.map((r) => ({ name: r.name, width_m: r.widthM, geom: lineString(r.line) })));
    // the sea is the hand-drawn estuary/bay polygon minus the districts, so the coast is the districts' coast;
    // pieces under 1 km² are slivers between neighbouring district outlines, not water
    const water = await insertRows(client, 'basemap_features', 'name text, minus_land boolean, geom json',
      { kind: `'water'`, name: null,
        geom: `CASE WHEN r.minus_land THEN (SELECT ST_Multi(ST_Collect(d.geom)) FROM ST_Dump(ST_CollectionExtract(ST_MakeValid(
          ST_Difference(${G()}, land.g)), 3)) AS d WHERE ST_Area(d.geom::geography) > 1e6) ELSE ST_Multi(${G()}) END` },
      c.waterAreas.map((w) => ({ name: w.name, minus_land: w.minusLand, geom: polygon(w.ring) })),
      ', (SELECT ST_Union(geom) AS g FROM districts) AS land');
    const land = await client.query(`INSERT INTO basemap_features (kind, name, geom)
      SELECT 'land', '上海市陆域', ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(geom)), 3)) FROM districts`);
    return rivers + water + (land.rowCount ?? 0);
  });

  await step('planning_areas', () => insertRows(client, 'planning_areas', 'id int, kind text, name text, buffer_m float8, geom json',
    { ...all('id, kind, name'), geom: AREA },
    c.planningAreas.map((a) => ({ id: a.id, kind: a.kind, name: a.name, buffer_m: a.bufferM ?? null, geom: areaGeom(a) }))));

  await step('chemical_parks', () => insertRows(client, 'chemical_parks',
    'id int, name text, name_en text, district text, risk_grade text, score numeric, enclosed boolean, geom json',
    { ...all('id, name, name_en, district, risk_grade, score, enclosed'), geom: MULTI },
    c.parks.map((p) => ({ id: p.id, name: p.name, name_en: p.nameEn, district: p.district, risk_grade: p.riskGrade, score: p.score,
      enclosed: p.enclosed, geom: { type: 'MultiPolygon', coordinates: p.geom } }))));

  await step('enterprises', () => insertRows(client, 'enterprises',
    'id int, name text, credit_code text, district text, park_id int, industry text, kind text, contact text, phone text, employees int, risk_level text, geom json',
    { ...all('id, name, credit_code, district, park_id, industry, kind, contact, phone, employees, risk_level'), geom: G() },
    c.enterprises.map((e) => ({ id: e.id, name: e.name, credit_code: e.creditCode, district: e.district, park_id: e.parkId, industry: e.industry,
      kind: e.kind, contact: e.contact, phone: e.phone, employees: e.employees, risk_level: e.riskLevel, geom: point(e.location) }))));

  await step('hazard_sources', () => insertRows(client, 'hazard_sources',
    'id int, name text, enterprise_id int, unit_kind text, units jsonb, district text, geom json',
    { ...all('id, name, enterprise_id, unit_kind, units, district'), geom: G() },
    c.hazardSources.map((h) => ({ id: h.id, name: h.name, enterprise_id: h.enterpriseId, unit_kind: h.unitKind, units: h.units,
      district: h.district, geom: h.geom }))));

  await step('gas_pipelines', () => insertRows(client, 'gas_pipelines',
    'id int, name text, pressure_class text, diameter_mm int, material text, operator text, depth_m numeric, geom json',
    { ...all('id, name, pressure_class, diameter_mm, material, operator, depth_m'), geom: G() },
    c.pipelines.map((p) => ({ id: p.id, name: p.name, pressure_class: p.pressureClass, diameter_mm: p.diameterMm, material: p.material,
      operator: p.operator, depth_m: p.depthM, geom: lineString(p.coords) }))));

  await step('pipeline_occupations', () => insertRows(client, 'pipeline_occupations',
    'id int, pipeline_id int, name text, kind text, district text, detected_at date, status text, deadline date, evidence text, geom json',
    { ...all('id, pipeline_id, name, kind, district, detected_at, status, deadline, evidence'), geom: G() },
    c.occupations.map((o) => ({ id: o.id, pipeline_id: o.pipelineId, name: o.name, kind: o.kind, district: o.district, detected_at: o.detectedAt,
      status: o.status, deadline: o.deadline, evidence: o.evidence, geom: o.geom }))));

  await step('railways', () => insertRows(client, 'railways', 'id int, name text, kind text, operator text, geom json',
    { ...all('id, name, kind, operator'), geom: G() },
    c.railways.map((r) => ({ id: r.id, name: r.name, kind: r.kind, operator: r.operator, geom: lineString(r.coords) }))));

  await step('rail_crossings', () => insertRows(client, 'rail_crossings',
    'id int, name text, road text, railway_id int, guarded boolean, daily_trains int, daily_vehicles int, hidden_danger_status text, district text, geom json',
    { ...all('id, name, road, railway_id, guarded, daily_trains, daily_vehicles, hidden_danger_status, district'), geom: G() },
    c.railCrossings.map((x) => ({ id: x.id, name: x.name, road: x.road, railway_id: x.railwayId, guarded: x.guarded, daily_trains: x.dailyTrains,
      daily_vehicles: x.dailyVehicles, hidden_danger_status: x.hiddenDangerStatus, district: x.district, geom: point(x.location) }))));

  await step('emergency_resources', () => insertRows(client, 'emergency_resources',
    'id int, name text, kind text, capacity int, equipment text, contact text, phone text, district text, geom json',
    { ...all('id, name, kind, capacity, equipment, contact, phone, district'), geom: G() },
    c.resources.map((r) => ({ id: r.id, name: r.name, kind: r.kind, capacity: r.capacity, equipment: r.equipment, contact: r.contact,
      phone: r.phone, district: r.district, geom: point(r.location) }))));

  await step('protected_targets', () => insertRows(client, 'protected_targets',
    'id int, name text, kind text, sensitivity text, population int, district text, geom json',
    { ...all('id, name, kind, sensitivity, population, district'), geom: G() },
    c.protectedTargets.map((t) => ({ id: t.id, name: t.name, kind: t.kind, sensitivity: t.sensitivity, population: t.population,
      district: t.district, geom: t.geom }))));

  await step('restricted_zones', () => insertRows(client, 'restricted_zones',
    'id int, name text, rule text, time_windows jsonb, vehicle_classes text[], buffer_m float8, geom json',
    { ...all('id, name, rule, time_windows, vehicle_classes'), geom: AREA },
    c.restrictedZones.map((z) => ({ id: z.id, name: z.name, rule: z.rule, time_windows: z.timeWindows, vehicle_classes: z.vehicleClasses,
      buffer_m: z.bufferM ?? null, geom: areaGeom(z) }))));

  await step('roads', () => insertRows(client, 'roads',
    'id int, name text, class text, speed_kmh int, hazmat_allowed boolean, tunnel_category text, oneway boolean, source int, target int, length_m float8, geom json',
    { ...all('id, name, class, speed_kmh, hazmat_allowed, tunnel_category, oneway, source, target, length_m'), geom: G() },
    c.roads.segments.map((s) => ({ id: s.id, name: s.name, class: s.roadClass, speed_kmh: s.speedKmh, hazmat_allowed: s.hazmatAllowed,
      tunnel_category: s.tunnelCategory, oneway: s.oneway, source: s.source, target: s.target, length_m: s.lengthM, geom: lineString(s.coords) }))));

  await step('hidden_dangers', () => insertRows(client, 'hidden_dangers',
    'id int, title text, source_kind text, source_id int, level text, found_at date, deadline date, status text, owner text, district text, geom json',
    { ...all('id, title, source_kind, source_id, level, found_at, deadline, status, owner, district'), geom: G() },
    c.hiddenDangers.map((d) => ({ id: d.id, title: d.title, source_kind: d.sourceKind, source_id: d.sourceId, level: d.level, found_at: d.foundAt,
      deadline: d.deadline, status: d.status, owner: d.owner, district: d.district, geom: point(d.location) }))));

  await step('vehicles', () => insertRows(client, 'vehicles',
    'id int, plate text, plate_color int, terminal_id text, carrier text, vehicle_class text, cargo jsonb',
    all('id, plate, plate_color, terminal_id, carrier, vehicle_class, cargo'),
    c.vehicles.map((v) => ({ id: v.id, plate: v.plate, plate_color: v.plateColor, terminal_id: v.terminalId, carrier: v.carrier,
      vehicle_class: v.vehicleClass, cargo: v.cargo }))));

  await step('waybills', () => insertRows(client, 'waybills',
    'id int, vehicle_id int, cargo jsonb, origin json, destination json, window_from timestamptz, window_to timestamptz, corridor_m int, status text, geom json',
    { ...all('id, vehicle_id, cargo, window_from, window_to, corridor_m, status'), origin: G('origin'), destination: G('destination'), geom: G() },
    c.waybills.map((w) => ({ id: w.id, vehicle_id: w.vehicleId, cargo: w.cargo, origin: point(w.origin), destination: point(w.destination),
      window_from: w.windowFrom, window_to: w.windowTo, corridor_m: w.corridorM, status: w.status, geom: lineString(w.route) }))));

  await step('positions', () => insertRows(client, 'positions',
    'vehicle_id int, fix_time timestamptz, received_at timestamptz, speed_kmh real, heading smallint, geom json',
    { ...all('vehicle_id, fix_time, received_at, speed_kmh, heading'), geom: G() },
    c.positions.map((p) => ({ vehicle_id: p.vehicleId, fix_time: p.fixTime, received_at: p.receivedAt, speed_kmh: p.speedKmh,
      heading: p.heading, geom: point(p.location) }))));

  // ids were given explicitly: move each sequence past them so later inserts get fresh ids
  await client.query(ID_TABLES.map((t) =>
    `SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT coalesce(max(id), 1) FROM ${t}), (SELECT count(*) > 0 FROM ${t}))`).join('; '));
}
