import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, db, tokenFor } from './helpers.ts';
import { evaluateDistance, compareGoverning, defaultReachM } from '../src/domain/safetyRules.ts';

/**
 * POST /api/analysis/safety-distance and the rule table (GET/PUT /api/safety-rules).
 *
 * Test features sit around S = 122.50°E 31.20°N, in the East China Sea ~45 km east of Pudong, where the sample
 * city has nothing within 5 km; they are named "[sd-test] …" and removed afterwards.
 *
 * Hand computation (WGS 84: a = 6 378 137 m, f = 1/298.257223563, e² = f(2−f) = 0.00669438):
 *   meridian radius of curvature M(φ) = a(1−e²) / (1 − e² sin²φ)^{3/2}; arc = M(φm)·Δφ (radians).
 *   - school 0.001° north of S: φm = 31.2005°, sin φm = 0.518034, 1 − e² sin²φm = 0.998203,
 *     ^1.5 = 0.997306, M = 6 335 439.3 / 0.997306 = 6 352 550 m; 6 352 550 × 0.001 × π/180 = 110.87 m.
 *   - residential polygon whose north edge is 0.0005° south of S: φm = 31.19975°, M = 6 352 549 m;
 *     6 352 549 × 0.0005 × π/180 = 55.44 m (measured to the polygon's edge, not its centre).
 *   - enterprise 0.002° north: φm = 31.201°, 6 352 550 × 0.002 × π/180 = 221.75 m.
 */

const P = '[sd-test]';
const S: [number, number] = [122.5, 31.2];
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const ids: Record<string, number> = {};
const touchedRules: number[] = [];
let hazardSourceId = 0;

async function cleanup() {
  const pool = db();
  await pool.query(`DELETE FROM hazard_sources WHERE name LIKE $1`, [`${P}%`]);
  await pool.query(`DELETE FROM enterprises WHERE name LIKE $1`, [`${P}%`]);
  await pool.query(`DELETE FROM protected_targets WHERE name LIKE $1`, [`${P}%`]);
}

async function ruleId(code: string): Promise<number> {
  const { rows } = await db().query<{ id: number }>('SELECT id FROM safety_rules WHERE code = $1', [code]);
  return rows[0].id;
}

beforeAll(async () => {
  await cleanup();
  const pool = db();
  const ins = async (sql: string, params: unknown[]) => (await pool.query<{ id: number }>(sql, params)).rows[0].id;
  ids.school = await ins(`INSERT INTO protected_targets (name, kind, sensitivity, population, geom)
    VALUES ($1, 'school', 'high', 800, ST_SetSRID(ST_MakePoint(122.5, 31.201), 4326)) RETURNING id`, [`${P} 学校`]);
  ids.residential = await ins(`INSERT INTO protected_targets (name, kind, sensitivity, population, geom)
    VALUES ($1, 'residential', 'general', 3000,
      ST_GeomFromText('POLYGON((122.4995 31.1985,122.5005 31.1985,122.5005 31.1995,122.4995 31.1995,122.4995 31.1985))', 4326))
    RETURNING id`, [`${P} 居住区`]);
  ids.neighbour = await ins(`INSERT INTO enterprises (name, geom)
    VALUES ($1, ST_SetSRID(ST_MakePoint(122.5, 31.202), 4326)) RETURNING id`, [`${P} 邻近企业`]);
  ids.own = await ins(`INSERT INTO enterprises (name, geom)
    VALUES ($1, ST_SetSRID(ST_MakePoint(122.5, 31.2), 4326)) RETURNING id`, [`${P} 本企业`]);
  hazardSourceId = await ins(`INSERT INTO hazard_sources (name, enterprise_id, geom)
    VALUES ($1, $2, ST_SetSRID(ST_MakePoint(122.5, 31.2), 4326)) RETURNING id`, [`${P} 液氯储罐`, ids.own]);
});

afterAll(async () => {
  await cleanup();
  if (touchedRules.length) {
    await db().query(`UPDATE safety_rules SET required_m = NULL, configured_by = NULL, configured_at = NULL,
      configured_source = NULL WHERE id = ANY($1)`, [touchedRules]);
    await db().query(`DELETE FROM audit_log WHERE collection = 'safety_rules' AND feature_id = ANY($1)`, [touchedRules]);
  }
});

