import type { Queryable } from '../geo/validate.ts';
import {
  AREA_CLASS_LABEL, RAILWAY_AREA_NOTE, compareGoverning, evaluateDistance, roundM, ruleLabel, verificationLabel,
  type AreaClass, type RuleStatus, type SiteKind,
} from '../domain/safetyRules.ts';
import { PAIRS_SQL, SINGLE_SITE_SQL, type PairRow } from './candidates.ts';

export interface Site {
  /** GeoJSON geometry as JSON text (already validated) */
  geometryJson: string;
  kind: SiteKind;
  /** search radius in metres; null = default (largest known rule distance, at least 1000 m) */
  radiusM: number | null;
  /** enterprise the site belongs to (left out of the results), e.g. a stored hazard source's own plant */
  ownEnterpriseId: number | null;
}

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

export interface FeatureRef { collection: string; id: number; name: string; kind: string | null }

/** Evaluates one (feature, rule) row of the candidates query; null when no rule applies to the feature. */
export function checkOf(row: PairRow): RuleCheck | null {
  if (row.rule_id === null) return null;
  const effect = row.effect ?? 'prohibited';
  const ev = evaluateDistance(row.required_m, row.actual_m, effect);
  const check: RuleCheck = {
    ruleId: row.rule_id,
    group: row.rule_group!,
    rule: ruleLabel(row.title!, row.detail),
    effect,
    status: ev.status,
    requiredM: row.required_m,
    actualM: row.actual_m,
    shortfallM: ev.shortfallM,
    clause: row.clause!,
    verified: row.verified!,
    verification: verificationLabel(row.verified!),
    note: row.note,
  };
  if (row.collection === 'railways' && row.area_class) {
    const code = row.area_class as AreaClass;
    check.areaClass = { code, name: AREA_CLASS_LABEL[code] };
  }
  return check;
}

export function outputCheck(c: RuleCheck) {
  return { ...c, requiredM: roundM(c.requiredM), actualM: roundM(c.actualM), shortfallM: roundM(c.shortfallM) };
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
  verification: string | null;
  /** every applicable rule, governing first */
  rules: ReturnType<typeof outputCheck>[];
}

export const PAIRS_FOR_SITE_SQL = `WITH ${SINGLE_SITE_SQL}, ${PAIRS_SQL}
  SELECT s.reach_m, p.* FROM site s LEFT JOIN pairs p ON true
   ORDER BY p.actual_m, p.collection, p.id, p.rule_id`;

/**
 * A query config, named (prepared once per connection) when `prepare` is set. Planning the candidates query costs
 * about as much as running it (~12 ms on PostgreSQL 15), so real PostgreSQL connections prepare it. Never on the
 * embedded database: pglite-socket keeps one backend session for all socket connections, so a statement prepared
 * by a connection that has since closed makes the next connection's PREPARE fail ("already exists").
 */
export function statement(name: string, text: string, values: unknown[], prepare: boolean) {
  return prepare ? { name, text, values } : { text, values };
}

/** Runs the candidates query for one site: the site's search radius and the (feature, rule) rows. */
export async function loadPairs(db: Queryable, site: Site, prepare = false): Promise<{ reachM: number; rows: PairRow[] }> {
  const { rows } = await db.query<PairRow & { reach_m: number }>(statement('planning_pairs_single_site', PAIRS_FOR_SITE_SQL,
    [site.geometryJson, site.kind, site.radiusM, site.ownEnterpriseId], prepare));
  const reachM = rows[0]?.reach_m ?? site.radiusM ?? 0;
  return { reachM, rows: rows.filter((r) => r.collection !== null) };
}

const statusOrder: Record<string, number> = { fail: 0, unknown: 1, pass: 2, none: 3 };

/**
 * Safety-distance analysis: every protected target, railway, gas pipeline, road and enterprise within reach of the
 * site, with its governing rule, required and actual distance (true metres on the spheroid, from the geometry
 * edge; pipelines from the pipe's outer wall). Sorted: failures by shortfall (largest first), then unknown, then
 * kept distances, then features without a rule — each group nearest first.
 */
export async function safetyDistance(db: Queryable, site: Site, prepare = false) {
  const { reachM, rows } = await loadPairs(db, site, prepare);
  const byFeature = new Map<string, { ref: FeatureRef; actualM: number; checks: RuleCheck[] }>();
  for (const row of rows) {
    const key = `${row.collection}:${row.id}`;
    let entry = byFeature.get(key);
    if (!entry) {
      entry = { ref: { collection: row.collection, id: row.id, name: row.name, kind: row.kind }, actualM: row.actual_m, checks: [] };
      byFeature.set(key, entry);
    }
    const check = checkOf(row);
    if (check) entry.checks.push(check);
  }
  const results: SafetyDistanceResult[] = [];
  for (const { ref, actualM, checks } of byFeature.values()) {
    checks.sort(compareGoverning);
    const g = checks[0];
    results.push({
      ...ref,
      rule: g?.rule ?? null,
      ruleId: g?.ruleId ?? null,
      status: g?.status ?? null,
      requiredM: roundM(g?.requiredM ?? null),
      actualM: roundM(actualM)!,
      shortfallM: roundM(g?.shortfallM ?? null),
      clause: g?.clause ?? null,
      verified: g?.verified ?? null,
      verification: g ? verificationLabel(g.verified) : null,
      rules: checks.map(outputCheck),
    });
  }
  results.sort((a, b) =>
    statusOrder[a.status ?? 'none'] - statusOrder[b.status ?? 'none']
    || (b.shortfallM ?? -1) - (a.shortfallM ?? -1)
    || a.actualM - b.actualM);
  const notes = [
    '距离为 WGS 84 椭球面上的最短距离（米），自几何边缘量起；燃气管道自管道外壁量起（中心线距离减去管径一半）。' +
      ' Distances are geodesic metres from the geometry edges; gas pipelines from the pipe outer wall.',
    '“未核实/可配置”的规则：条文未给出数值或数值来自二手来源，需由规划人员配置 (PUT /api/safety-rules/:id)。',
  ];
  if (results.some((r) => r.collection === 'railways')) notes.push(RAILWAY_AREA_NOTE);
  return { kind: site.kind, radiusM: roundM(reachM), count: results.length, results, notes };
}
