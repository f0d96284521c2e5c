import { describe, expect, it } from 'vitest';
import { api } from './helpers.ts';

// Expected values are worked out by hand from GB 18218-2018 as transcribed in shared/domain/standards.md:
// Table 1 Q, Table 2 Q by class, Table 3 β (toxic gases), Table 4 β by class, Table 5 α, Table 6 grade.
const grade = (json: unknown) => api('/api/analysis/major-hazard', { method: 'POST', json });

describe('POST /api/analysis/major-hazard', () => {
  it('grades 氯 12 t + 氨 30 t with 120 people exposed, without a token', async () => {
    // 氯: Q = 5 t (表1 第12项), β = 4 (表3); 氨: Q = 10 t (表1 第1项), β = 2 (表3)
    // S = 12/5 + 30/10 = 2.4 + 3 = 5.4 ≥ 1; α = 2.0 (≥ 100 people); R = 2.0 × (4·2.4 + 2·3) = 2.0 × 15.6 = 31.2 → 三级
    const res = await grade({ items: [{ chemical: '氯', quantityT: 12 }, { chemical: '氨', quantityT: 30 }], exposedPeople: 120 });
    expect(res.status).toBe(200);
    expect(res.body.ratioSum).toBeCloseTo(5.4, 9);
    expect(res.body.isMajorHazard).toBe(true);
    expect(res.body.alpha).toBe(2);
    expect(res.body.r).toBeCloseTo(31.2, 9);
    expect(res.body.grade).toBe(3);
    expect(res.body.gradeLabel).toBe('三级');
    const [cl, nh3] = res.body.items;
    expect(cl).toMatchObject({ chemical: '氯', quantityT: 12, criticalQuantityT: 5, beta: 4, betaSource: 'Table 3', betaClassAssumed: false,
      criticalQuantitySource: 'Table 1', matched: { name: '氯', table1Seq: 12, cas: ['7782-50-5'], unNumber: '1017' } });
    expect(cl.ratio).toBeCloseTo(2.4, 9);
    expect(nh3).toMatchObject({ criticalQuantityT: 10, beta: 2, betaSource: 'Table 3', matched: { table1Seq: 1 } });
    expect(nh3.ratio).toBeCloseTo(3, 9);
    expect(res.body.explanation.join('\n')).toMatch(/表1 第12项/);
    expect(res.body.explanation.join('\n')).toMatch(/表5/);
    expect(res.body.explanation.join('\n')).toMatch(/表6/);
  });

  it('finds a substance by name, alias, CAS, UN number and English name, ignoring case, width and spaces', async () => {
    for (const chemical of ['氯', '液氯', '氯气', '7782-50-5', ' 7782 - 50 - 5 ', 'UN1017', 'un 1017', '1017', 'ＵＮ１０１７', 'Chlorine', 'CHLORINE']) {
      const res = await grade({ items: [{ chemical, quantityT: 12 }], exposedPeople: 0 });
      expect(res.status, chemical).toBe(200);
      expect(res.body.items[0].matched.table1Seq, chemical).toBe(12);
      // S = 12/5 = 2.4; α = 0.5 (nobody); R = 0.5 × 4 × 2.4 = 4.8 → 四级
      expect(res.body.r, chemical).toBeCloseTo(4.8, 9);
      expect(res.body.grade, chemical).toBe(4);
    }
    // LPG by a CAS of one of its components (row 52 lists 68476-85-7, 74-98-6 propane, 106-97-8 butane) and by "LPG"
    for (const chemical of ['74-98-6', '106-97-8', 'LPG', '丙烷', '液化石油气']) {
      const res = await grade({ items: [{ chemical, quantityT: 100 }], exposedPeople: 0 });
      expect(res.body.items[0].matched.table1Seq, chemical).toBe(52);
      expect(res.body.items[0].criticalQuantityT).toBe(50);
    }
    // 甲烷,天然气 (row 49) by either CAS
    expect((await grade({ items: [{ chemical: '8006-14-2', quantityT: 1 }], exposedPeople: 0 })).body.items[0].matched.table1Seq).toBe(49);
  });

  it('takes β from Table 4 by class for Table-1 substances outside Table 3', async () => {
    // 甲醇 Q = 500 t, 苯 Q = 50 t; both flammable liquids category 2 → W5.3, β = 1 (表4)
    // S = 300/500 + 40/50 = 0.6 + 0.8 = 1.4; 45 people → α = 1.2; R = 1.2 × 1.4 = 1.68 → 四级
    const res = await grade({ items: [{ chemical: '甲醇', quantityT: 300 }, { chemical: '71-43-2', quantityT: 40 }], exposedPeople: 45 });
    expect(res.status).toBe(200);
    expect(res.body.ratioSum).toBeCloseTo(1.4, 9);
    expect(res.body.alpha).toBe(1.2);
    expect(res.body.r).toBeCloseTo(1.68, 9);
    expect(res.body.grade).toBe(4);
    expect(res.body.items[0]).toMatchObject({ beta: 1, betaSource: 'Table 4', betaClassAssumed: true, matched: { table1Seq: 65, hazardClass: 'W5.3' } });
    expect(res.body.items[1]).toMatchObject({ beta: 1, betaSource: 'Table 4', matched: { name: '苯', table1Seq: 57 } });
    // the class behind β is the project's assignment and says so
    expect(res.body.items[0].notes.join(' ')).toMatch(/本系统/);
  });

  it('grades a substance not in Table 1 by its Table-2 class', async () => {
    // 丙烯 is not named in Table 1; W2 (易燃气体): Q = 10 t (表2), β = 1.5 (表4)
    // S = 20/10 = 2; nobody exposed → α = 0.5; R = 0.5 × 1.5 × 2 = 1.5 → 四级
    const res = await grade({ items: [{ chemical: '丙烯', quantityT: 20, hazardClass: 'w2' }], exposedPeople: 0 });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ chemical: '丙烯', criticalQuantityT: 10, criticalQuantitySource: 'Table 2', beta: 1.5,
      betaSource: 'Table 4', betaClassAssumed: false, matched: { name: '丙烯', hazardClass: 'W2' } });
    expect(res.body.ratioSum).toBeCloseTo(2, 9);
    expect(res.body.r).toBeCloseTo(1.5, 9);
    expect(res.body.grade).toBe(4);
    // J1 (急性毒性类别1 气体): Q = 5 t, β = 4. 10 t, 60 people (α = 1.5): S = 2, R = 1.5 × 4 × 2 = 12 → 三级
    const j1 = await grade({ items: [{ chemical: '某剧毒气体', quantityT: 10, hazardClass: 'J1' }], exposedPeople: 60 });
    expect(j1.body.r).toBeCloseTo(12, 9);
    expect(j1.body.grade).toBe(3);
  });

  it('lets the caller set the class of a Table-4 substance (β), keeping the Table-1 Q; Table 3 cannot be overridden', async () => {
    // 汽油: Q = 200 t (表1 第66项). With W5.1, β = 1.5: S = 300/200 = 1.5; 100 people α = 2.0; R = 2.0 × 1.5 × 1.5 = 4.5
    const w51 = await grade({ items: [{ chemical: '汽油', quantityT: 300, hazardClass: 'W5.1' }], exposedPeople: 100 });
    expect(w51.body.items[0]).toMatchObject({ criticalQuantityT: 200, beta: 1.5, betaClassAssumed: false, matched: { table1Seq: 66, hazardClass: 'W5.1' } });
    expect(w51.body.r).toBeCloseTo(4.5, 9);
    // default assignment W5.3, β = 1: R = 2.0 × 1 × 1.5 = 3.0
    const plain = await grade({ items: [{ chemical: '汽油', quantityT: 300 }], exposedPeople: 100 });
    expect(plain.body.items[0].beta).toBe(1);
    expect(plain.body.r).toBeCloseTo(3, 9);
    // 氯 stays β = 4 (Table 3) whatever class is passed
    const cl = await grade({ items: [{ chemical: '氯', quantityT: 12, hazardClass: 'W2' }], exposedPeople: 0 });
    expect(cl.body.items[0]).toMatchObject({ beta: 4, betaSource: 'Table 3' });
  });

  it('grades the worst cases: 一级 and 二级', async () => {
    // 碳酰氯 (光气): Q = 0.3 t, β = 20 (表3). 3 t, 150 people: S = 10; R = 2.0 × 20 × 10 = 400 → 一级
    const phosgene = await grade({ items: [{ chemical: '光气', quantityT: 3 }], exposedPeople: 150 });
    expect(phosgene.body.items[0].matched.table1Seq).toBe(6);
    expect(phosgene.body.r).toBeCloseTo(400, 9);
    expect(phosgene.body.grade).toBe(1);
    // 硫化氢: Q = 5 t, β = 5 (表3). 35 t, 60 people (α = 1.5): S = 7; R = 1.5 × 5 × 7 = 52.5 → 二级
    const h2s = await grade({ items: [{ chemical: '硫化氢', quantityT: 35 }], exposedPeople: 60 });
    expect(h2s.body.r).toBeCloseTo(52.5, 9);
    expect(h2s.body.grade).toBe(2);
    // 煤气 row 13 via alias 一氧化碳: Q = 20 t, β = 2 (表3 一氧化碳). 40 t, 1 person: S = 2, R = 1.0 × 2 × 2 = 4 → 四级
    const co = await grade({ items: [{ chemical: '一氧化碳', quantityT: 40 }], exposedPeople: 1 });
    expect(co.body.items[0]).toMatchObject({ criticalQuantityT: 20, beta: 2, betaSource: 'Table 3', matched: { table1Seq: 13 } });
    expect(co.body.r).toBeCloseTo(4, 9);
  });

  it('does not grade a unit below the threshold', async () => {
    // 氯 4.99 t: S = 0.998 < 1 → not a major hazard, no R and no grade
    const res = await grade({ items: [{ chemical: '氯', quantityT: 4.99 }], exposedPeople: 500 });
    expect(res.body.isMajorHazard).toBe(false);
    expect(res.body.ratioSum).toBeCloseTo(0.998, 9);
    expect(res.body.r).toBeNull();
    expect(res.body.grade).toBeNull();
  });

  it('resolves a CAS shared by several Table-1 rows to the most stringent one and says so', async () => {
    // 9004-70-0 is the CAS of rows 37–42 (硝化纤维素); the smallest Q is 1 t (rows 37 and 38) → row 37.
    // 0.5 t: S = 0.5 < 1 → not major
    const res = await grade({ items: [{ chemical: '9004-70-0', quantityT: 0.5 }], exposedPeople: 0 });
    expect(res.body.items[0].matched.table1Seq).toBe(37);
    expect(res.body.items[0].criticalQuantityT).toBe(1);
    expect(res.body.items[0].notes.join(' ')).toMatch(/6 个条目/);
    // the full name selects row 39 (含乙醇≥25%, Q = 10 t)
    const full = await grade({ items: [{ chemical: '硝化纤维素(含乙醇≥25%)', quantityT: 0.5 }], exposedPeople: 0 });
    expect(full.body.items[0].matched.table1Seq).toBe(39);
    expect(full.body.items[0].criticalQuantityT).toBe(10);
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ items: [{ chemical: '不存在的物质', quantityT: 1 }], exposedPeople: 0 }, 'items[0].chemical'],
      [{ items: [{ chemical: '氯', quantityT: 1 }, { chemical: '不存在的物质', quantityT: 1 }], exposedPeople: 0 }, 'items[1].chemical'],
      [{ items: [{ chemical: '氯', quantityT: -1 }], exposedPeople: 0 }, 'items[0].quantityT'],
      [{ items: [{ chemical: '氯', quantityT: '12' }], exposedPeople: 0 }, 'items[0].quantityT'],
      [{ items: [{ chemical: '氯' }], exposedPeople: 0 }, 'items[0].quantityT'],
      [{ items: [{ quantityT: 1 }], exposedPeople: 0 }, 'items[0].chemical'],
      [{ items: [{ chemical: '丙烯', quantityT: 1, hazardClass: 'W99' }], exposedPeople: 0 }, 'items[0].hazardClass'],
      [{ items: [{ chemical: '氯', quantityT: 1 }] }, 'exposedPeople'],
      [{ items: [{ chemical: '氯', quantityT: 1 }], exposedPeople: -1 }, 'exposedPeople'],
      [{ items: [{ chemical: '氯', quantityT: 1 }], exposedPeople: 2.5 }, 'exposedPeople'],
      [{ items: [{ chemical: '氯', quantityT: 1 }], exposedPeople: '10' }, 'exposedPeople'],
      [{ items: [], exposedPeople: 0 }, 'items'],
      [{ items: 'chlorine', exposedPeople: 0 }, 'items'],
      [[1, 2], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await grade(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
      expect(res.body.error.message).toBeTruthy();
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const malformed = await api('/api/analysis/major-hazard', { method: 'POST', body: '{"items":[', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });
});

