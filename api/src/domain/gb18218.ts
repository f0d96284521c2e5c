/**
 * GB 18218-2018 《危险化学品重大危险源辨识》: identification (§4.2.2) and grading (§4.3) of a unit.
 * Pure: no I/O. The critical quantities Q (Tables 1/2) and correction factors β (Tables 3/4) are looked up by the
 * caller (api/src/hazards/); this module applies the formulas and Tables 5 and 6.
 *
 *   S = q1/Q1 + q2/Q2 + … + qn/Qn ;  S ≥ 1 ⇒ major hazard                       (§4.2.2 a, b)
 *   R = α · (β1·q1/Q1 + β2·q2/Q2 + … + βn·qn/Qn)                                (§4.3)
 *   α from the people exposed within 500 m outward of the plant boundary     (§4.3, Table 5)
 *   grade from R                                                              (Table 6; 一级 = 1 is the most severe)
 *
 * Quantities in tonnes (t). Example: 氯 12 t (Q = 5 t, β = 4), nobody within 500 m:
 *   S = 12/5 = 2.4 ≥ 1 → major; α = 0.5; R = 0.5 × 4 × 2.4 = 4.8 → 四级 (grade 4).
 */

export interface GradeInput {
  /** actual (design maximum) quantity q in tonnes, GB 18218-2018 §4.2.2 */
  quantityT: number;
  /** critical quantity Q in tonnes (Table 1 for named substances, Table 2 by hazard class otherwise) */
  criticalQuantityT: number;
  /** correction factor β (Table 3 for the named toxic gases, Table 4 by hazard class otherwise) */
  beta: number;
  /** label used in the explanation, e.g. "氯" */
  label?: string;
  /** where Q comes from, e.g. "表1 第12项" */
  qSource?: string;
  /** where β comes from, e.g. "表3" or "表4 W2" */
  betaSource?: string;
}

export interface GradedItem {
  quantityT: number;
  criticalQuantityT: number;
  beta: number;
  /** q/Q */
  ratio: number;
  /** β·q/Q */
  weightedRatio: number;
  explanation: string;
}

export type Grade = 1 | 2 | 3 | 4;

export interface MajorHazardGrade {
  /** S = Σ q/Q */
  ratioSum: number;
  /** S ≥ 1 (§4.2.2) */
  isMajorHazard: boolean;
  exposedPeople: number;
  /** Table 5 */
  alpha: number;
  /** Σ β·q/Q */
  weightedSum: number;
  /** R = α·Σβq/Q, only for a major hazard (null otherwise) */
  r: number | null;
  /** Table 6, only for a major hazard */
  grade: Grade | null;
  /** 一级…四级, or null */
  gradeLabel: string | null;
  items: GradedItem[];
  /** zh-CN first, English after " / " */
  explanation: string[];
}

/**
 * Sums of decimal inputs are compared against the thresholds (S = 1; R = 10, 50, 100) with this relative
 * tolerance, so that e.g. 0.7 + 0.3, which binary floating point gives as 0.9999999999999999, still counts as 1.
 */
const RELATIVE_TOLERANCE = 1e-9;
const atLeast = (value: number, threshold: number) => value >= threshold * (1 - RELATIVE_TOLERANCE);

/** Rounds to 12 significant digits: 2.4000000000000004 → 2.4 (for output only, never before comparing). */
export function tidy(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}

export const GRADE_LABELS: Record<Grade, string> = { 1: '一级', 2: '二级', 3: '三级', 4: '四级' };

/** GB 18218-2018 Table 5: α from the number of people exposed outside the plant (within 500 m). */
export function alphaForExposedPeople(exposedPeople: number): { alpha: number; band: string } {
  if (!Number.isFinite(exposedPeople) || exposedPeople < 0) throw new RangeError(`exposedPeople must be ≥ 0, got ${exposedPeople}`);
  if (exposedPeople >= 100) return { alpha: 2.0, band: '100人以上 / 100 or more' };
  if (exposedPeople >= 50) return { alpha: 1.5, band: '50~99人 / 50–99' };
  if (exposedPeople >= 30) return { alpha: 1.2, band: '30~49人 / 30–49' };
  if (exposedPeople >= 1) return { alpha: 1.0, band: '1~29人 / 1–29' };
  return { alpha: 0.5, band: '0人 / none' };
}

