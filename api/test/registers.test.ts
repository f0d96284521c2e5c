import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiUrl, db, tokenFor } from './helpers.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { parkGrade } from '../src/domain/parkGrade.ts';

/**
 * Planner registers: hazard-source violations (+ CSV, stats), pipeline occupations, chemical parks.
 *
 * Test area 122.80–122.96°E, 31.59–31.64°N (open sea east of Chongming; no sample feature within 5 km). Test rows are
 * named "[reg-test] …" in districts "[reg-test]区" / "[reg-test]乙区" and removed afterwards.
 *
 * Lines run along meridians and sites/buildings are offset due east (see siting.test.ts for the method):
 *   φ = 31.61°: sin²φ = 0.274717, N = a/√(1−e² sin²φ) = 6 384 010.0 m, cos φ = 0.851635
 *               → N·cos φ·π/180 = 94 890.92 m per degree of longitude
 *   φ = 31.60°: N = 6 384 006.7 m, cos φ = 0.851727 → 94 901.06 m per degree of longitude
 * Park area: 0.02° × 0.02° at φm = 31.61°: 0.02 × 94 890.92 = 1 897.8 m wide; M(31.61°) = 6 352 956 m →
 *   0.02 × π/180 × 6 352 956 = 2 217.6 m high; 1 897.8 × 2 217.6 = 4.209 km².
 */

const P = '[reg-test]';
const D1 = '[reg-test]区';
const D2 = '[reg-test]乙区';
const LON_3161 = 94890.92;
const LON_3160 = 94901.06;
const ids: Record<string, number> = {};

async function cleanup() {
  const pool = db();
  await pool.query('DELETE FROM pipeline_occupations WHERE name LIKE $1', [`${P}%`]);
  await pool.query('DELETE FROM hazard_sources WHERE name LIKE $1', [`${P}%`]);
  await pool.query('DELETE FROM protected_targets WHERE name LIKE $1', [`${P}%`]);
  await pool.query('DELETE FROM gas_pipelines WHERE name LIKE $1', [`${P}%`]);
  await pool.query('DELETE FROM railways WHERE name LIKE $1', [`${P}%`]);
  await pool.query('DELETE FROM planning_areas WHERE name LIKE $1', [`${P}%`]);
  await pool.query(`DELETE FROM audit_log WHERE collection = 'chemical_parks' AND feature_id IN
    (SELECT id FROM chemical_parks WHERE name LIKE $1)`, [`${P}%`]);
  await pool.query('DELETE FROM chemical_parks WHERE name LIKE $1', [`${P}%`]);
  await pool.query(`DELETE FROM users WHERE username = 'reg-test-planner'`);
}

/** box from (lon0 + m0 metres east) to (lon0 + m1 metres east), lat0..lat1 */
const eastBox = (lon0: number, m0: number, m1: number, lat0: number, lat1: number, mPerDeg: number) =>
  `POLYGON((${lon0 + m0 / mPerDeg} ${lat0},${lon0 + m1 / mPerDeg} ${lat0},${lon0 + m1 / mPerDeg} ${lat1},` +
  `${lon0 + m0 / mPerDeg} ${lat1},${lon0 + m0 / mPerDeg} ${lat0}))`;