const find = (results: any[], collection: string, id: number) => results.find((r) => r.collection === collection && r.id === id);

describe('safety-distance analysis', () => {
  it('lists every feature within reach with true distances from the geometry edge and the applicable rule', async () => {
    const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S), radiusM: 500, allRules: true } });
    expect(res.status).toBe(200);
    expect(res.body.radiusM).toBe(500);
    expect(res.body.kind).toBe('hazard_source');
    const school = find(res.body.results, 'protected_targets', ids.school);
    expect(Math.abs(school.actualM - 110.87)).toBeLessThan(0.05);
    // 《危险化学品安全管理条例》第十九条 gives no number: unknown, reported as unverified/configurable
    expect(school.status).toBe('unknown');
    expect(school.requiredM).toBeNull();
    expect(school.shortfallM).toBeNull();
    expect(school.clause).toBe('《危险化学品安全管理条例》第十九条第（二）项');
    expect(school.rule).toContain('学校');
    expect(school.verified).toBe(false);
    // a school is also a GB 36894 highly sensitive target: both rules are listed, their texts once in ruleIndex
    expect(school.rules.map((r: any) => r.group).sort()).toEqual(['gb36894_high', 'hc19_2']);
    const gb36894 = school.rules.find((r: any) => r.group === 'gb36894_high');
    expect(res.body.ruleIndex[gb36894.ruleId].clause).toMatch(/GB 36894-2018/);
    expect(res.body.ruleIndex[gb36894.ruleId].verified).toBe(false);
    expect(res.body.ruleIndex[school.ruleId].rule).toBe(school.rule);
    const residential = find(res.body.results, 'protected_targets', ids.residential);
    expect(Math.abs(residential.actualM - 55.44)).toBeLessThan(0.05);
    expect(residential.clause).toBe('《危险化学品安全管理条例》第十九条第（一）项');
    const neighbour = find(res.body.results, 'enterprises', ids.neighbour);
    expect(Math.abs(neighbour.actualM - 221.75)).toBeLessThan(0.05);
    expect(neighbour.rule).toBeNull(); // no rule in the table for hazard source vs enterprise
    expect(find(res.body.results, 'enterprises', ids.own).actualM).toBe(0);
    // unknowns (nearest first) come before features without a rule
    const order = res.body.results.filter((r: any) => r.name.startsWith(P)).map((r: any) => r.name);
    expect(order).toEqual([`${P} 居住区`, `${P} 学校`, `${P} 本企业`, `${P} 邻近企业`]);
  });

  it('gives only the governing rule per feature unless allRules is asked for', async () => {
    const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S), radiusM: 500 } });
    expect(res.status).toBe(200);
    const school = find(res.body.results, 'protected_targets', ids.school);
    expect(school.clause).toBe('《危险化学品安全管理条例》第十九条第（二）项');
    expect(school.rules).toBeUndefined();
    expect(res.body.ruleIndex).toBeUndefined();
  });

  it('respects radiusM and defaults to 1000 m when no known rule distance is larger', async () => {
    const near = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S), radiusM: 100 } });
    expect(find(near.body.results, 'protected_targets', ids.residential)).toBeDefined(); // 55.44 m
    expect(find(near.body.results, 'protected_targets', ids.school)).toBeUndefined(); // 110.87 m > 100 m
    const def = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S) } });
    // largest known distance for a hazard source: 50 m (Shanghai gas control range, 高压) < 1000 m
    expect(def.body.radiusM).toBe(1000);
  });

  it('analyses a stored hazard source by id, leaving out its own enterprise', async () => {
    const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { hazardSourceId, radiusM: 500 } });
    expect(res.status).toBe(200);
    expect(res.body.hazardSourceId).toBe(hazardSourceId);
    expect(find(res.body.results, 'enterprises', ids.own)).toBeUndefined();
    expect(Math.abs(find(res.body.results, 'protected_targets', ids.school).actualM - 110.87)).toBeLessThan(0.05);
  });

  it('uses a planner-configured distance: shortfall = required − actual, failures sorted first', async () => {
    const schoolRule = await ruleId('hc19_2_protected_targets_school_hazard_source');
    const residentialRule = await ruleId('hc19_1_protected_targets_residential_hazard_source');
    touchedRules.push(schoolRule, residentialRule);
    const planner = await tokenFor('planner');
    const put = await api(`/api/safety-rules/${schoolRule}`, { method: 'PUT', token: planner,
      json: { requiredM: 150, source: '测试：定量风险评价报告' } });
    expect(put.status).toBe(200);
    expect(put.body.requiredM).toBe(150);
    expect(put.body.state).toBe('configured');
    expect(put.body.configured.by).toBe('planner');
    expect((await api(`/api/safety-rules/${residentialRule}`, { method: 'PUT', token: planner, json: { requiredM: 50 } })).status).toBe(200);

    const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S), radiusM: 500, allRules: true } });
    const first = res.body.results[0];
    expect(first.id).toBe(ids.school);
    expect(first.status).toBe('fail');
    expect(first.requiredM).toBe(150);
    // 150 − 110.87 = 39.13 m
    expect(Math.abs(first.shortfallM - 39.13)).toBeLessThan(0.05);
    // 55.44 m ≥ 50 m: the 第十九条 rule now passes for the residential area, but GB 36894 still has no number,
    // so the governing status stays unknown
    const residential = find(res.body.results, 'protected_targets', ids.residential);
    const art19 = residential.rules.find((r: any) => r.ruleId === residentialRule);
    expect(art19.status).toBe('pass');
    expect(art19.shortfallM).toBe(0);
    expect(residential.status).toBe('unknown');
    expect(residential.rule).toContain('一般防护目标');

    const { rows } = await db().query(`SELECT username, after FROM audit_log WHERE collection = 'safety_rules' AND feature_id = $1
      ORDER BY id DESC LIMIT 1`, [schoolRule]);
    expect(rows[0].username).toBe('planner');
    expect(rows[0].after).toEqual({ requiredM: 150, source: '测试：定量风险评价报告' });
  });
});

