/**
 * Chemical park safety-risk grade from the park's assessment score (higher score = lower risk).
 * 化工园区安全风险排查治理导则 (应急〔2023〕123号, revised guide): < 60 → A 高安全风险; 60 to < 70 → B 较高安全风险;
 * 70 to < 85 → C 一般安全风险; ≥ 85 → D 较低安全风险. The thresholds were read in a secondary source only
 * (news item, standards.md §5 ⚠️); the consequences of each grade were not found (❌).
 *
 * @example parkGrade(72.5) // → { grade: 'C', label: '一般安全风险', … }
 */
export type ParkGrade = 'A' | 'B' | 'C' | 'D';

export interface ParkGradeResult {
  grade: ParkGrade;
  label: string;
  labelEn: string;
}

export const PARK_GRADE_SOURCE =
  '化工园区安全风险排查治理导则（应急〔2023〕123号）评分分级：A <60，B 60–<70，C 70–<85，D ≥85 — ⚠️ 二手来源（新闻转述），未核实原文 (secondary source, unverified)';

const bands: { min: number; result: ParkGradeResult }[] = [
  { min: 85, result: { grade: 'D', label: '较低安全风险', labelEn: 'lower safety risk' } },
  { min: 70, result: { grade: 'C', label: '一般安全风险', labelEn: 'general safety risk' } },
  { min: 60, result: { grade: 'B', label: '较高安全风险', labelEn: 'higher safety risk' } },
  { min: -Infinity, result: { grade: 'A', label: '高安全风险', labelEn: 'high safety risk' } },
];

/** Grade for a score in [0, 100]; throws RangeError outside it. */
export function parkGrade(score: number): ParkGradeResult {
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new RangeError(`score must be within 0..100, got ${score}`);
  return { ...bands.find((b) => score >= b.min)!.result };
}

export function gradeLabel(grade: ParkGrade): ParkGradeResult {
  return { ...bands.find((b) => b.result.grade === grade)!.result };
}