beforeAll(async () => {
  await cleanup();
  const pool = db();
  const ins = async (sql: string, params: unknown[]) => (await pool.query<{ id: number }>(sql, params)).rows[0].id;
  await ins(`INSERT INTO planning_areas (kind, name, geom) VALUES ('outer_ring_inside', $1,
    ST_Multi(ST_MakeEnvelope(122.80, 31.60, 122.84, 31.64, 4326))) RETURNING id`, [`${P} 外环线以内（测试）`]);
  ids.rail = await ins(`INSERT INTO railways (name, kind, geom) VALUES ($1, 'other',
    ST_GeomFromText('LINESTRING(122.90 31.59, 122.90 31.63)', 4326)) RETURNING id`, [`${P} 普通铁路`]);
  ids.midA = await ins(`INSERT INTO gas_pipelines (name, pressure_class, diameter_mm, geom) VALUES ($1, '中压A', 200,
    ST_GeomFromText('LINESTRING(122.93 31.59, 122.93 31.63)', 4326)) RETURNING id`, [`${P} 中压A DN200`]);
  ids.highA = await ins(`INSERT INTO gas_pipelines (name, pressure_class, geom) VALUES ($1, '高压A',
    ST_GeomFromText('LINESTRING(122.95 31.59, 122.95 31.63)', 4326)) RETURNING id`, [`${P} 高压A`]);
  const hs = (name: string, district: string, lon: number, lat: number) => ins(`INSERT INTO hazard_sources
    (name, district, grade, geom) VALUES ($1, $2, 3, ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING id`, [name, district, lon, lat]);
  ids.hsRing = await hs(`${P} 外环内储罐区`, D1, 122.82, 31.62);
  ids.hsRail = await hs(`${P} 铁路旁仓库`, D1, 122.90 + 9 / LON_3161, 31.61);
  ids.hsPipe = await hs(`${P} 管道旁装置`, D1, 122.93 + 0.5 / LON_3161, 31.61);
  ids.hsClean = await hs(`${P} 合规储罐`, D1, 122.87, 31.635);
  ids.hsOther = await hs(`${P} 乙区外环内装置`, D2, 122.81, 31.61);
  const building = (name: string, wkt: string) => ins(`INSERT INTO protected_targets (name, kind, population, geom)
    VALUES ($1, 'residential', 50, ST_GeomFromText($2, 4326)) RETURNING id`, [name, wkt]);
  // 中压A DN200 (wall = centre line + 0.1 m): B1 from 0.3 m → 0.2 m from the wall (< 0.7 m): new
  ids.b1 = await building(`${P} 楼1`, eastBox(122.93, 0.3, 20, 31.600, 31.601, LON_3160));
  // B2 from 0.5 m → 0.4 m from the wall, covered by occupation record O1: registered, not new
  ids.b2 = await building(`${P} 楼2`, eastBox(122.93, 0.5, 15, 31.602, 31.603, LON_3160));
  // B3 from 5 m → 4.9 m from the wall (> 0.7 m): not an occupation
  ids.b3 = await building(`${P} 楼3`, eastBox(122.93, 5, 15, 31.604, 31.605, LON_3160));
  // B5's wall runs parallel to the pipe 1.0 m from its centre line → 0.9 m from the pipe wall (> 0.7 m): not an
  // occupation. (Plain ST_Distance on geography reports 0 m here: near-parallel edges; see geo_distance_m.)
  ids.b5 = await building(`${P} 楼5`, eastBox(122.93, 1.0, 12, 31.607, 31.608, LON_3160));
  // 高压A (no diameter): B4 from 4 m (< 6 m Shanghai range): new
  ids.b4 = await building(`${P} 楼4`, eastBox(122.95, 4, 10, 31.600, 31.601, LON_3160));
  ids.o1 = await ins(`INSERT INTO pipeline_occupations (pipeline_id, name, kind, status, detected_at, geom)
    VALUES ($1, $2, 'building', 'rectifying', '2025-03-01', ST_GeomFromText($3, 4326)) RETURNING id`,
    [ids.midA, `${P} 占压1`, eastBox(122.93, 0.4, 10, 31.6022, 31.6028, LON_3160)]);
  // point 0.2 m from the centre line → 0.1 m from the wall
  ids.o2 = await ins(`INSERT INTO pipeline_occupations (pipeline_id, name, kind, status, geom)
    VALUES ($1, $2, 'structure', 'detected', ST_SetSRID(ST_MakePoint($3, 31.606), 4326)) RETURNING id`,
    [ids.midA, `${P} 占压2`, 122.93 + 0.2 / LON_3160]);
  ids.park = await ins(`INSERT INTO chemical_parks (name, district, risk_grade, score, enclosed, geom)
    VALUES ($1, $2, 'C', 75, true, ST_Multi(ST_MakeEnvelope(122.86, 31.60, 122.88, 31.62, 4326))) RETURNING id`, [`${P} 化工园区`, D1]);
  await pool.query(`INSERT INTO users (username, password_hash, role, districts) VALUES ('reg-test-planner', $1, 'planner', $2)`,
    [hashPassword('demo'), [D2]]);
});

afterAll(cleanup);