describe('rule changes made outside the API', () => {
  it('apply to the very next analysis (the cached rule book follows data_versions)', async () => {
    const schoolRule = await ruleId('hc19_2_protected_targets_school_hazard_source');
    touchedRules.push(schoolRule);
    const schoolCheck = async () => {
      const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry: point(...S), radiusM: 500, allRules: true } });
      return find(res.body.results, 'protected_targets', ids.school).rules.find((r: any) => r.ruleId === schoolRule);
    };
    await db().query('UPDATE safety_rules SET required_m = 200 WHERE id = $1', [schoolRule]);
    const strict = await schoolCheck();
    expect(strict.requiredM).toBe(200);
    expect(strict.status).toBe('fail');
    expect(Math.abs(strict.shortfallM - (200 - 110.87))).toBeLessThan(0.05); // 89.13 m
    await db().query('UPDATE safety_rules SET required_m = NULL WHERE id = $1', [schoolRule]);
    const open = await schoolCheck();
    expect(open.requiredM).toBeNull();
    expect(open.status).toBe('unknown');
  });
});

describe('distances match geography ST_Distance', () => {
  // The analysis finds features with a bounding-box test and measures them with ST_DistanceSpheroid (0 when the
  // geometries intersect, re-measured below 20 m): check it against the plain PostGIS answer — ST_DWithin on
  // geography for the set and geo_distance_m (geography ST_Distance, re-measured below 20 m) for each distance —
  // on the sample city, for a point site and a polygon site that overlaps a residential area.
  const ORACLE = `WITH s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g)
    SELECT 'protected_targets' AS c, t.id, geo_distance_m(t.geom, s.g) AS d FROM protected_targets t, s WHERE ST_DWithin(t.geom::geography, s.g::geography, $2)
    UNION ALL SELECT 'railways', t.id, geo_distance_m(t.geom, s.g) FROM railways t, s WHERE ST_DWithin(t.geom::geography, s.g::geography, $2)
    UNION ALL SELECT 'roads', t.id, geo_distance_m(t.geom, s.g) FROM roads t, s WHERE ST_DWithin(t.geom::geography, s.g::geography, $2)
    UNION ALL SELECT 'enterprises', t.id, geo_distance_m(t.geom, s.g) FROM enterprises t, s WHERE ST_DWithin(t.geom::geography, s.g::geography, $2)
    UNION ALL SELECT 'gas_pipelines', t.id, greatest(0, geo_distance_m(t.geom, s.g) - coalesce(t.diameter_mm, 0) / 2000.0) FROM gas_pipelines t, s
     WHERE ST_DWithin(t.geom::geography, s.g::geography, $2 + coalesce(t.diameter_mm, 0) / 2000.0)`;

  it('gives the same features and distances for a point and an overlapping polygon', async () => {
    const { rows: [area] } = await db().query<{ x: number; y: number }>(`SELECT ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y
      FROM protected_targets WHERE kind = 'residential' AND GeometryType(geom) = 'POLYGON'
       AND geom && ST_MakeEnvelope(121.40, 31.15, 121.55, 31.30, 4326) ORDER BY id LIMIT 1`);
    expect(area).toBeDefined();
    const { x, y } = area;
    const polygon = { type: 'Polygon', coordinates: [[[x, y], [x + 0.006, y], [x + 0.006, y + 0.005], [x, y + 0.005], [x, y]]] };
    let intersecting = 0;
    for (const geometry of [point(x - 0.004, y - 0.003), polygon]) {
      const res = await api('/api/analysis/safety-distance', { method: 'POST', json: { geometry, radiusM: 800 } });
      expect(res.status).toBe(200);
      const { rows } = await db().query<{ c: string; id: number; d: number }>(ORACLE, [JSON.stringify(geometry), 800]);
      const expected = new Map(rows.map((r) => [`${r.c}:${r.id}`, r.d]));
      const got = new Map<string, number>(res.body.results.map((r: any) => [`${r.collection}:${r.id}`, r.actualM]));
      expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, d] of expected) expect(Math.abs(got.get(key)! - d), key).toBeLessThan(0.006);
      intersecting += [...got.values()].filter((d) => d === 0).length;
    }
    expect(intersecting).toBeGreaterThan(0); // the polygon overlaps the residential area (and roads): distance 0
  });
});

