import type { Queryable } from '../geo/validate.ts';
import {
  RAILWAY_AREA_NOTE, SITE_KIND_LABEL, compareWithinRule, evaluateArea, evaluateDistance, roundM, ruleLabel, verdict,
  verificationLabel, type CheckKind, type Evaluated, type RuleStatus, type SiteKind,
} from '../domain/safetyRules.ts';
import { analyseSite, type AreaFact, type FeatureRow, type Site, type SiteAnalysis } from './candidates.ts';
import type { SafetyRule } from './ruleBook.ts';
import { checkOf } from './safetyDistance.ts';

export interface SitingRule {
  rule: string;
  ruleId: number;
  group: string;
  status: RuleStatus;
  requiredM: number | null;
  actualM: number | null;
  shortfallM: number | null;
  /** the feature that breaks (or may break) the rule; null when the rule holds */
  offender: { collection: string; id: number; name: string } | null;
  /** on a pass: the feature closest to breaking it (smallest margin) */
  nearest?: { collection: string; id: number; name: string };
  clause: string;
  verified: boolean;
  verification: string;
  note: string | null;
}

const checkOrder: Record<CheckKind, number> = { not_inside: 0, must_be_inside: 1, zone: 2, min_distance: 3 };

/**
 * Rule-by-rule verdict for a proposed site: inside the Outer Ring Road, inside a chemical park, railway and gas
 * pipeline protection zones, and the safety distances of its kind (nearest offender per rule). Verdict: fail if
 * any rule fails, else unknown if any is unknown, else pass (domain/safetyRules.ts `verdict`). One round trip: the
 * features within reach and the deciding areas come from one statement (candidates.ts analyseSite).
 */
export async function siting(db: Queryable, site: Site, prepare = false) {
  return sitingVerdict(site.kind, await analyseSite(db, site, { areas: true, prepare }));
}

/** The siting check of a site of `kind` from its analysed surroundings (pure). */
export function sitingVerdict(kind: SiteKind, { reachM, features, areas, rules: book }: SiteAnalysis) {

  // per rule group, the feature to report (compareWithinRule): the first of the most governing, in a single pass
  const best = new Map<string, { feature: FeatureRow; rule: SafetyRule; ev: Evaluated & { actualM: number } }>();
  for (const f of features) {
    for (const rule of book.rulesFor(kind, { collection: f.collection, kind: f.kind, sensitivity: f.sensitivity,
      areaClass: f.area_class })) {
      // (no object spread here: V8 made the spread copies slow dictionary objects — 1.4 µs each, half the check)
      const { status, shortfallM } = evaluateDistance(rule.requiredM, f.actual_m, rule.effect);
      const ev = { status, shortfallM, requiredM: rule.requiredM, actualM: f.actual_m };
      const current = best.get(rule.group);
      if (!current || compareWithinRule(ev, current.ev) < 0) best.set(rule.group, { feature: f, rule, ev });
    }
  }

  const groups = new Map<string, SafetyRule[]>();
  const siteRules = [...book.areaRules(kind), ...book.distanceRules(kind)]
    .sort((a, b) => checkOrder[a.checkKind] - checkOrder[b.checkKind] || a.id - b.id);
  for (const r of siteRules) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);

  const rules: SitingRule[] = [];
  for (const [group, rows] of groups) {
    const first = rows[0];
    if (first.checkKind === 'not_inside' || first.checkKind === 'must_be_inside') {
      const area = areas.find((a) => a.collection === first.protectedCollection && a.kind === first.protectedKind);
      rules.push(areaRule(group, first, area));
      continue;
    }
    const winner = best.get(group);
    if (!winner) {
      const known = rows.map((r) => r.requiredM).filter((m): m is number => m !== null);
      rules.push({
        rule: first.title, ruleId: first.id, group, status: 'pass',
        requiredM: known.length ? Math.max(...known) : null, actualM: null, shortfallM: null, offender: null,
        clause: first.clause, verified: rows.every((r) => r.verified), verification: verificationLabel(rows.every((r) => r.verified)),
        note: `搜索半径 ${roundM(reachM)} m 内无此类对象 (none within ${roundM(reachM)} m)` +
          (known.length ? '' : '；所需距离未核实 (required distance unverified)'),
      });
      continue;
    }
    const g = checkOf(winner.feature, winner.rule);
    const ref = { collection: winner.feature.collection, id: winner.feature.id, name: winner.feature.name };
    rules.push({
      rule: g.rule, ruleId: g.ruleId, group, status: g.status,
      requiredM: roundM(g.requiredM), actualM: roundM(g.actualM), shortfallM: roundM(g.shortfallM),
      offender: g.status === 'pass' ? null : ref,
      ...(g.status === 'pass' ? { nearest: ref } : {}),
      clause: g.clause, verified: g.verified, verification: g.verification,
      note: [g.areaClass ? `地区类别：${g.areaClass.name}` : null,
             g.status !== 'pass' && g.requiredM === null ? '条文未给出距离数值，无法判定 (no distance in the rule: cannot decide)' : null,
             g.note].filter(Boolean).join('；') || null,
    });
  }

  const notes = [`选址类型：${SITE_KIND_LABEL[kind]} (${kind})`];
  if (rules.some((r) => r.group === 'rail27')) notes.push(RAILWAY_AREA_NOTE);
  return { verdict: verdict(rules.map((r) => r.status)), kind: kind, radiusM: roundM(reachM), rules, notes };
}

function areaRule(group: string, r: SafetyRule, a: AreaFact | undefined): SitingRule {
  const base = {
    rule: ruleLabel(r.title, r.detail), ruleId: r.id, group, requiredM: null, shortfallM: null,
    clause: r.clause, verified: r.verified, verification: verificationLabel(r.verified),
  };
  const what = r.protectedCollection === 'chemical_parks' ? '化工园区' : '规划范围';
  if (!a || a.id === null) {
    // no such area in the data: cannot tell inside from outside
    return { ...base, status: 'unknown', actualM: null, offender: null,
      note: `数据中没有${what}，无法判定 (no ${r.protectedCollection} area in the data)` };
  }
  const area = { collection: r.protectedCollection!, id: a.id, name: a.name! };
  if (r.checkKind === 'not_inside') {
    const status = evaluateArea('not_inside', a.intersects!);
    return { ...base, status, actualM: status === 'fail' ? 0 : roundM(a.distance_m), offender: status === 'fail' ? area : null,
      note: status === 'fail' ? `位于「${area.name}」范围内 (inside)` : `距「${area.name}」${roundM(a.distance_m)} m (outside)` };
  }
  const status = evaluateArea('must_be_inside', a.covers!);
  return { ...base, status, actualM: status === 'pass' ? 0 : roundM(a.distance_m), offender: null,
    note: status === 'pass' ? `位于「${area.name}」内 (inside)`
      : a.intersects ? `部分位于「${area.name}」之外 (partly outside)`
      : `不在任何${what}内；最近的是「${area.name}」，相距 ${roundM(a.distance_m)} m (outside every park)` };
}
