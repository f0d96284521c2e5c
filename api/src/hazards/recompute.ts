/**
 * Grades stored hazard sources (GB 18218-2018 §4.2.2, §4.3) and stores S, α, R, grade and exposed people.
 *
 * Exposed people — "厂区边界向外扩展500米范围内常住人口数量" (§4.3, Table 5) — are the population of the
 * `protected_targets` within 500 m of the plant. The plant is represented by the hazard source's own geometry and,
 * when it belongs to an enterprise, the enterprise's location too (the zone is the union of the two 500 m zones):
 * the data model has no plant-boundary polygons. How a target counts is a choice, documented here:
 *   * point targets count with their whole population when within 500 m;
 *   * polygon targets count in proportion to their area inside the 500 m zone (population × area inside / area),
 *     assuming people are spread evenly over the polygon;
 *   * targets without a population count as 0 and are reported (`unknownPopulation`);
 *   * the sum is rounded to whole people before Table 5 is applied.
 * Distances are on geography (metres) and use the `(geom::geography)` GiST index of protected_targets.
 *
 * One SQL statement gathers, for all sources at once, the resolved units (Q, β and their sources) and the exposed
 * people; the grading itself runs in TypeScript through the same pure module as the analysis endpoint.
 */
import type pg from 'pg';
import { withTransaction } from '../db/transaction.ts';
import { LOOKUP_COLUMNS, LOOKUP_JOINS, isProblem, resolveItem, type LookupRow, type Queryable, type ResolvedItem } from './chemicals.ts';
import { assess, type Assessment } from './assessment.ts';

export const EXPOSURE_RADIUS_M = 500;

/** `src`: the selected hazard sources with their enterprise location ($1: int[] of ids, or NULL for all). */
const SOURCES_CTE = `
  src AS MATERIALIZED (
    SELECT hs.id, hs.units, hs.geom, e.geom AS egeom
      FROM hazard_sources hs
      LEFT JOIN enterprises e ON e.id = hs.enterprise_id
     WHERE $1::int[] IS NULL OR hs.id = ANY($1::int[]))`;

/** The 500 m zone of a `src` row; only built for polygon targets in reach (buffers are the costly part). */
const ZONE = `CASE WHEN src.egeom IS NULL THEN ST_Buffer(src.geom::geography, ${EXPOSURE_RADIUS_M})::geometry
                   ELSE ST_Union(ST_Buffer(src.geom::geography, ${EXPOSURE_RADIUS_M})::geometry,
                                 ST_Buffer(src.egeom::geography, ${EXPOSURE_RADIUS_M})::geometry) END`;

/** `exposed`: one row per (source, protected target within 500 m) with the share of its population that counts. */
const EXPOSED_CTE = `
  exposed AS (
    SELECT src.id AS source_id, t.id AS target_id, t.name, t.kind, t.population,
           CASE WHEN GeometryType(t.geom) = 'POINT' THEN 1.0::float8
                ELSE coalesce(least(1.0, ST_Area(ST_Intersection(t.geom, ${ZONE})::geography)
                                         / nullif(ST_Area(t.geom::geography), 0)), 0)::float8 END AS share
      FROM src
      JOIN protected_targets t
        ON ST_DWithin(t.geom::geography, src.geom::geography, ${EXPOSURE_RADIUS_M})
        OR (src.egeom IS NOT NULL AND ST_DWithin(t.geom::geography, src.egeom::geography, ${EXPOSURE_RADIUS_M})))`;