describe('safety rules table', () => {
  it('lists rules with verification state; verified statutory rows carry their numbers', async () => {
    const res = await api('/api/safety-rules?facilityKind=railway');
    expect(res.status).toBe(200);
    const byCode = new Map(res.body.rules.map((r: any) => [r.code, r]));
    // 《铁路安全管理条例》第二十七条: high-speed 10/12/15/20 m, other 8/10/12/15 m
    expect([...byCode.keys()].sort()).toHaveLength(8);
    expect((byCode.get('rail27_high_speed_urban') as any).requiredM).toBe(10);
    expect((byCode.get('rail27_other_urban') as any).requiredM).toBe(8);
    expect((byCode.get('rail27_high_speed_other') as any).requiredM).toBe(20);
    expect((byCode.get('rail27_other_other') as any).requiredM).toBe(15);
    expect((byCode.get('rail27_other_urban') as any).verified).toBe(true);
    const gas = (await api('/api/safety-rules?facilityKind=gas_pipeline')).body.rules;
    const gb = gas.filter((r: any) => r.group === 'gas_gb55009').map((r: any) => [r.facilitySubkind, r.requiredM, r.verified]);
    expect(gb).toEqual([['低压', 0.5, true], ['中压B', 0.5, true], ['中压A', 0.5, true], ['次高压B', 1.5, true],
      ['次高压A', 1.5, true], ['高压B', 5, true], ['高压A', 5, true]]);
    const sh = gas.filter((r: any) => r.group === 'gas_sh_protect');
    expect(sh.map((r: any) => r.requiredM)).toEqual([0.7, 0.7, 0.7, 0.7, 0.7, 6, 6]);
    expect(sh.every((r: any) => r.verified === false && r.configurable && /未核实/.test(r.verification))).toBe(true);
    const hs = (await api('/api/safety-rules?facilityKind=hazard_source')).body.rules;
    expect(hs.filter((r: any) => r.group.startsWith('gb36894')).every((r: any) => r.requiredM === null || touchedRules.includes(r.id))).toBe(true);
    expect((await api('/api/safety-rules?facilityKind=nuclear')).status).toBe(422);
  });

  it('refuses to change verified values, unauthorised users and bad input', async () => {
    const railRule = await ruleId('rail27_other_urban');
    const schoolRule = await ruleId('hc19_2_protected_targets_school_hazard_source');
    const planner = await tokenFor('planner');
    const refused = await api(`/api/safety-rules/${railRule}`, { method: 'PUT', token: planner, json: { requiredM: 5 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_configurable');
    expect((await api(`/api/safety-rules/${schoolRule}`, { method: 'PUT', json: { requiredM: 5 } })).status).toBe(401);
    expect((await api(`/api/safety-rules/${schoolRule}`, { method: 'PUT', token: await tokenFor('viewer'), json: { requiredM: 5 } })).status).toBe(403);
    const negative = await api(`/api/safety-rules/${schoolRule}`, { method: 'PUT', token: planner, json: { requiredM: -5 } });
    expect(negative.status).toBe(422);
    expect(negative.body.error.field).toBe('requiredM');
    const missing = await api(`/api/safety-rules/${schoolRule}`, { method: 'PUT', token: planner, json: {} });
    expect(missing.body.error.field).toBe('requiredM');
    expect((await api('/api/safety-rules/99999999', { method: 'PUT', token: planner, json: { requiredM: 5 } })).status).toBe(404);
    const { rows } = await db().query('SELECT required_m::float8 AS m FROM safety_rules WHERE id = $1', [railRule]);
    expect(rows[0].m).toBe(8);
  });
});

describe('safety-distance input errors', () => {
  const post = (json: unknown) => api('/api/analysis/safety-distance', { method: 'POST', json });
  it('answers 4xx naming the field', async () => {
    const none = await post({ radiusM: 10 });
    expect(none.status).toBe(422);
    expect(none.body.error.field).toBe('geometry');
    expect((await post({ geometry: point(...S), hazardSourceId })).status).toBe(422);
    expect((await post({ geometry: point(...S), radiusM: -1 })).body.error.field).toBe('radiusM');
    expect((await post({ geometry: point(...S), radiusM: '100' })).body.error.field).toBe('radiusM');
    expect((await post({ geometry: point(...S), kind: 'nuclear_plant' })).body.error.field).toBe('kind');
    expect((await post({ geometry: point(...S), allRules: 'yes' })).body.error.field).toBe('allRules');
    // a bow-tie polygon: PostGIS's reason, from the analysis statement itself
    const bowTie = await post({ geometry: { type: 'Polygon',
      coordinates: [[[122.5, 31.2], [122.51, 31.21], [122.51, 31.2], [122.5, 31.21], [122.5, 31.2]]] } });
    expect(bowTie.status).toBe(422);
    expect(bowTie.body.error.field).toBe('geometry');
    expect(bowTie.body.error.message).toMatch(/Self-intersection/);
    expect((await post({ hazardSourceId: 'abc' })).body.error.field).toBe('hazardSourceId');
    expect((await post({ hazardSourceId: 99999999 })).status).toBe(404);
    const lat = await post({ geometry: point(122.5, 95) });
    expect(lat.status).toBe(422);
    expect(lat.body.error.field).toBe('geometry');
    expect(lat.body.error.message).toMatch(/latitude out of range/);
    const malformed = await api('/api/analysis/safety-distance', { method: 'POST', body: '{"geometry":',
      headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });
});

describe('rule evaluation (pure)', () => {
  it('evaluates required vs actual distances', () => {
    // 《铁路安全管理条例》第二十七条, high-speed, 城市市区: 10 m; 9 m → 1 m short
    expect(evaluateDistance(10, 9)).toEqual({ status: 'fail', shortfallM: 1 });
    expect(evaluateDistance(10, 10)).toEqual({ status: 'pass', shortfallM: 0 });
    expect(evaluateDistance(null, 3)).toEqual({ status: 'unknown', shortfallM: null });
    // restricted range (Shanghai gas control range 6 m): inside → unknown, shortfall still reported
    expect(evaluateDistance(6, 2, 'restricted')).toEqual({ status: 'unknown', shortfallM: 4 });
    expect(defaultReachM([8, 50])).toBe(1000);
    expect(defaultReachM([8, 1500])).toBe(1500);
  });
  it('orders governing rules: largest shortfall, then unknown, then largest required pass', () => {
    const evals = [
      { status: 'pass' as const, shortfallM: 0, requiredM: 20 },
      { status: 'unknown' as const, shortfallM: null, requiredM: null },
      { status: 'fail' as const, shortfallM: 0.3, requiredM: 0.7 },
      { status: 'fail' as const, shortfallM: 1, requiredM: 10 },
    ];
    expect([...evals].sort(compareGoverning).map((e) => e.requiredM)).toEqual([10, 0.7, null, 20]);
  });
});
