/**
 * Evaluation of the safety-distance and siting rules of table `safety_rules` (geodata/migrations/003_safety_rules.sql).
 * Pure: no I/O. The SQL finds the features and their distances; this module turns (required, actual) pairs into
 * statuses, picks the governing rule of a feature and combines statuses into a verdict.
 *
 * Sources (shared/domain/standards.md):
 * - 《危险化学品安全管理条例》第十九条 (§2.1): objects to keep away from; no numbers → status "unknown".
 * - 《铁路安全管理条例》第二十七条 (§4.1): railway protection zone 10/12/15/20 m (high-speed), 8/10/12/15 m (other)
 *   by area class.
 * - GB 55009-2021 §5.1.6 (§3.3): gas pipeline protection range 0.5 / 1.5 / 5.0 m; Shanghai 0.7 m / 6 m (⚠️).
 */

export const SITE_KINDS = ['hazard_source', 'hazmat_storage', 'chemical_plant', 'gas_station'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export type FacilityKind = SiteKind | 'gas_pipeline' | 'railway';
export type CheckKind = 'min_distance' | 'zone' | 'not_inside' | 'must_be_inside';
export type Effect = 'prohibited' | 'restricted';
export type RuleStatus = 'pass' | 'fail' | 'unknown';

export const SITE_KIND_LABEL: Record<SiteKind, string> = {
  hazard_source: '重大危险源',
  hazmat_storage: '危险化学品储存设施',
  chemical_plant: '化工生产装置',
  gas_station: '加油加气站',
};

export function isSiteKind(v: unknown): v is SiteKind {
  return typeof v === 'string' && (SITE_KINDS as readonly string[]).includes(v);
}

/** 《铁路安全管理条例》第二十七条 area classes. */
export type AreaClass = 'urban' | 'suburban_residential' | 'village_residential' | 'other';
export const AREA_CLASS_LABEL: Record<AreaClass, string> = {
  urban: '城市市区',
  suburban_residential: '城市郊区居民居住区',
  village_residential: '村镇居民居住区',
  other: '其他地区',
};

/**
 * Area class of a railway section for 《铁路安全管理条例》第二十七条. The data model has no urban/suburban/village
 * land-use layer, so the section is taken as 城市市区 when it lies inside the Outer Ring Road (planning area
 * `outer_ring_inside`) and as 其他地区 elsewhere — a stated default, not a reading of the regulation.
 */
export function railwayAreaClass(insideOuterRing: boolean): AreaClass {
  return insideOuterRing ? 'urban' : 'other';
}

export const RAILWAY_AREA_NOTE =
  '铁路安全保护区的地区类别：外环线以内按“城市市区”，外环线以外按“其他地区”（数据中无郊区/村镇居住区分类，为默认取值）。' +
  ' Railway area class defaults to 城市市区 inside the Outer Ring Road and 其他地区 outside it.';

/** Distance below which a feature is reported even when no rule gives a number (metres). */
export const DEFAULT_REACH_M = 1000;

/**
 * Search radius when the caller gives none: the largest known rule distance that applies, but at least
 * DEFAULT_REACH_M, so that objects of rules without a number (第十九条) are still listed with their distance.
 */
export function defaultReachM(knownRequiredM: Iterable<number>): number {
  let reach = DEFAULT_REACH_M;
  for (const m of knownRequiredM) if (Number.isFinite(m) && m > reach) reach = m;
  return reach;
}

export interface DistanceEvaluation {
  status: RuleStatus;
  /** metres missing to the required distance; 0 when kept; null when the required distance is unknown */
  shortfallM: number | null;
}

/**
 * Status of one distance rule for one feature.
 * - required distance unknown (NULL) → "unknown": the law names the object but no number (e.g. 第十九条)
 * - actual < required: "fail" for a prohibition, "unknown" for a restricted range (allowed with the operator's
 *   agreement, e.g. the Shanghai gas control range) — the shortfall is reported either way
 * - actual ≥ required → "pass" (the rules say "not less than")
 */
export function evaluateDistance(requiredM: number | null, actualM: number, effect: Effect = 'prohibited'): DistanceEvaluation {
  if (requiredM === null || !Number.isFinite(requiredM)) return { status: 'unknown', shortfallM: null };
  const shortfallM = Math.max(0, requiredM - actualM);
  if (shortfallM <= 0) return { status: 'pass', shortfallM: 0 };
  return { status: effect === 'prohibited' ? 'fail' : 'unknown', shortfallM };
}

export interface Evaluated extends DistanceEvaluation {
  requiredM: number | null;
}

const statusRank: Record<RuleStatus, number> = { fail: 2, unknown: 1, pass: 0 };

/**
 * Orders evaluations by how much they govern: failures first (largest shortfall first), then unknowns (a known
 * shortfall before an unknown distance), then passes (largest required distance first). Negative = a governs.
 */
export function compareGoverning(a: Evaluated, b: Evaluated): number {
  if (statusRank[a.status] !== statusRank[b.status]) return statusRank[b.status] - statusRank[a.status];
  const sa = a.shortfallM ?? -1, sb = b.shortfallM ?? -1;
  if (sa !== sb) return sb - sa;
  return (b.requiredM ?? -1) - (a.requiredM ?? -1);
}

/** Index of the governing evaluation (see compareGoverning), or -1 for an empty list. */
export function governingIndex(evals: readonly Evaluated[]): number {
  let best = -1;
  for (let i = 0; i < evals.length; i++) if (best < 0 || compareGoverning(evals[i], evals[best]) < 0) best = i;
  return best;
}

/**
 * Orders the features checked against one rule (one line of the siting check) so that the first is the one to
 * report: a failure with the largest shortfall; else an unknown (known shortfall first, then nearest); else the
 * pass with the smallest margin (actual − required).
 */
export function compareWithinRule(a: Evaluated & { actualM: number }, b: Evaluated & { actualM: number }): number {
  if (statusRank[a.status] !== statusRank[b.status]) return statusRank[b.status] - statusRank[a.status];
  if (a.status === 'fail') return (b.shortfallM ?? 0) - (a.shortfallM ?? 0);
  if (a.status === 'unknown') return (b.shortfallM ?? -1) - (a.shortfallM ?? -1) || a.actualM - b.actualM;
  return (a.actualM - (a.requiredM ?? 0)) - (b.actualM - (b.requiredM ?? 0));
}

/** Siting verdict: fail if any rule fails, else unknown if any is unknown, else pass. */
export function verdict(statuses: Iterable<RuleStatus>): RuleStatus {
  let result: RuleStatus = 'pass';
  for (const s of statuses) {
    if (s === 'fail') return 'fail';
    if (s === 'unknown') result = 'unknown';
  }
  return result;
}

/** Status of an area rule: not_inside fails when inside; must_be_inside fails when not inside. */
export function evaluateArea(check: 'not_inside' | 'must_be_inside', inside: boolean): RuleStatus {
  return (check === 'not_inside') === inside ? 'fail' : 'pass';
}

/** "未核实/configurable" text the API adds to unverified rules. */
export function verificationLabel(verified: boolean): string {
  return verified ? '已核实 (verified)' : '未核实，可配置 (unverified/configurable)';
}

/** Metres rounded to centimetres for output (comparisons use the unrounded values). */
export function roundM(m: number | null): number | null {
  return m === null ? null : Math.round(m * 100) / 100;
}

export function ruleLabel(title: string, detail: string | null): string {
  return detail ? `${title}：${detail}` : title;
}
