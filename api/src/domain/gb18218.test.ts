import { describe, expect, it } from 'vitest';
import { alphaForExposedPeople, gradeForR, gradeMajorHazard, tidy } from './gb18218.ts';

// Q and β below are GB 18218-2018 Table 1 / Table 3 values (shared/domain/standards.md §1.2, §1.5):
// 氯 Q = 5 t, β = 4 (表3); 氨 Q = 10 t, β = 2 (表3); 甲醇 Q = 500 t, 苯 Q = 50 t, β = 1 (表4, W5.3).
const chlorine = (t: number) => ({ quantityT: t, criticalQuantityT: 5, beta: 4, label: '氯' });
const ammonia = (t: number) => ({ quantityT: t, criticalQuantityT: 10, beta: 2, label: '氨' });
const methanol = (t: number) => ({ quantityT: t, criticalQuantityT: 500, beta: 1, label: '甲醇' });
const benzene = (t: number) => ({ quantityT: t, criticalQuantityT: 50, beta: 1, label: '苯' });

describe('gradeMajorHazard', () => {
  it('grades a single substance: 氯 12 t, nobody exposed', () => {
    // S = 12/5 = 2.4 ≥ 1; α = 0.5 (0 people); R = 0.5 × 4 × 2.4 = 4.8 < 10 → 四级
    const g = gradeMajorHazard([chlorine(12)], 0);
    expect(g.ratioSum).toBeCloseTo(2.4, 12);
    expect(g.isMajorHazard).toBe(true);
    expect(g.alpha).toBe(0.5);
    expect(g.r).toBeCloseTo(4.8, 12);
    expect(g.grade).toBe(4);
    expect(g.gradeLabel).toBe('四级');
    expect(g.items[0].ratio).toBeCloseTo(2.4, 12);
    expect(g.items[0].explanation).toContain('12 t / 5 t');
  });

  it('grades mixed substances: 氯 12 t + 氨 30 t, 120 people', () => {
    // S = 12/5 + 30/10 = 2.4 + 3 = 5.4; Σβq/Q = 4·2.4 + 2·3 = 15.6; α = 2.0 (≥ 100); R = 31.2 → 三级 (50 > R ≥ 10)
    const g = gradeMajorHazard([chlorine(12), ammonia(30)], 120);
    expect(g.ratioSum).toBeCloseTo(5.4, 12);
    expect(g.weightedSum).toBeCloseTo(15.6, 12);
    expect(g.alpha).toBe(2.0);
    expect(g.r).toBeCloseTo(31.2, 12);
    expect(g.grade).toBe(3);
    expect(g.explanation.join('\n')).toMatch(/R = α·Σβq\/Q = 2\.0 × 15\.6 = 31\.2 → 三级/);
  });

  it('grades a mix of Table-4 substances: 甲醇 300 t + 苯 40 t, 45 people', () => {
    // S = 300/500 + 40/50 = 0.6 + 0.8 = 1.4; α = 1.2 (30–49); R = 1.2 × (0.6 + 0.8) = 1.68 → 四级
    const g = gradeMajorHazard([methanol(300), benzene(40)], 45);
    expect(g.ratioSum).toBeCloseTo(1.4, 12);
    expect(g.alpha).toBe(1.2);
    expect(g.r).toBeCloseTo(1.68, 12);
    expect(g.grade).toBe(4);
  });

  it('does not grade S just below 1', () => {
    // 氯 4.99 t: S = 4.99/5 = 0.998 < 1 → not a major hazard: R and grade are null (α is still reported)
    const g = gradeMajorHazard([chlorine(4.99)], 10);
    expect(g.ratioSum).toBeCloseTo(0.998, 12);
    expect(g.isMajorHazard).toBe(false);
    expect(g.r).toBeNull();
    expect(g.grade).toBeNull();
    expect(g.alpha).toBe(1.0);
    expect(g.explanation.join('\n')).toMatch(/< 1 → 不构成重大危险源/);
  });

  it('counts S = 1 exactly as major even when binary floating point sums to 0.9999999999999999', () => {
    // 350/500 + 10/50 + 0.5/5 = 0.7 + 0.2 + 0.1 = 1 (in IEEE doubles 0.7 + 0.2 + 0.1 = 0.9999999999999999)
    expect(0.7 + 0.2 + 0.1).toBeLessThan(1);
    const g = gradeMajorHazard([methanol(350), benzene(10), { ...chlorine(0.5), beta: 1 }], 0);
    expect(g.isMajorHazard).toBe(true);
    expect(tidy(g.ratioSum)).toBe(1);
  });

  it('applies every α band of Table 5 at its boundaries', () => {
    // one item with β·q/Q = 4 × 12/5 = 9.6, so R = 9.6·α
    const cases: [number, number][] = [[0, 0.5], [1, 1.0], [29, 1.0], [30, 1.2], [49, 1.2], [50, 1.5], [99, 1.5], [100, 2.0], [5000, 2.0]];
    for (const [people, alpha] of cases) {
      const g = gradeMajorHazard([chlorine(12)], people);
      expect(g.alpha, `${people} people`).toBe(alpha);
      expect(g.r, `${people} people`).toBeCloseTo(9.6 * alpha, 12);
      expect(alphaForExposedPeople(people).alpha).toBe(alpha);
    }
  });

  it('applies every grade boundary of Table 6 exactly', () => {
    // Q = 1 t, β = 1, 1 person (α = 1.0): R = q
    const one = (q: number) => gradeMajorHazard([{ quantityT: q, criticalQuantityT: 1, beta: 1 }], 1);
    expect(one(100).grade).toBe(1);   // R = 100 → 一级
    expect(one(99.99).grade).toBe(2); // R = 99.99 < 100
    expect(one(50).grade).toBe(2);    // R = 50 → 二级
    expect(one(49.99).grade).toBe(3);
    expect(one(10).grade).toBe(3);    // R = 10 → 三级
    expect(one(9.99).grade).toBe(4);
    expect(one(1).grade).toBe(4);     // S = 1 exactly: major, R = 1 → 四级
    // R = 10 reached through α = 0.5: 氯 12.5 t, β = 4 → 0.5 × 4 × 2.5 = 5; 25 t → 0.5 × 4 × 5 = 10 → 三级
    expect(gradeMajorHazard([chlorine(25)], 0).r).toBeCloseTo(10, 12);
    expect(gradeMajorHazard([chlorine(25)], 0).grade).toBe(3);
    // R = 100 through α = 2.0 and two substances: 氯 25 t (β·q/Q = 20) + 氨 150 t (2 × 15 = 30) → 2.0 × 50 = 100 → 一级
    expect(gradeMajorHazard([chlorine(25), ammonia(150)], 100).grade).toBe(1);
    expect(gradeForR(50).grade).toBe(2);
  });

  it('treats quantity 0 as contributing nothing and rejects impossible inputs', () => {
    expect(gradeMajorHazard([chlorine(0)], 0).ratioSum).toBe(0);
    expect(gradeMajorHazard([], 0).isMajorHazard).toBe(false);
    expect(() => gradeMajorHazard([chlorine(-1)], 0)).toThrow(RangeError);
    expect(() => gradeMajorHazard([{ quantityT: 1, criticalQuantityT: 0, beta: 1 }], 0)).toThrow(RangeError);
    expect(() => gradeMajorHazard([{ quantityT: 1, criticalQuantityT: 1, beta: 0 }], 0)).toThrow(RangeError);
    expect(() => gradeMajorHazard([chlorine(1)], -1)).toThrow(RangeError);
    expect(() => gradeMajorHazard([chlorine(Number.NaN)], 0)).toThrow(RangeError);
  });
});