const ASSESS_SQL = `
  WITH ${SOURCES_CTE},
  i AS MATERIALIZED (
    SELECT src.id AS source_id, (u.ord - 1)::int AS idx,
           CASE WHEN jsonb_typeof(u.elem->'chemical') = 'string' THEN u.elem->>'chemical' END AS chemical,
           chem_key(CASE WHEN jsonb_typeof(u.elem->'chemical') = 'string' THEN u.elem->>'chemical' END) AS chemical_key,
           CASE WHEN jsonb_typeof(u.elem->'quantityT') = 'number' THEN (u.elem->>'quantityT')::float8 END AS quantity_t,
           upper(nullif(btrim(CASE WHEN jsonb_typeof(u.elem->'hazardClass') = 'string' THEN u.elem->>'hazardClass' END), ''))
             AS class_symbol
      FROM src
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(src.units) = 'array' THEN src.units ELSE '[]'::jsonb END)
           WITH ORDINALITY AS u(elem, ord)),
  lookup AS (SELECT i.*, ${LOOKUP_COLUMNS} FROM i ${LOOKUP_JOINS}),
  resolved AS (
    SELECT source_id, json_agg(to_jsonb(l) - 'source_id' - 'chemical_key' ORDER BY l.idx) AS items
      FROM lookup l GROUP BY source_id),
  ${EXPOSED_CTE},
  people AS (
    SELECT source_id, round(sum(coalesce(population, 0) * share))::int AS exposed_people,
           count(*)::int AS targets, count(*) FILTER (WHERE population IS NULL)::int AS unknown_population
      FROM exposed GROUP BY source_id)
  SELECT src.id, jsonb_typeof(src.units) = 'array' AS units_ok,
         coalesce(p.exposed_people, 0) AS exposed_people, coalesce(p.targets, 0) AS targets,
         coalesce(p.unknown_population, 0) AS unknown_population,
         coalesce(r.items, '[]') AS items
    FROM src
    LEFT JOIN people p ON p.source_id = src.id
    LEFT JOIN resolved r ON r.source_id = src.id
   ORDER BY src.id`;

/**
 * Runs fn with PostgreSQL's JIT off. The PostGIS functions carry high cost estimates, so these statements cross
 * jit_optimize_above_cost and real PostgreSQL spent ~1.1 s compiling a statement that runs in 70 ms (500 sources,
 * 20 000 targets). SET LOCAL needs a transaction: a pool gets one of its own; a client is assumed to be in one.
 */
async function withJitOff<T>(db: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (!('totalCount' in db)) {
    await db.query('SET LOCAL jit = off');
    return fn(db);
  }
  return withTransaction(db as unknown as pg.Pool, async (client) => {
    await client.query('SET LOCAL jit = off');
    return fn(client);
  });
}

export interface SourceProblem {
  /** e.g. "units[1].chemical" */
  field: string;
  message: string;
}

export interface StoredAssessment {
  id: number;
  exposedPeople: number;
  /** protected targets within 500 m, and how many of them have no population */
  targets: number;
  unknownPopulation: number;
  /** null when a unit cannot be resolved (see problems) */
  assessment: Assessment | null;
  problems: SourceProblem[];
}

/** Resolves and grades the given hazard sources (all when ids is undefined) without writing anything. */
export async function assessHazardSources(db: Queryable, ids?: number[]): Promise<StoredAssessment[]> {
  const { rows } = await withJitOff(db, (q) => q.query<{
    id: number; units_ok: boolean; exposed_people: number; targets: number; unknown_population: number;
    items: (LookupRow & { idx: number; quantity_t: number | null })[];
  }>(ASSESS_SQL, [ids ?? null]));
  return rows.map((row) => {
    const problems: SourceProblem[] = [];
    if (!row.units_ok) problems.push({ field: 'units', message: 'units 必须是数组 / units must be an array' });
    const resolved: ResolvedItem[] = [];
    for (const it of row.items) {
      if (it.quantity_t === null || !(it.quantity_t >= 0)) {
        problems.push({ field: `units[${it.idx}].quantityT`, message: 'quantityT 必须是 ≥ 0 的数值（吨）/ must be a number of tonnes ≥ 0' });
        continue;
      }
      const r = resolveItem(it, it.quantity_t);
      if (isProblem(r)) problems.push({ field: `units[${it.idx}].${r.property}`, message: r.message });
      else resolved.push(r);
    }
    const assessment = problems.length ? null : assess(resolved, row.exposed_people);
    if (assessment && row.unknown_population > 0) {
      assessment.explanation.push(`500 m内有 ${row.unknown_population} 个防护目标缺少人口数据，按0人计 / ` +
        `${row.unknown_population} protected target(s) within 500 m have no population and count as 0`);
    }
    return {
      id: row.id, exposedPeople: row.exposed_people, targets: row.targets, unknownPopulation: row.unknown_population,
      assessment, problems,
    };
  });
}

