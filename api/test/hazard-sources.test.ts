import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, external, tokenFor } from './helpers.ts';

// Stored hazard sources, graded per GB 18218-2018 on write. The test builds its own neighbourhood in the sea east
// of the sample city (no sample data there), with protected targets at known geodesic distances (ST_Project), so
// that the exposed people, α, R and grade can be worked out by hand.
const LON = 123.47;
const LAT = 30.53;
const LON2 = 123.40;
const LAT2 = 30.60;
const P = 'GBTEST-';

const pt = (lon: number, lat: number) => `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
/** point distM metres from (lon, lat) at azimuth azDeg (0 = north, 90 = east) */
const at = (lon: number, lat: number, distM: number, azDeg: number) => `ST_Project(${pt(lon, lat)}, ${distM}, radians(${azDeg}))`;
/** rectangle from fromM to toM along azimuth azDeg, halfWidthM to each side */
const band = (fromM: number, toM: number, azDeg: number, halfWidthM: number) => {
  const c = (d: number, side: number) => `ST_Project(${at(LON, LAT, d, azDeg)}, ${halfWidthM}, radians(${azDeg + side}))::geometry`;
  return `ST_MakePolygon(ST_MakeLine(ARRAY[${c(fromM, -90)}, ${c(toM, -90)}, ${c(toM, 90)}, ${c(fromM, 90)}, ${c(fromM, -90)}]))`;
};

/** Direct SQL for fixtures (there is no API to create protected targets), in one transaction of its own session. */
function sql(...statements: [string, unknown[]?][]): Promise<any[][]> {
  return external(async (client) => {
    await client.query('BEGIN');
    const out: any[][] = [];
    for (const [text, values] of statements) out.push((await client.query(text, values)).rows);
    await client.query('COMMIT');
    return out;
  });
}

const cleanup = () => sql(
  [`DELETE FROM hazard_sources WHERE name LIKE '${P}%'`],
  [`DELETE FROM protected_targets WHERE name LIKE '${P}%'`],
  [`DELETE FROM enterprises WHERE name LIKE '${P}%'`]);

/** The stored, computed columns of a source, read back through the API. */
const stored = async (id: number) => {
  const res = await api(`/api/hazard-sources/${id}`);
  expect(res.status).toBe(200);
  const b = res.body;
  return { units: b.units, s: b.ratioSum, alpha: b.alpha, r: b.r, grade: b.grade, people: b.exposedPeople, district: b.district,
    updatedAt: b.updatedAt, geometry: b.geometry };
};

let enterpriseId: number;
let withEnterpriseId: number;
beforeAll(async () => {
  await cleanup();
  // within 500 m of the source at (LON, LAT): school, band, unknown; outside: far-point, far-block.
  // An enterprise 1000 m east of the second source, with 120 people 200 m further east.
  const [, rows] = await sql(
    [`INSERT INTO protected_targets (name, kind, population, geom) VALUES
      ('${P}school', 'school', 40, ${at(LON, LAT, 300, 0)}::geometry),
      ('${P}band', 'residential', 20, ${band(400, 600, 90, 10)}),
      ('${P}unknown', 'other', NULL, ${at(LON, LAT, 200, 180)}::geometry),
      ('${P}far-point', 'mall', 1000, ${at(LON, LAT, 700, 270)}::geometry),
      ('${P}far-block', 'residential', 5000, ${band(800, 900, 180, 50)}),
      ('${P}near-enterprise', 'residential', 120, ${at(LON2, LAT2, 1200, 90)}::geometry)`],
    [`INSERT INTO enterprises (name, district, geom) VALUES ('${P}enterprise', '${P}区', ${at(LON2, LAT2, 1000, 90)}::geometry)
      RETURNING id`]);
  enterpriseId = rows[0].id;
});
afterAll(cleanup);

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });

describe('hazard sources', () => {
  let id: number;

  it('creates a source, counting the people within 500 m, and grades it', async () => {
    const token = await tokenFor('planner');
    const res = await api('/api/hazard-sources', { method: 'POST', token, json: {
      name: `${P}液氯储罐区`, geometry: point(LON, LAT),
      units: [{ chemical: '7782-50-5', quantityT: 12 }, { chemical: '7664-41-7', quantityT: 30 }],
    } });
    expect(res.status).toBe(201);
    id = res.body.id;
    // exposed: school 40 (point, whole) + band 20 × 0.5 (half of 400–600 m lies inside 500 m) = 50; the target without
    // population counts 0; the 700 m point and the 800–900 m block are outside → 50 people → α = 1.5 (表5 50~99人)
    // S = 12/5 + 30/10 = 5.4; R = 1.5 × (4·2.4 + 2·3) = 1.5 × 15.6 = 23.4 → 三级
    const row = await stored(id);
    expect(row.people).toBe(50);
    expect(row.alpha).toBe(1.5);
    expect(row.s).toBeCloseTo(5.4, 9);
    expect(row.r).toBeCloseTo(23.4, 9);
    expect(row.grade).toBe(3);
    expect(res.body).toMatchObject({ name: `${P}液氯储罐区`, grade: 3, gradeLabel: '三级', isMajorHazard: true, exposedPeople: 50 });
    expect(res.body.assessment.r).toBeCloseTo(23.4, 9);
    expect(res.body.assessment.items.map((i: { matched: { name: string } }) => i.matched.name)).toEqual(['氯', '氨']);
  });

  it('explains the exposed people target by target', async () => {
    const res = await api(`/api/hazard-sources/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.geometry).toEqual(point(LON, LAT));
    const targets = Object.fromEntries(res.body.exposure.targets.map((t: { name: string }) => [t.name, t]));
    expect(Object.keys(targets).sort()).toEqual([`${P}band`, `${P}school`, `${P}unknown`]);
    expect(targets[`${P}school`]).toMatchObject({ share: 1, counted: 40 });
    expect(targets[`${P}band`].share).toBeCloseTo(0.5, 2);
    expect(targets[`${P}unknown`]).toMatchObject({ population: null, counted: 0 });
    expect(res.body.exposure).toMatchObject({ radiusM: 500, exposedPeople: 50, unknownPopulation: 1 });
    expect(res.body.assessment.explanation.join('\n')).toMatch(/缺少人口数据/);
  });

  it('regrades on PATCH of the units and of the geometry', async () => {
    const token = await tokenFor('planner');
    // 光气 (碳酰氯) 3 t: Q = 0.3 t, β = 20 (表3): S = 10, R = 1.5 × 20 × 10 = 300 → 一级
    let res = await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token, json: { units: [{ chemical: '光气', quantityT: 3 }] } });
    expect(res.status).toBe(200);
    let row = await stored(id);
    expect(row.s).toBeCloseTo(10, 9);
    expect(row.r).toBeCloseTo(300, 9);
    expect(row.grade).toBe(1);
    // moved 3.3 km south, where nobody lives: α = 0.5, R = 0.5 × 200 = 100 → still 一级 (R ≥ 100, the boundary)
    res = await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token, json: { geometry: point(LON, LAT - 0.03) } });
    expect(res.status).toBe(200);
    row = await stored(id);
    expect(row.people).toBe(0);
    expect(row.alpha).toBe(0.5);
    expect(row.r).toBeCloseTo(100, 9);
    expect(row.grade).toBe(1);
    // back home with 氯 4 t: S = 0.8 < 1 → not a major hazard: no R, no grade; exposure is still recorded
    res = await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token,
      json: { geometry: point(LON, LAT), units: [{ chemical: '液氯', quantityT: 4 }] } });
    row = await stored(id);
    expect(row).toMatchObject({ grade: null, r: null, people: 50, alpha: 1.5 });
    expect(row.s).toBeCloseTo(0.8, 9);
    expect(res.body.isMajorHazard).toBe(false);
    // 氯 5 t: S = 1 → major again; R = 1.5 × 4 × 1 = 6 → 四级
    res = await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token, json: { units: [{ chemical: '氯', quantityT: 5 }] } });
    expect((await stored(id)).grade).toBe(4);
    expect(res.body.r).toBeCloseTo(6, 9);
  });

  it('leaves the row unchanged when a PATCH is invalid', async () => {
    const token = await tokenFor('planner');
    const before = await stored(id);
    const bad: [unknown, string][] = [
      [{ units: [{ chemical: '氯', quantityT: 1 }, { chemical: '不存在的物质', quantityT: 1 }] }, 'units[1].chemical'],
      [{ units: [{ chemical: '氯', quantityT: -3 }] }, 'units[0].quantityT'],
      [{ name: 'x', units: [{ chemical: '丙烯', quantityT: 3, hazardClass: 'W42' }] }, 'units[0].hazardClass'],
      // a bow-tie polygon intersects itself
      [{ geometry: { type: 'Polygon', coordinates: [[[LON, LAT], [LON + 0.01, LAT + 0.01], [LON + 0.01, LAT], [LON, LAT + 0.01], [LON, LAT]]] } },
        'geometry'],
      [{ geometry: point(LON, 95) }, 'geometry'],
      [{ grade: 4 }, 'grade'],
      [{ enterpriseId: 2147480000 }, 'enterpriseId'],
      [{}, 'body'],
    ];
    for (const [json, field] of bad) {
      const res = await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.error.field, JSON.stringify(json)).toBe(field);
    }
    expect(await stored(id)).toEqual(before);
  });

  it('counts people around the enterprise location of a source that belongs to one', async () => {
    const token = await tokenFor('planner');
    // 甲醇 300 t + 苯 40 t: S = 0.6 + 0.8 = 1.4, Σβq/Q = 1.4 (β = 1, 表4 W5.3)
    const units = [{ chemical: '甲醇', quantityT: 300 }, { chemical: '苯', quantityT: 40 }];
    const alone = await api('/api/hazard-sources', { method: 'POST', token, json: { name: `${P}alone`, geometry: point(LON2, LAT2), units } });
    expect(alone.status).toBe(201);
    // nobody within 500 m of the source itself: α = 0.5, R = 0.7
    expect(alone.body).toMatchObject({ exposedPeople: 0, alpha: 0.5, grade: 4 });
    expect(alone.body.r).toBeCloseTo(0.7, 9);
    const withEnterprise = await api('/api/hazard-sources', { method: 'POST', token,
      json: { name: `${P}with-enterprise`, geometry: point(LON2, LAT2), units, enterpriseId, unitKind: 'production' } });
    expect(withEnterprise.status).toBe(201);
    withEnterpriseId = withEnterprise.body.id;
    // 120 people 200 m from the enterprise: α = 2.0, R = 2.0 × 1.4 = 2.8; district taken from the enterprise
    expect(withEnterprise.body).toMatchObject({ exposedPeople: 120, alpha: 2, enterpriseId, enterprise: `${P}enterprise`,
      district: `${P}区`, unitKind: 'production' });
    expect(withEnterprise.body.r).toBeCloseTo(2.8, 9);

    const list = await api(`/api/hazard-sources?district=${encodeURIComponent(`${P}区`)}`);
    expect(list.status).toBe(200);
    expect(list.body.map((s: { id: number }) => s.id)).toEqual([withEnterprise.body.id]);

    // the population changes behind the API's back; POST /recompute picks it up: 40 people → α = 1.2, R = 1.68
    await sql([`UPDATE protected_targets SET population = 40 WHERE name = '${P}near-enterprise'`]);
    const re = await api('/api/hazard-sources/recompute', { method: 'POST', token });
    expect(re.status).toBe(200);
    const row = await stored(withEnterprise.body.id);
    expect(row).toMatchObject({ people: 40, alpha: 1.2 });
    expect(row.r).toBeCloseTo(1.68, 9);
  });

  it('regrades by itself when the population around a source changes behind the API (psql)', async () => {
    // GB 18218 §4.3 α bands (Table 5): 40 people → 1.2 (set by the previous test); 120 people → 2.0.
    await sql([`UPDATE protected_targets SET population = 120 WHERE name = '${P}near-enterprise'`]);
    const deadline = Date.now() + 5000;
    let row = await stored(withEnterpriseId);
    while (row.people !== 120 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      row = await stored(withEnterpriseId);
    }
    expect(row).toMatchObject({ people: 120, alpha: 2.0 });
    // R = α·Σβq/Q: the source's own units give Σβq/Q = 1.4 (1.68 / 1.2 in the previous test), so R = 2.0 × 1.4 = 2.8
    expect(row.r).toBeCloseTo(2.8, 9);
    // and back, so the tests after this one see the fixture as they expect
    await sql([`UPDATE protected_targets SET population = 40 WHERE name = '${P}near-enterprise'`]);
    const back = Date.now() + 5000;
    while ((await stored(withEnterpriseId)).people !== 40 && Date.now() < back) await new Promise((r) => setTimeout(r, 100));
    expect((await stored(withEnterpriseId)).people).toBe(40);
  });

  it('rejects bad POSTs with the field named and writes nothing', async () => {
    const token = await tokenFor('planner');
    const count = async () => (await api('/api/hazard-sources?limit=10000')).body
      .filter((s: { name: string }) => s.name.startsWith(P)).length;
    const n0 = await count();
    const good = { name: `${P}bad`, geometry: point(LON, LAT), units: [{ chemical: '氯', quantityT: 1 }] };
    const bad: [unknown, string][] = [
      [{ ...good, name: undefined }, 'name'],
      [{ ...good, geometry: undefined }, 'geometry'],
      [{ ...good, geometry: { type: 'LineString', coordinates: [[LON, LAT], [LON, LAT + 1]] } }, 'geometry.type'],
      [{ ...good, units: [] }, 'units'],
      [{ ...good, units: [{ chemical: 'unobtainium', quantityT: 1 }] }, 'units[0].chemical'],
      [{ ...good, units: [{ chemical: '氯', quantityT: 'a lot' }] }, 'units[0].quantityT'],
      [{ ...good, enterpriseId: 2147480000 }, 'enterpriseId'],
      [{ ...good, unitKind: 'tank' }, 'unitKind'],
      [{ ...good, ratioSum: 3 }, 'ratioSum'],
      [{ ...good, colour: 'red' }, 'colour'],
    ];
    for (const [json, field] of bad) {
      const res = await api('/api/hazard-sources', { method: 'POST', token, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.error.field, JSON.stringify(json)).toBe(field);
    }
    expect((await api('/api/hazard-sources', { method: 'POST', json: good })).status).toBe(401);
    expect((await api('/api/hazard-sources', { method: 'POST', token: await tokenFor('viewer'), json: good })).status).toBe(403);
    expect((await api(`/api/hazard-sources/${id}`, { method: 'PATCH', token: await tokenFor('dispatcher'), json: { name: 'x' } })).status).toBe(403);
    expect(await count()).toBe(n0);
  });

  it('lists, filters, counts and audits', async () => {
    const list = await api('/api/hazard-sources?grade=4');
    expect(list.status).toBe(200);
    expect(list.body.every((s: { grade: number }) => s.grade === 4)).toBe(true);
    const mine = list.body.find((s: { id: number }) => s.id === id);
    expect(mine).toMatchObject({ name: `${P}液氯储罐区`, grade: 4, gradeLabel: '四级', exposedPeople: 50, units: [{ chemical: '氯', quantityT: 5 }] });
    expect(mine.location).toEqual([LON, LAT]);
    expect((await api('/api/hazard-sources?grade=7')).body.error.field).toBe('grade');
    expect((await api('/api/hazard-sources/2147483646')).status).toBe(404);
    expect((await api('/api/hazard-sources/99999999999')).status).toBe(404);

    const stats = await api('/api/hazard-sources/stats');
    expect(stats.status).toBe(200);
    const all: { grade: number | null; ratioSum: number | null }[] = (await api('/api/hazard-sources?limit=10000')).body;
    expect(stats.body.total).toBe(all.length);
    expect(stats.body.byGrade['4']).toBe(all.filter((s) => s.grade === 4).length);
    expect(stats.body.notMajor).toBe(all.filter((s) => s.ratioSum !== null && s.grade === null).length);
    const district = stats.body.byDistrict.find((d: { district: string }) => d.district === `${P}区`);
    expect(district).toMatchObject({ total: 1, byGrade: { 1: 0, 2: 0, 3: 0, 4: 1 } });

    const [rows] = await sql([`SELECT action, before IS NULL AS no_before, after->>'grade' AS grade FROM audit_log
      WHERE collection = 'hazard_sources' AND feature_id = $1 ORDER BY id`, [id]]);
    // 1 insert + the 4 accepted PATCHes (units, geometry, geometry + units, units); the invalid ones wrote nothing
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update', 'update', 'update', 'update']);
    expect(rows[0].no_before).toBe(true);
    expect(rows.at(-1)!.grade).toBe('4');
  });
});