/** GB 18218-2018 Table 6: grade from R (1 = 一级, the most severe). */
export function gradeForR(r: number): { grade: Grade; band: string } {
  if (!Number.isFinite(r) || r < 0) throw new RangeError(`R must be ≥ 0, got ${r}`);
  if (atLeast(r, 100)) return { grade: 1, band: 'R ≥ 100' };
  if (atLeast(r, 50)) return { grade: 2, band: '100 > R ≥ 50' };
  if (atLeast(r, 10)) return { grade: 3, band: '50 > R ≥ 10' };
  return { grade: 4, band: 'R < 10' };
}

/**
 * Identifies and grades one unit (生产单元 or 储存单元) holding `items`, with `exposedPeople` people within 500 m
 * outward of the plant boundary. Throws RangeError on negative/non-finite quantities, Q ≤ 0 or β ≤ 0.
 */
export function gradeMajorHazard(items: GradeInput[], exposedPeople: number): MajorHazardGrade {
  const { alpha, band: alphaBand } = alphaForExposedPeople(exposedPeople);
  const graded: GradedItem[] = items.map((it, i) => {
    const name = it.label ?? `#${i + 1}`;
    if (!Number.isFinite(it.quantityT) || it.quantityT < 0) throw new RangeError(`${name}: quantityT must be ≥ 0`);
    if (!Number.isFinite(it.criticalQuantityT) || it.criticalQuantityT <= 0) throw new RangeError(`${name}: criticalQuantityT must be > 0`);
    if (!Number.isFinite(it.beta) || it.beta <= 0) throw new RangeError(`${name}: beta must be > 0`);
    const ratio = it.quantityT / it.criticalQuantityT;
    const weightedRatio = it.beta * ratio;
    const qFrom = it.qSource ? ` (${it.qSource})` : '';
    const betaFrom = it.betaSource ? ` (${it.betaSource})` : '';
    return {
      quantityT: it.quantityT, criticalQuantityT: it.criticalQuantityT, beta: it.beta,
      ratio, weightedRatio,
      explanation: `${name}: q/Q = ${tidy(it.quantityT)} t / ${tidy(it.criticalQuantityT)} t${qFrom} = ${tidy(ratio)}; ` +
        `β = ${tidy(it.beta)}${betaFrom}; β·q/Q = ${tidy(weightedRatio)}`,
    };
  });
  const ratioSum = graded.reduce((s, g) => s + g.ratio, 0);
  const weightedSum = graded.reduce((s, g) => s + g.weightedRatio, 0);
  const isMajorHazard = atLeast(ratioSum, 1);

  const explanation = graded.map((g) => g.explanation);
  explanation.push(isMajorHazard
    ? `S = Σq/Q = ${tidy(ratioSum)} ≥ 1 → 构成重大危险源 (GB 18218-2018 §4.2.2) / a major hazard installation`
    : `S = Σq/Q = ${tidy(ratioSum)} < 1 → 不构成重大危险源，不分级 (GB 18218-2018 §4.2.2) / not a major hazard, not graded`);
  explanation.push(`厂区边界外500 m内暴露人数 ${exposedPeople} 人 → α = ${alpha.toFixed(1)} (表5: ${alphaBand}) / ` +
    `${exposedPeople} people exposed within 500 m → α = ${alpha.toFixed(1)} (Table 5)`);

  let r: number | null = null;
  let grade: Grade | null = null;
  if (isMajorHazard) {
    r = alpha * weightedSum;
    const g = gradeForR(r);
    grade = g.grade;
    explanation.push(`R = α·Σβq/Q = ${alpha.toFixed(1)} × ${tidy(weightedSum)} = ${tidy(r)} → ${GRADE_LABELS[grade]}重大危险源 ` +
      `(表6: ${g.band}) / grade ${grade} (Table 6, §4.3)`);
  }
  return {
    ratioSum, isMajorHazard, exposedPeople, alpha, weightedSum, r, grade,
    gradeLabel: grade ? GRADE_LABELS[grade] : null,
    items: graded, explanation,
  };
}