describe('hazard-source violation register', () => {
  it('lists sources that break a known rule today, with shortfalls', async () => {
    const res = await api(`/api/registers/hazard-violations?district=${encodeURIComponent(D1)}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.sources.map((s: any) => [s.hazardSourceId, s]));
    expect([...byId.keys()].sort()).toEqual([ids.hsRing, ids.hsRail, ids.hsPipe].sort());
    expect(byId.has(ids.hsClean)).toBe(false);
    expect(byId.has(ids.hsOther)).toBe(false); // other district
    const ring = byId.get(ids.hsRing) as any;
    expect(ring.violations.map((v: any) => v.group)).toEqual(['outer_ring']);
    expect(ring.violations[0].offender.name).toBe(`${P} 外环线以内（测试）`);
    expect(ring.violations[0].verified).toBe(false);
    // other railway outside the ring: 其他地区 15 m; 9 m → 6 m short
    const rail = byId.get(ids.hsRail) as any;
    expect(rail.violations).toHaveLength(1);
    expect(rail.violations[0].requiredM).toBe(15);
    expect(Math.abs(rail.violations[0].shortfallM - 6)).toBeLessThan(0.05);
    expect(rail.violations[0].areaClass).toBe('其他地区');
    // 中压A DN200, 0.5 m from the centre line = 0.4 m from the wall: Shanghai 0.7 m (0.3 short) and GB 55009 0.5 m
    // (0.1 short); the 6 m control range is restricted, not a violation
    const pipe = byId.get(ids.hsPipe) as any;
    expect(pipe.violations.map((v: any) => [v.group, v.requiredM])).toEqual([['gas_sh_protect', 0.7], ['gas_gb55009', 0.5]]);
    expect(Math.abs(pipe.violations[0].shortfallM - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(pipe.violations[1].shortfallM - 0.1)).toBeLessThan(0.01);
    expect(res.body.count).toBe(3);
    expect(res.body.violationCount).toBe(4);
  });

  it('exports CSV with a UTF-8 BOM for Excel', async () => {
    const res = await fetch(`${apiUrl()}/api/registers/hazard-violations?format=csv&district=${encodeURIComponent(D1)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="hazard-violations-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('危险源ID,危险源名称,企业,行政区,重大危险源级别,违反规则,条款,核实状态,要求距离(m),实际距离(m),不足(m),对象类别,对象ID,对象名称');
    expect(lines).toHaveLength(1 + 4);
    const railLine = lines.find((l) => l.startsWith(`${ids.hsRail},`))!;
    expect(railLine).toContain('《铁路安全管理条例》第二十七条');
    expect(railLine).toContain(',15,');
    expect((await api('/api/registers/hazard-violations?format=xml')).body.error.field).toBe('format');
  });

  it('counts by district', async () => {
    const res = await api(`/api/registers/hazard-violations/stats?district=${encodeURIComponent(`${D1},${D2}`)}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toEqual({ sources: 4, violations: 5 });
    const d1 = res.body.byDistrict.find((d: any) => d.district === D1);
    expect(d1).toEqual({ district: D1, sources: 3, violations: 4,
      byRule: { outer_ring: 1, rail27: 1, gas_sh_protect: 1, gas_gb55009: 1 } });
    expect(res.body.byDistrict.find((d: any) => d.district === D2).sources).toBe(1);
  });

  it('shows a district-scoped user only its districts', async () => {
    const login = await api('/api/auth/login', { method: 'POST', json: { username: 'reg-test-planner', password: 'demo' } });
    const res = await api('/api/registers/hazard-violations', { token: login.body.token });
    expect(res.body.sources.map((s: any) => s.district)).toEqual([D2]);
    const asked = await api(`/api/registers/hazard-violations?district=${encodeURIComponent(D1)}`, { token: login.body.token });
    expect(asked.body.count).toBe(0);
  });
});

describe('pipeline occupations', () => {
  it('finds buildings inside each protection range, new vs registered', async () => {
    const res = await api('/api/analysis/pipeline-occupations');
    expect(res.status).toBe(200);
    const summary = new Map(res.body.summary.map((s: any) => [s.pressureClass, s.requiredM]));
    // the larger of GB 55009 §5.1.6 (0.5 / 1.5 / 5.0 m) and Shanghai (0.7 / 0.7 / 6 m)
    expect(summary.get('中压A')).toBe(0.7);
    expect(summary.get('次高压B')).toBe(1.5);
    expect(summary.get('高压A')).toBe(6);
    const mid = res.body.pipelines.find((p: any) => p.id === ids.midA);
    expect(mid.requiredM).toBe(0.7);
    expect(mid.new.map((b: any) => [b.id, b.distanceM])).toEqual([[ids.b1, 0.2]]);
    expect(mid.registered.map((o: any) => [o.id, o.status, o.distanceM])).toEqual([[ids.o2, 'detected', 0.1], [ids.o1, 'rectifying', 0.3]]);
    expect(mid.registered[1].detectedAt).toBe('2025-03-01');
    const high = res.body.pipelines.find((p: any) => p.id === ids.highA);
    expect(high.new.map((b: any) => [b.id, b.distanceM])).toEqual([[ids.b4, 4]]);
    expect(high.registered).toEqual([]);
    const all = JSON.stringify(res.body.pipelines);
    expect(all).not.toContain(`${P} 楼3`);
    expect(all).not.toContain(`${P} 楼5`);
  });

  it('filters by pressure class and rejects an unknown one', async () => {
    const res = await api(`/api/analysis/pipeline-occupations?pressureClass=${encodeURIComponent('高压A')}`);
    expect(res.body.pipelines.every((p: any) => p.pressureClass === '高压A')).toBe(true);
    expect(res.body.pipelines.some((p: any) => p.id === ids.highA)).toBe(true);
    expect(res.body.summary.map((s: any) => s.pressureClass)).toEqual(['高压A']);
    const bad = await api(`/api/analysis/pipeline-occupations?pressureClass=${encodeURIComponent('超高压')}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('pressureClass');
  });
});

describe('chemical parks', () => {
  it('lists parks with grade, the ⚠️ source of the thresholds and the area', async () => {
    const res = await api('/api/chemical-parks');
    expect(res.status).toBe(200);
    const park = res.body.parks.find((p: any) => p.id === ids.park);
    expect(park).toMatchObject({ riskGrade: 'C', gradeLabel: '一般安全风险', score: 75, enclosed: true, gradeVerified: false });
    expect(Math.abs(park.areaKm2 - 4.21)).toBeLessThan(0.01);
    expect(res.body.gradeSource).toMatch(/⚠️/);
  });

  it('recomputes the grade from the score at every band boundary', async () => {
    const planner = await tokenFor('planner');
    // A < 60, B 60–<70, C 70–<85, D ≥ 85
    const cases: [number, string][] = [[0, 'A'], [59.9, 'A'], [60, 'B'], [69.9, 'B'], [70, 'C'], [84.9, 'C'], [85, 'D'], [100, 'D'],
      [59.96, 'B']]; // stored as numeric(5,1): 59.96 → 60.0 → B
    for (const [score, grade] of cases) {
      const res = await api(`/api/chemical-parks/${ids.park}`, { method: 'PATCH', token: planner, json: { score } });
      expect(res.status, String(score)).toBe(200);
      expect(res.body.park.riskGrade, String(score)).toBe(grade);
    }
    const cleared = await api(`/api/chemical-parks/${ids.park}`, { method: 'PATCH', token: planner, json: { score: null, enclosed: false } });
    expect(cleared.body.park).toMatchObject({ score: null, riskGrade: null, enclosed: false });
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM audit_log WHERE collection = 'chemical_parks' AND feature_id = $1`, [ids.park]);
    expect(rows[0].n).toBe(cases.length + 1);
  });

  it('refuses bad input and unauthorised users, leaving the park unchanged', async () => {
    const planner = await tokenFor('planner');
    await api(`/api/chemical-parks/${ids.park}`, { method: 'PATCH', token: planner, json: { score: 72, enclosed: true } });
    const patch = (json: unknown, token?: string) => api(`/api/chemical-parks/${ids.park}`, { method: 'PATCH', token, json });
    expect((await patch({ score: 101 }, planner)).body.error.field).toBe('score');
    expect((await patch({ score: '80' }, planner)).body.error.field).toBe('score');
    expect((await patch({ score: 80, enclosed: 'yes' }, planner)).body.error.field).toBe('enclosed');
    expect((await patch({}, planner)).status).toBe(422);
    expect((await patch({ score: 80 })).status).toBe(401);
    expect((await patch({ score: 80 }, await tokenFor('viewer'))).status).toBe(403);
    const scoped = await api('/api/auth/login', { method: 'POST', json: { username: 'reg-test-planner', password: 'demo' } });
    expect((await patch({ score: 80 }, scoped.body.token)).status).toBe(403); // park is in D1, user only D2
    expect((await api('/api/chemical-parks/99999999', { method: 'PATCH', token: planner, json: { score: 80 } })).status).toBe(404);
    const { rows } = await db().query('SELECT score::float8 AS score, risk_grade, enclosed FROM chemical_parks WHERE id = $1', [ids.park]);
    expect(rows[0]).toEqual({ score: 72, risk_grade: 'C', enclosed: true });
  });

  it('parkGrade is pure and rejects scores outside 0..100', () => {
    expect(parkGrade(59.999).grade).toBe('A');
    expect(parkGrade(85).label).toBe('较低安全风险');
    expect(() => parkGrade(-1)).toThrow(RangeError);
    expect(() => parkGrade(Number.NaN)).toThrow(RangeError);
  });
});
