import type pg from 'pg';
import { roundM, ruleLabel, verificationLabel, RAILWAY_AREA_NOTE, AREA_CLASS_LABEL, type AreaClass } from '../domain/safetyRules.ts';
import { FEATURES_SQL, type FeatureRow } from './candidates.ts';
import { RULES_VERSION_SQL, measuredCollection, ruleBookAt, type RuleBook } from './ruleBook.ts';
import { toCsv } from './csv.ts';
import { withTransaction } from '../db/transaction.ts';

/**
 * Register of stored hazard sources that break a rule today: inside the Outer Ring Road, or closer than a known
 * prohibited distance (railway / gas pipeline protection zones, and any distance a planner has configured, e.g.
 * for schools or hospitals). Rules without a number cannot be broken and are not listed.
 *
 * One statement for all sources (FEATURES_SQL of candidates.ts): each collection is searched only as far as its
 * largest known prohibited distance ($2…$6, from the rule book; NULL = no such rule, nothing searched), so every
 * lookup is a small ST_DWithin on the geography indexes; the rule book then keeps the pairs that break a rule.
 * $7: the planning-area kinds of the sources' not_inside rules (a NULL element: any planning area).
 */
export const VIOLATIONS_SQL = `
WITH site AS (
  SELECT h.id AS site_id, 'hazard_source'::text AS kind, h.geom AS g, h.geom::geography AS gg, true AS valid,
         h.enterprise_id AS own_enterprise, $2::float8 AS reach_targets, $3::float8 AS reach_railways,
         $4::float8 AS reach_pipelines, $5::float8 AS reach_roads, $6::float8 AS reach_enterprises
    FROM hazard_sources h
   WHERE ($1::text[] IS NULL OR h.district = ANY($1::text[]))
),
${FEATURES_SQL},
hits AS (
  SELECT site_id, collection, id, name, kind, sensitivity, area_class, actual_m FROM features
  UNION ALL
  SELECT s.site_id, 'planning_areas', pa.id, pa.name, pa.kind, NULL, NULL, 0
    FROM site s JOIN planning_areas pa
      ON (pa.kind = ANY($7::text[]) OR array_position($7::text[], NULL) IS NOT NULL) AND ST_Intersects(pa.geom, s.g)
)
SELECT hits.*, h.name AS source_name, h.district, h.grade, h.enterprise_id, e.name AS enterprise_name
  FROM hits JOIN hazard_sources h ON h.id = hits.site_id LEFT JOIN enterprises e ON e.id = h.enterprise_id
 ORDER BY h.district NULLS LAST, h.id, hits.actual_m, hits.collection, hits.id`;

interface Row extends FeatureRow {
  site_id: number; source_name: string; district: string | null; grade: number | null;
  enterprise_id: number | null; enterprise_name: string | null;
}

const COLLECTIONS = ['protected_targets', 'railways', 'gas_pipelines', 'roads', 'enterprises'] as const;

/** Largest known prohibited distance per collection for a hazard source (null: no rule can be broken there). */
function reachByCollection(book: RuleBook): (number | null)[] {
  const reach = new Map<string, number>();
  for (const r of book.distanceRules('hazard_source')) {
    if (r.requiredM === null || r.effect !== 'prohibited') continue;
    const c = measuredCollection(r)!;
    reach.set(c, Math.max(reach.get(c) ?? 0, r.requiredM));
  }
  return COLLECTIONS.map((c) => reach.get(c) ?? null);
}

export interface Violation {
  rule: string; ruleId: number; group: string; clause: string; verified: boolean; verification: string;
  requiredM: number | null; actualM: number | null; shortfallM: number | null;
  offender: { collection: string; id: number; name: string };
  areaClass?: string;
}

export interface ViolatingSource {
  hazardSourceId: number; name: string; enterprise: { id: number; name: string } | null; district: string | null;
  grade: number | null; violations: Violation[];
}

/**
 * `districts` null = all districts. JIT is switched off for the statement: with thousands of sources the planner's
 * cost estimate passes jit_above_cost, and compiling took longer than running (PostgreSQL 15, 10 000 sources:
 * JIT 1.3 s, execution 0.9 s — scripts/bench/analysis.ts).
 */
