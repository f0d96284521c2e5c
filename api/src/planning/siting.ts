import type { Queryable } from '../geo/validate.ts';
import {
  RAILWAY_AREA_NOTE, SITE_KIND_LABEL, compareWithinRule, evaluateArea, roundM, ruleLabel, verdict, verificationLabel,
  type RuleStatus,
} from '../domain/safetyRules.ts';
import { checkOf, loadPairs, statement, type FeatureRef, type RuleCheck, type Site } from './safetyDistance.ts';

interface RuleRow {
  id: number;
  rule_group: string;
  title: string;
  detail: string | null;
  check_kind: 'min_distance' | 'zone' | 'not_inside' | 'must_be_inside';
  effect: 'prohibited' | 'restricted';
  required_m: number | null;
  clause: string;
  verified: boolean;
  note: string | null;
  protected_collection: string | null;
  area_id: number | null;
  area_name: string | null;
  covers: boolean | null;
  intersects: boolean | null;
  distance_m: number | null;
}

/**
 * The rules that apply to a site kind (its own distance and area rules, plus every protection-zone rule), each
 * area rule with the planning area / chemical park that decides it: the one covering the site, else the one it
 * touches, else the nearest.
 */
const RULES_FOR_SITE_SQL = `
WITH s AS (SELECT g, g::geography AS gg FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) i)
SELECT r.id, r.rule_group, r.title, r.detail, r.check_kind, r.effect, r.required_m::float8 AS required_m, r.clause,
       r.verified, r.note, r.protected_collection,
       a.id AS area_id, a.name AS area_name, a.covers, a.intersects, a.distance_m
  FROM safety_rules r CROSS JOIN s
  LEFT JOIN LATERAL (
    SELECT x.id, x.name, ST_CoveredBy(s.g, x.geom) AS covers, ST_Intersects(s.g, x.geom) AS intersects,
           geo_distance_m(x.geom, s.g) AS distance_m
      FROM (SELECT pa.id, pa.name, pa.geom FROM planning_areas pa
             WHERE r.protected_collection = 'planning_areas' AND (r.protected_kind IS NULL OR pa.kind = r.protected_kind)
            UNION ALL
            SELECT cp.id, cp.name, cp.geom FROM chemical_parks cp WHERE r.protected_collection = 'chemical_parks') x
     ORDER BY covers DESC, intersects DESC, distance_m
     LIMIT 1
  ) a ON r.check_kind IN ('not_inside', 'must_be_inside')
 WHERE r.facility_kind = $2 OR r.check_kind = 'zone'
 ORDER BY r.id`;

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

const checkOrder: Record<RuleRow['check_kind'], number> = { not_inside: 0, must_be_inside: 1, zone: 2, min_distance: 3 };

/**
 * Rule-by-rule verdict for a proposed site: inside the Outer Ring Road, inside a chemical park, railway and gas
 * pipeline protection zones, and the safety distances of its kind (nearest offender per rule). Verdict: fail if
 * any rule fails, else unknown if any is unknown, else pass (domain/safetyRules.ts `verdict`).
 */
export async function siting(db: Queryable, site: Site, prepare = false) {
  const { rows: ruleRows } = await db.query<RuleRow>(statement('planning_rules_for_site', RULES_FOR_SITE_SQL,
    [site.geometryJson, site.kind], prepare));
  const { reachM, rows: pairRows } = await loadPairs(db, site, prepare);

  const checksByGroup = new Map<string, (RuleCheck & { ref: FeatureRef })[]>();
  for (const row of pairRows) {
    const check = checkOf(row);
    if (!check) continue;
    const list = checksByGroup.get(check.group) ?? [];
    list.push({ ...check, ref: { collection: row.collection, id: row.id, name: row.name, kind: row.kind } });
    checksByGroup.set(check.group, list);
  }

  const groups = new Map<string, RuleRow[]>();
  for (const r of [...ruleRows].sort((a, b) => checkOrder[a.check_kind] - checkOrder[b.check_kind] || a.id - b.id)) {
    groups.set(r.rule_group, [...(groups.get(r.rule_group) ?? []), r]);
  }

  const rules: SitingRule[] = [];
  for (const [group, rows] of groups) {
    const first = rows[0];
    if (first.check_kind === 'not_inside' || first.check_kind === 'must_be_inside') {
      rules.push(areaRule(group, first));
      continue;
    }
    const checks = (checksByGroup.get(group) ?? []).sort(compareWithinRule);
    const g = checks[0];
    if (!g) {
      const known = rows.map((r) => r.required_m).filter((m): m is number => m !== null);
      rules.push({
        rule: first.title, ruleId: first.id, group, status: 'pass',
        requiredM: known.length ? Math.max(...known) : null, actualM: null, shortfallM: null, offender: null,
        clause: first.clause, verified: rows.every((r) => r.verified), verification: verificationLabel(rows.every((r) => r.verified)),
        note: `搜索半径 ${roundM(reachM)} m 内无此类对象 (none within ${roundM(reachM)} m)` +
          (known.length ? '' : '；所需距离未核实 (required distance unverified)'),
      });
      continue;
    }
    const ref = { collection: g.ref.collection, id: g.ref.id, name: g.ref.name };
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

  const notes = [`选址类型：${SITE_KIND_LABEL[site.kind]} (${site.kind})`];
  if (rules.some((r) => r.group === 'rail27')) notes.push(RAILWAY_AREA_NOTE);
  return { verdict: verdict(rules.map((r) => r.status)), kind: site.kind, radiusM: roundM(reachM), rules, notes };
}

function areaRule(group: string, r: RuleRow): SitingRule {
  const base = {
    rule: ruleLabel(r.title, r.detail), ruleId: r.id, group, requiredM: null, shortfallM: null,
    clause: r.clause, verified: r.verified, verification: verificationLabel(r.verified),
  };
  const what = r.protected_collection === 'chemical_parks' ? '化工园区' : '规划范围';
  if (r.area_id === null) {
    // no such area in the data: cannot tell inside from outside
    return { ...base, status: 'unknown', actualM: null, offender: null,
      note: `数据中没有${what}，无法判定 (no ${r.protected_collection} area in the data)` };
  }
  const area = { collection: r.protected_collection!, id: r.area_id, name: r.area_name! };
  if (r.check_kind === 'not_inside') {
    const status = evaluateArea('not_inside', r.intersects!);
    return { ...base, status, actualM: status === 'fail' ? 0 : roundM(r.distance_m), offender: status === 'fail' ? area : null,
      note: status === 'fail' ? `位于「${area.name}」范围内 (inside)` : `距「${area.name}」${roundM(r.distance_m)} m (outside)` };
  }
  const status = evaluateArea('must_be_inside', r.covers!);
  return { ...base, status, actualM: status === 'pass' ? 0 : roundM(r.distance_m), offender: null,
    note: status === 'pass' ? `位于「${area.name}」内 (inside)`
      : r.intersects ? `部分位于「${area.name}」之外 (partly outside)`
      : `不在任何${what}内；最近的是「${area.name}」，相距 ${roundM(r.distance_m)} m (outside every park)` };
}
