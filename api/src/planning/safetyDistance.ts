import type { Queryable } from '../geo/validate.ts';
import {
  AREA_CLASS_LABEL, RAILWAY_AREA_NOTE, compareGoverning, evaluateDistance, roundM, ruleLabel, verificationLabel,
  type AreaClass, type RuleStatus, type SiteKind,
} from '../domain/safetyRules.ts';
import { analyseSite, type FeatureRow, type Site, type SiteAnalysis } from './candidates.ts';
import type { SafetyRule } from './ruleBook.ts';

export type { Site } from './candidates.ts';

/** One rule evaluated for one feature. */
export interface RuleCheck {
  ruleId: number;
  group: string;
  rule: string;
  effect: 'prohibited' | 'restricted';
  status: RuleStatus;
  requiredM: number | null;
  actualM: number;
  shortfallM: number | null;
  clause: string;
  verified: boolean;
  verification: string;
  areaClass?: { code: AreaClass; name: string };
  note: string | null;
}

/** Evaluates one rule for one feature within reach of a site. */
export function checkOf(feature: FeatureRow, rule: SafetyRule): RuleCheck {
  const ev = evaluateDistance(rule.requiredM, feature.actual_m, rule.effect);
  const check: RuleCheck = {
    ruleId: rule.id,
    group: rule.group,
    rule: ruleLabel(rule.title, rule.detail),
    effect: rule.effect,
    status: ev.status,
    requiredM: rule.requiredM,
    actualM: feature.actual_m,
    shortfallM: ev.shortfallM,
    clause: rule.clause,
    verified: rule.verified,
    verification: verificationLabel(rule.verified),
    note: rule.note,
  };
  if (feature.collection === 'railways' && feature.area_class) {
    const code = feature.area_class as AreaClass;
    check.areaClass = { code, name: AREA_CLASS_LABEL[code] };
  }
  return check;
}

/** An applicable rule's verdict for one feature in the safety-distance answer (its texts are in `ruleIndex`). */
export interface FeatureRuleStatus {
  ruleId: number;
  group: string;
  status: RuleStatus;
  requiredM: number | null;
  shortfallM: number | null;
}

/** A rule's texts, once per answer. */
export interface RuleText {
  group: string;
  rule: string;
  clause: string;
  effect: 'prohibited' | 'restricted';
  verified: boolean;
  verification: string;
  note: string | null;
}

export interface SafetyDistanceResult {
  collection: string;
  id: number;
  name: string;
  kind: string | null;
  /** governing rule (largest shortfall, else unknown, else largest required distance); null: no rule applies */
  rule: string | null;
  ruleId: number | null;
  status: RuleStatus | null;
  requiredM: number | null;
  actualM: number;
  shortfallM: number | null;
  clause: string | null;
  verified: boolean | null;
  /** railways: the area class the protection zone was taken for (《铁路安全管理条例》第二十七条) */
  areaClass?: { code: AreaClass; name: string };
  /** with `allRules`: every applicable rule, governing first */
  rules?: FeatureRuleStatus[];
}

const statusOrder: Record<string, number> = { fail: 0, unknown: 1, pass: 2, none: 3 };

/**
 * Safety-distance analysis: every protected target, railway, gas pipeline, road and enterprise within reach of the
 * site, with its governing rule, required and actual distance (true metres on the spheroid, from the geometry
 * edge; pipelines from the pipe's outer wall). Sorted: failures by shortfall (largest first), then unknown, then
 * kept distances, then features without a rule — each group nearest first. Each result names its governing rule
 * and clause; with `allRules` it also lists the status of every rule that applies, their texts once in `ruleIndex`.
 * (Moving the JSON is the largest cost after the query: with every rule's texts repeated per feature the answer was
 * 4× larger — docs/benchmarks.md.)
 */
export async function safetyDistance(db: Queryable, site: Site, opts: AnswerOptions = {}, prepare = false) {
  return safetyDistanceAnswer(site.kind, await analyseSite(db, site, { areas: false, prepare }), opts);
}

export interface AnswerOptions {
  /**
   * List every applicable rule per feature (`rules`) and their texts once (`ruleIndex`), not only the governing one.
   * Off by default: it doubles the answer, and the table a planner reads shows the governing rule.
   */
  allRules?: boolean;
}

/** The safety-distance answer for a site of `kind` from its analysed surroundings (pure). */
export function safetyDistanceAnswer(kind: SiteKind, { reachM, features, rules: book }: SiteAnalysis, opts: AnswerOptions = {}) {
  const results: SafetyDistanceResult[] = [];
  const ruleIndex: Record<number, RuleText> = {};
  for (const f of features) {
    const checks = book.rulesFor(kind, { collection: f.collection, kind: f.kind, sensitivity: f.sensitivity,
      areaClass: f.area_class }).map((r) => checkOf(f, r));
    checks.sort(compareGoverning);
    const g = checks[0];
    const result: SafetyDistanceResult = {
      collection: f.collection, id: f.id, name: f.name, kind: f.kind,
      rule: g?.rule ?? null,
      ruleId: g?.ruleId ?? null,
      status: g?.status ?? null,
      requiredM: roundM(g?.requiredM ?? null),
      actualM: roundM(f.actual_m)!,
      shortfallM: roundM(g?.shortfallM ?? null),
      clause: g?.clause ?? null,
      verified: g?.verified ?? null,
    };
    if (g?.areaClass) result.areaClass = g.areaClass;
    if (opts.allRules) {
      result.rules = checks.map((c) => ({ ruleId: c.ruleId, group: c.group, status: c.status, requiredM: roundM(c.requiredM),
        shortfallM: roundM(c.shortfallM) }));
      for (const c of checks) {
        ruleIndex[c.ruleId] ??= { group: c.group, rule: c.rule, clause: c.clause, effect: c.effect, verified: c.verified,
          verification: c.verification, note: c.note };
      }
    }
    results.push(result);
  }
  results.sort((a, b) =>
    statusOrder[a.status ?? 'none'] - statusOrder[b.status ?? 'none']
    || (b.shortfallM ?? -1) - (a.shortfallM ?? -1)
    || a.actualM - b.actualM
    || a.collection.localeCompare(b.collection) || a.id - b.id);
  const notes = [
    '距离为 WGS 84 椭球面上的最短距离（米），自几何边缘量起；燃气管道自管道外壁量起（中心线距离减去管径一半）。' +
      ' Distances are geodesic metres from the geometry edges; gas pipelines from the pipe outer wall.',
    '“未核实/可配置”的规则：条文未给出数值或数值来自二手来源，需由规划人员配置 (PUT /api/safety-rules/:id)。',
  ];
  if (results.some((r) => r.collection === 'railways')) notes.push(RAILWAY_AREA_NOTE);
  return { kind, radiusM: roundM(reachM), count: results.length, results, ...(opts.allRules ? { ruleIndex } : {}), notes };
}