export async function hazardViolations(pool: pg.Pool, districts: string[] | null) {
  const { rows, book, insideRules } = await withTransaction(pool, async (client) => {
    // one snapshot for the rule book and the statement
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await client.query('SET LOCAL jit = off');
    const version = (await client.query<{ v: string | null }>(`SELECT ${RULES_VERSION_SQL} AS v`)).rows[0].v;
    const book = await ruleBookAt(client, version);
    // the Outer Ring Road rule and any other "not inside this planning area" rule of hazard sources
    const insideRules = book.areaRules('hazard_source')
      .filter((r) => r.checkKind === 'not_inside' && r.protectedCollection === 'planning_areas');
    const { rows } = await client.query<Row>(VIOLATIONS_SQL,
      [districts, ...reachByCollection(book), insideRules.map((r) => r.protectedKind)]);
    return { rows, book, insideRules };
  });
  const sources = new Map<number, ViolatingSource>();
  // one line per (source, rule group, offender): e.g. GB 55009 0.5 m and Shanghai 0.7 m for the same pipe are
  // two regulations, but the same pipe within 0.7 m of a zone rule group is reported once, with the larger shortfall
  const seen = new Map<string, Violation>();
  for (const r of rows) {
    let src = sources.get(r.site_id);
    if (!src) {
      src = { hazardSourceId: r.site_id, name: r.source_name,
        enterprise: r.enterprise_id ? { id: r.enterprise_id, name: r.enterprise_name ?? '' } : null,
        district: r.district, grade: r.grade, violations: [] };
      sources.set(r.site_id, src);
    }
    const broken = r.collection === 'planning_areas'
      ? insideRules.filter((rule) => rule.protectedKind === null || rule.protectedKind === r.kind)
      : book.rulesFor('hazard_source', { collection: r.collection, kind: r.kind, sensitivity: r.sensitivity, areaClass: r.area_class })
        .filter((rule) => rule.requiredM !== null && rule.effect === 'prohibited' && r.actual_m < rule.requiredM);
    for (const rule of broken) {
      const shortfall = rule.requiredM === null ? null : rule.requiredM - r.actual_m;
      const v: Violation = {
        rule: ruleLabel(rule.title, rule.detail), ruleId: rule.id, group: rule.group, clause: rule.clause,
        verified: rule.verified, verification: verificationLabel(rule.verified), requiredM: roundM(rule.requiredM),
        actualM: r.collection === 'planning_areas' ? null : roundM(r.actual_m), shortfallM: roundM(shortfall),
        offender: { collection: r.collection, id: r.id, name: r.name },
        ...(r.area_class ? { areaClass: AREA_CLASS_LABEL[r.area_class as AreaClass] } : {}),
      };
      const key = `${r.site_id}|${rule.group}|${r.collection}|${r.id}`;
      const prev = seen.get(key);
      if (prev) {
        if ((v.shortfallM ?? 0) > (prev.shortfallM ?? 0)) Object.assign(prev, v);
        continue;
      }
      seen.set(key, v);
      src.violations.push(v);
    }
  }
  for (const [id, s] of sources) if (s.violations.length === 0) sources.delete(id);
  for (const s of sources.values()) {
    s.violations.sort((a, b) => (b.shortfallM ?? Infinity) - (a.shortfallM ?? Infinity) || a.ruleId - b.ruleId);
  }
  const list = [...sources.values()];
  return {
    generatedAt: new Date().toISOString(),
    count: list.length,
    violationCount: list.reduce((n, s) => n + s.violations.length, 0),
    sources: list,
    notes: [
      '仅列出有明确距离或范围的规则；条文未给出数值的规则（如《危险化学品安全管理条例》第十九条）须先由规划人员配置距离。' +
        ' Only rules with a known distance or area can be broken; configure the others first.',
      RAILWAY_AREA_NOTE,
    ],
  };
}

export function violationsCsv(data: Awaited<ReturnType<typeof hazardViolations>>): string {
  const header = ['危险源ID', '危险源名称', '企业', '行政区', '重大危险源级别', '违反规则', '条款', '核实状态',
    '要求距离(m)', '实际距离(m)', '不足(m)', '对象类别', '对象ID', '对象名称'];
  const rows = data.sources.flatMap((s) => s.violations.map((v) => [
    s.hazardSourceId, s.name, s.enterprise?.name ?? '', s.district ?? '', s.grade ? `${s.grade}级` : '', v.rule, v.clause,
    v.verification, v.requiredM, v.actualM, v.shortfallM, v.offender.collection, v.offender.id, v.offender.name,
  ]));
  return toCsv(header, rows);
}

/** Counts by district: sources with a violation, violations, and violations per rule group. */
export function violationStats(data: Awaited<ReturnType<typeof hazardViolations>>) {
  const byDistrict = new Map<string, { district: string | null; sources: number; violations: number; byRule: Record<string, number> }>();
  for (const s of data.sources) {
    const key = s.district ?? '';
    const d = byDistrict.get(key) ?? { district: s.district, sources: 0, violations: 0, byRule: {} };
    d.sources += 1;
    d.violations += s.violations.length;
    for (const v of s.violations) d.byRule[v.group] = (d.byRule[v.group] ?? 0) + 1;
    byDistrict.set(key, d);
  }
  return {
    generatedAt: data.generatedAt,
    total: { sources: data.count, violations: data.violationCount },
    byDistrict: [...byDistrict.values()].sort((a, b) => b.sources - a.sources || String(a.district).localeCompare(String(b.district))),
  };
}