export interface RecomputeResult {
  sources: number;
  /** rows whose stored values changed */
  updated: number;
  problems: { id: number; field: string; message: string }[];
}

/**
 * Recomputes ratio_sum, alpha, r_value, grade and exposed_people of the given hazard sources (all when ids is
 * undefined) and stores them; pass a transaction's client to recompute inside it. A source whose units cannot be
 * resolved gets NULLs and is listed in `problems`. Rows whose values did not change are not touched.
 */
export function recomputeHazardSources(db: Queryable, ids?: number[]): Promise<RecomputeResult> {
  return withJitOff(db, (q) => recomputeIn(q, ids));
}

async function recomputeIn(db: Queryable, ids?: number[]): Promise<RecomputeResult> {
  // Lock the rows first (in id order, so two recomputes cannot deadlock): a concurrent PATCH of a source's units
  // must not be overwritten by grades computed from the units read just before it committed (lost update).
  await db.query('SELECT id FROM hazard_sources WHERE $1::int[] IS NULL OR id = ANY($1::int[]) ORDER BY id FOR UPDATE',
    [ids ?? null]);
  const assessed = await assessHazardSources(db, ids);
  const cols = { id: [] as number[], s: [] as (number | null)[], a: [] as (number | null)[], r: [] as (number | null)[],
    g: [] as (number | null)[], p: [] as number[] };
  const problems: RecomputeResult['problems'] = [];
  for (const s of assessed) {
    const a = s.assessment;
    cols.id.push(s.id);
    cols.s.push(a ? a.ratioSum : null);
    cols.a.push(a ? a.alpha : null);
    cols.r.push(a ? a.r : null);
    cols.g.push(a ? a.grade : null);
    cols.p.push(s.exposedPeople);
    for (const p of s.problems) problems.push({ id: s.id, ...p });
  }
  if (!cols.id.length) return { sources: 0, updated: 0, problems };
  const { rowCount } = await db.query(`
    UPDATE hazard_sources h
       SET ratio_sum = v.s, alpha = v.a, r_value = v.r, grade = v.g, exposed_people = v.p
      FROM unnest($1::int[], $2::float8[], $3::float8[], $4::float8[], $5::int[], $6::int[]) AS v(id, s, a, r, g, p)
     WHERE h.id = v.id
       AND (h.ratio_sum::float8, h.alpha::float8, h.r_value::float8, h.grade, h.exposed_people)
           IS DISTINCT FROM (v.s, v.a, v.r, v.g, v.p)`,
  [cols.id, cols.s, cols.a, cols.r, cols.g, cols.p]);
  return { sources: cols.id.length, updated: rowCount ?? 0, problems };
}

/** Startup hook: grades every hazard source when any has never been computed (a fresh or re-seeded database). */
export async function recomputeStaleHazardSources(pool: pg.Pool, log: (msg: string) => void = () => {}): Promise<void> {
  const { rows } = await pool.query<{ stale: boolean }>('SELECT EXISTS (SELECT 1 FROM hazard_sources WHERE ratio_sum IS NULL) AS stale');
  if (!rows[0].stale) return;
  const t0 = Date.now();
  const res = await recomputeHazardSources(pool);
  log(`GB 18218 grading: ${res.sources} hazard sources, ${res.updated} updated in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
    (res.problems.length ? `; ${res.problems.length} unit problem(s), first: #${res.problems[0].id} ${res.problems[0].field}: ` +
      res.problems[0].message : ''));
}

export interface ExposedTarget {
  id: number;
  name: string;
  kind: string;
  population: number | null;
  /** share of the population inside the 500 m zone (1 for points) */
  share: number;
  counted: number;
}

/** The protected targets behind one source's exposed-people figure. */
export async function exposedTargets(db: Queryable, id: number): Promise<ExposedTarget[]> {
  const { rows } = await withJitOff(db, (q) => q.query<ExposedTarget>(`
    WITH ${SOURCES_CTE}, ${EXPOSED_CTE}
    SELECT target_id AS id, name, kind, population, round(share::numeric, 4)::float8 AS share,
           round((coalesce(population, 0) * share)::numeric, 1)::float8 AS counted
      FROM exposed ORDER BY coalesce(population, 0) * share DESC, target_id`, [[id]]));
  return rows;
}