describe('chemical catalogue', () => {
  it('holds all 85 rows of GB 18218-2018 Table 1 and the 14 Table-3 β values', async () => {
    const res = await api('/api/chemicals?limit=500');
    expect(res.status).toBe(200);
    type Row = { table1Seq: number | null; betaTable: string | null; beta: number | null; cas: string[]; criticalQuantityT: number };
    const table1: Row[] = res.body.filter((r: Row) => r.table1Seq !== null);
    expect(table1).toHaveLength(85);
    expect(new Set(table1.map((r) => r.table1Seq)).size).toBe(85);
    expect(table1.filter((r) => r.betaTable === 'table3').map((r) => r.table1Seq).sort((a, b) => a! - b!))
      .toEqual([1, 3, 4, 6, 7, 9, 10, 11, 12, 13, 17, 20, 25, 30]);
    expect(table1.filter((r) => r.beta === null)).toHaveLength(0);
    // rows 13 (煤气), 45 (硝酸铵肥料) and 74 (烷基铝) have no CAS in the standard
    expect(table1.filter((r) => r.cas.length === 0).map((r) => r.table1Seq).sort((a, b) => a! - b!)).toEqual([13, 45, 74]);
    // spot checks against standards.md §1.2: (seq, Q)
    const q = Object.fromEntries(table1.map((r) => [r.table1Seq, r.criticalQuantityT]));
    expect([6, 30, 45, 46, 56, 85].map((seq) => [seq, q[seq]])).toEqual([[6, 0.3], [30, 0.75], [45, 200], [46, 1000], [56, 200], [85, 10]]);
  });

  it('searches by fragment and ranks the exact match first', async () => {
    const res = await api('/api/chemicals?q=氯');
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ name: '氯', table1Seq: 12, criticalQuantityT: 5, beta: 4, betaTable: 'table3' });
    expect(res.body.length).toBeGreaterThan(5); // 氯化氢, 氯乙烯, 氯酸钾 … also contain 氯
    const byCas = await api('/api/chemicals?q=7664-41');
    expect(byCas.body.map((r: { name: string }) => r.name)).toEqual(['氨']);
    expect((await api('/api/chemicals?limit=0')).status).toBe(422);
    expect((await api('/api/chemicals')).body).toHaveLength(50);
  });

  it('lists the Table-2 classes with their Q and Table-4 β', async () => {
    const res = await api('/api/hazard-classes');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(24);
    expect(res.body[0].symbol).toBe('J1');
    const bySymbol = Object.fromEntries(res.body.map((r: { symbol: string }) => [r.symbol, r]));
    expect(bySymbol['W5.1']).toMatchObject({ criticalQuantityT: 10, beta: 1.5 });
    expect(bySymbol['J1']).toMatchObject({ criticalQuantityT: 5, beta: 4 });
    expect(bySymbol['W11']).toMatchObject({ criticalQuantityT: 200, beta: 1 });
  });
});
