import type pg from 'pg';
import { roundM, ruleLabel, verificationLabel, RAILWAY_AREA_NOTE, AREA_CLASS_LABEL, type AreaClass } from '../domain/safetyRules.ts';
import { PAIRS_SQL } from './candidates.ts';
import { toCsv } from './csv.ts';
import { withTransaction } from '../db/transaction.ts';

/**
 * Register of stored hazard sources that break a rule today: inside the Outer Ring Road, or closer than a known
 * prohibited distance (railway / gas pipeline protection zones, and any distance a planner has configured, e.g.
 * for schools or hospitals). Rules without a number cannot be broken and are not listed.
 *
 * One statement for all sources: the search radius is the largest known prohibited distance, so every lookup is a
 * small ST_DWithin on the geography indexes.
 */
export const VIOLATIONS_SQL = `
WITH reach AS (
  SELECT coalesce(max(required_m), 0)::float8 AS m FROM safety_rules
   WHERE required_m IS NOT NULL AND effect = 'prohibited' AND (facility_kind = 'hazard_source' OR check_kind = 'zone')
),
site AS (
  SELECT h.id AS site_id, 'hazard_source'::text AS kind, h.geom AS g, h.geom::geography AS gg, reach.m AS reach_m,
         h.enterprise_id AS own_enterprise
    FROM hazard_sources h CROSS JOIN reach
   WHERE ($1::text[] IS NULL OR h.district = ANY($1::text[]))
),
${PAIRS_SQL},
v AS (
  SELECT p.site_id, p.rule_id, p.rule_group, p.title, p.detail, p.clause, p.verified, p.required_m, p.actual_m,
         p.collection, p.id AS offender_id, p.name AS offender_name, p.area_class
    FROM pairs p
   WHERE p.required_m IS NOT NULL AND p.effect = 'prohibited' AND p.actual_m < p.required_m
  UNION ALL
  SELECT s.site_id, r.id, r.rule_group, r.title, r.detail, r.clause, r.verified, NULL, 0,
         'planning_areas', pa.id, pa.name, NULL
    FROM site s
    JOIN safety_rules r ON r.facility_kind = s.kind AND r.check_kind = 'not_inside' AND r.protected_collection = 'planning_areas'
    CROSS JOIN LATERAL (SELECT pa.id, pa.name FROM planning_areas pa
                         WHERE pa.kind = r.protected_kind AND ST_Intersects(pa.geom, s.g) ORDER BY pa.id LIMIT 1) pa
)
SELECT v.*, h.name AS source_name, h.district, h.grade, h.enterprise_id, e.name AS enterprise_name
  FROM v JOIN hazard_sources h ON h.id = v.site_id LEFT JOIN enterprises e ON e.id = h.enterprise_id
 ORDER BY h.district NULLS LAST, h.id, v.rule_id, v.actual_m`;

interface Row {
  site_id: number; rule_id: number; rule_group: string; title: string; detail: string | null; clause: string;
  verified: boolean; required_m: number | null; actual_m: number; collection: string; offender_id: number;
  offender_name: string; area_class: string | null; source_name: string; district: string | null; grade: number | null;
  enterprise_id: number | null; enterprise_name: string | null;
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
  const rows = await withTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    await client.query('SET LOCAL jit = off');
    return (await client.query<Row>(VIOLATIONS_SQL, [districts])).rows;
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
    const shortfall = r.required_m === null ? null : r.required_m - r.actual_m;
    const v: Violation = {
      rule: ruleLabel(r.title, r.detail), ruleId: r.rule_id, group: r.rule_group, clause: r.clause, verified: r.verified,
      verification: verificationLabel(r.verified), requiredM: roundM(r.required_m),
      actualM: r.collection === 'planning_areas' ? null : roundM(r.actual_m), shortfallM: roundM(shortfall),
      offender: { collection: r.collection, id: r.offender_id, name: r.offender_name },
      ...(r.area_class ? { areaClass: AREA_CLASS_LABEL[r.area_class as AreaClass] } : {}),
    };
    const key = `${r.site_id}|${r.rule_group}|${r.collection}|${r.offender_id}`;
    const prev = seen.get(key);
    if (prev) {
      if ((v.shortfallM ?? 0) > (prev.shortfallM ?? 0)) Object.assign(prev, v);
      continue;
    }
    seen.set(key, v);
    src.violations.push(v);
  }
  for (const s of sources.values()) s.violations.sort((a, b) => (b.shortfallM ?? Infinity) - (a.shortfallM ?? Infinity));
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
