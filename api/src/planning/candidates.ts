import type { Queryable } from '../geo/validate.ts';
import { geometryNotValid, validateGeometry } from '../geo/validate.ts';
import { notFound } from '../errors.ts';
import type { SiteKind } from '../domain/safetyRules.ts';
import { RULES_VERSION_SQL, ruleBookAt, type RuleBook } from './ruleBook.ts';

/**
 * The one spatial query behind the safety-distance analysis, the siting check and the hazard-violation register:
 * every feature within reach of a set of sites (protected targets, railways, gas pipelines, roads, enterprises)
 * and its true distance in metres. Which rules apply to a (site, feature) pair is decided by the rule book
 * (ruleBook.ts), not joined here: one short row per feature.
 *
 * Callers prepend a CTE named `site` with the columns
 *   site_id int, kind text (a SiteKind), g geometry(4326), gg geography, valid boolean, own_enterprise int,
 *   and the search radius per collection in metres: reach_targets, reach_railways, reach_pipelines, reach_roads,
 *   reach_enterprises (float8; the analyses use one radius for all, the register each collection's largest rule)
 * and select from `features`.
 *
 * How a feature is found and measured — the same answer as `ST_DWithin(geom::geography, site, reach)` and
 * `ST_Distance(geom::geography, site)`, for half the work:
 * - candidates: `geom::geography && _ST_Expand(site, reach)`, the bounding-box test ST_DWithin itself hands to the
 *   geography expression indexes of 001_schema.sql (no per-row cast to geography);
 * - distance (WGS 84 spheroid, metres, from the geometries' edges): 0 when the geometries intersect, else
 *   `ST_DistanceSpheroid` on the geometries — equal to geography ST_Distance to 1e-8 m on disjoint geometries
 *   (measured on the benchmark city), while ST_DistanceSpheroid alone measures boundary to boundary, hence the
 *   intersection test first; then `distance <= reach` is the exact ST_DWithin filter;
 * - below 20 m the distance is re-measured in a local metric frame (`local_distance_m`, 003_safety_rules.sql:
 *   PostGIS 3.3's geodetic edge test reports nearly parallel edges a metre or two apart as touching) — the rule of
 *   `geo_distance_m`.
 */
const WGS84 = `'SPHEROID["WGS 84",6378137,298.257223563]'::spheroid`;
const distanceTo = (geom: string) => `CASE WHEN ST_Intersects(${geom}, s.g) THEN 0 ELSE ST_DistanceSpheroid(${geom}, s.g, ${WGS84}) END`;

export const FEATURES_SQL = `
feat AS MATERIALIZED (   -- materialized: the distance filter below must not be pushed down and computed twice
  SELECT s.site_id, s.g AS site_g, s.reach_targets AS reach, 'protected_targets'::text AS collection, t.id, t.name,
         t.kind, t.sensitivity, t.geom, ${distanceTo('t.geom')} AS d, 0::float8 AS wall_m
    FROM site s JOIN protected_targets t ON s.valid AND t.geom::geography && _ST_Expand(s.gg, s.reach_targets)
  UNION ALL
  SELECT s.site_id, s.g, s.reach_railways, 'railways', r.id, r.name, r.kind, NULL, r.geom, ${distanceTo('r.geom')}, 0
    -- railway lines run for kilometres: their boxes overlap most sites' boxes, so ST_DWithin prunes them first
    FROM site s JOIN railways r ON s.valid AND ST_DWithin(r.geom::geography, s.gg, s.reach_railways)
  UNION ALL
  -- gas pipeline rules are measured from the pipe's outer wall: centre-line distance minus half the diameter
  -- (the box is widened by 5 m: pipes are < 10 m across)
  SELECT s.site_id, s.g, s.reach_pipelines, 'gas_pipelines', p.id, coalesce(p.name, p.pressure_class || '燃气管道'),
         p.pressure_class, NULL, p.geom, ${distanceTo('p.geom')}, coalesce(p.diameter_mm, 0) / 2000.0
    FROM site s JOIN gas_pipelines p ON s.valid AND p.geom::geography && _ST_Expand(s.gg, s.reach_pipelines + 5)
  UNION ALL
  SELECT s.site_id, s.g, s.reach_roads, 'roads', r.id, coalesce(r.name, '道路'), r.class, NULL, r.geom, ${distanceTo('r.geom')}, 0
    FROM site s JOIN roads r ON s.valid AND r.geom::geography && _ST_Expand(s.gg, s.reach_roads)
  UNION ALL
  SELECT s.site_id, s.g, s.reach_enterprises, 'enterprises', e.id, e.name, e.kind, NULL, e.geom, ${distanceTo('e.geom')}, 0
    FROM site s JOIN enterprises e ON s.valid AND e.geom::geography && _ST_Expand(s.gg, s.reach_enterprises)
   WHERE e.id IS DISTINCT FROM s.own_enterprise
),
features AS (
  SELECT f.site_id, f.collection, f.id, f.name, f.kind, f.sensitivity,
         -- 《铁路安全管理条例》第二十七条 area class of the railway section nearest to the site: 城市市区 inside the Outer
         -- Ring (domain/safetyRules.ts railwayAreaClass); decided only for railways within reach
         CASE WHEN f.collection <> 'railways' THEN NULL
              WHEN EXISTS (SELECT 1 FROM planning_areas pa WHERE pa.kind = 'outer_ring_inside'
                             AND ST_Intersects(pa.geom, ST_ClosestPoint(f.geom, f.site_g))) THEN 'urban' ELSE 'other' END
           AS area_class,
         greatest(0, CASE WHEN f.d < 20 THEN local_distance_m(f.geom, f.site_g) ELSE f.d END - f.wall_m) AS actual_m
    FROM feat f
   WHERE f.d <= f.reach + f.wall_m
)`;

/**
 * The planning area or chemical park that decides each area rule of a site's kind (not_inside / must_be_inside,
 * e.g. "not inside the Outer Ring Road", "inside a chemical park"): the one covering the site, else the one it
 * touches, else the nearest; a row with NULL id when the data has no such area. Needs the `site` CTE.
 */
export const AREA_FACTS_SQL = `
area_facts AS (
  SELECT s.site_id, k.collection, k.kind, a.id, a.name, a.covers, a.intersects, a.distance_m
    FROM site s
    JOIN (SELECT DISTINCT facility_kind, protected_collection AS collection, protected_kind AS kind FROM safety_rules
           WHERE check_kind IN ('not_inside', 'must_be_inside')) k ON k.facility_kind = s.kind
    LEFT JOIN LATERAL (
      SELECT y.id, y.name, y.covers, y.intersects,
             CASE WHEN y.intersects THEN 0 ELSE geo_distance_m(y.geom, s.g) END AS distance_m   -- 0 inside: skip the geodesic test
        FROM (SELECT x.*, ST_CoveredBy(s.g, x.geom) AS covers, ST_Intersects(s.g, x.geom) AS intersects
                FROM (SELECT pa.id, pa.name, pa.geom FROM planning_areas pa
                       WHERE k.collection = 'planning_areas' AND (k.kind IS NULL OR pa.kind = k.kind)
                      UNION ALL
                      SELECT cp.id, cp.name, cp.geom FROM chemical_parks cp WHERE k.collection = 'chemical_parks') x
              OFFSET 0) y
       ORDER BY covers DESC, intersects DESC, distance_m
       LIMIT 1) a ON true
   WHERE s.valid
)`;

/** Largest known distance of the rules that apply to a site kind (zone rules apply to every kind). */
const MAX_KNOWN_REQUIRED_SQL = (kind: string) => `
  SELECT max(required_m)::float8 FROM safety_rules
   WHERE required_m IS NOT NULL AND (facility_kind = ${kind} OR check_kind = 'zone')`;

/**
 * Search radius of one site: the caller's, else the largest known rule distance for the kind, at least 1000 m
 * (domain/safetyRules.ts DEFAULT_REACH_M / defaultReachM), the same for every collection.
 */
const reachColumns = (radius: string, kind: string) => `
  coalesce(${radius}, greatest(1000, coalesce((${MAX_KNOWN_REQUIRED_SQL(kind)}), 0))) AS reach_m`;
const SAME_REACH = `reach_m AS reach_targets, reach_m AS reach_railways, reach_m AS reach_pipelines, reach_m AS reach_roads,
  reach_m AS reach_enterprises`;

/**
 * The parameters, in a CTE of their own: PostgreSQL then cannot fold the site's expressions into constants when it
 * plans with the actual values, so the plan it caches for the prepared statement (a "generic" plan) costs the same
 * as one planned per call and is chosen after the first five calls; otherwise it re-planned every call, ~1 ms —
 * a third of the query (scripts/bench/analysis.ts).
 */
const PARAMS_SQL = (first: string) => `params AS MATERIALIZED (SELECT ${first}, $2::text AS kind, $3::float8 AS radius)`;

/**
 * `site` CTE of a site given as GeoJSON: $1 geometry JSON (structurally checked by checkGeoJson), $2 site kind,
 * $3 radius (NULL = default). Validity (ST_IsValid) is decided in the same statement: no features are searched
 * for an invalid geometry, and the reason comes back with the site row.
 */
const GEOJSON_SITE_SQL = `
${PARAMS_SQL('$1::text AS geojson')},
shape AS MATERIALIZED (SELECT ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326) AS g FROM params),
site AS MATERIALIZED (
  SELECT *, ${SAME_REACH} FROM (
    SELECT 1 AS site_id, p.kind, sh.g, sh.g::geography AS gg, ST_IsValid(sh.g) AS valid,
           CASE WHEN NOT ST_IsValid(sh.g) THEN ST_IsValidReason(sh.g) END AS reason, NULL::int AS own_enterprise,
           ${reachColumns('p.radius', 'p.kind')}
      FROM params p CROSS JOIN shape sh
    OFFSET 0) i   -- OFFSET 0: computed once, not substituted into each reach_* column
)`;

/** `site` CTE of a stored hazard source: $1 its id, $2 site kind, $3 radius; its own enterprise is left out. */
const HAZARD_SOURCE_SITE_SQL = `
${PARAMS_SQL('$1::int AS hazard_source_id')},
site AS MATERIALIZED (
  SELECT *, ${SAME_REACH} FROM (
    SELECT 1 AS site_id, p.kind, h.geom AS g, h.geom::geography AS gg, true AS valid, NULL::text AS reason,
           h.enterprise_id AS own_enterprise, ${reachColumns('p.radius', 'p.kind')}
      FROM params p JOIN hazard_sources h ON h.id = p.hazard_source_id
    OFFSET 0) i
)`;

const siteStatement = (siteSql: string, withAreas: boolean) => `
WITH ${siteSql}, ${FEATURES_SQL}${withAreas ? `, ${AREA_FACTS_SQL}` : ''}
SELECT s.valid, s.reason, s.reach_m, ${RULES_VERSION_SQL} AS rules_version, x.*
  FROM site s LEFT JOIN (
    SELECT 'feature'::text AS role, collection, id, name, kind, sensitivity, area_class, actual_m,
           NULL::boolean AS covers, NULL::boolean AS intersects
      FROM features
    ${withAreas ? `UNION ALL
    SELECT 'area', collection, id, name, kind, NULL, NULL, distance_m, covers, intersects FROM area_facts` : ''}
  ) x ON true`;

/** The statements, by name (named = prepared once per connection on PostgreSQL: see `statement`). */
export const SITE_STATEMENTS = {
  planning_site_geojson: siteStatement(GEOJSON_SITE_SQL, false),
  planning_site_geojson_areas: siteStatement(GEOJSON_SITE_SQL, true),
  planning_site_hazard_source: siteStatement(HAZARD_SOURCE_SITE_SQL, false),
  planning_site_hazard_source_areas: siteStatement(HAZARD_SOURCE_SITE_SQL, true),
};

/** A feature within reach of the site. */
export interface FeatureRow {
  collection: string;
  id: number;
  name: string;
  kind: string | null;
  sensitivity: string | null;
  /** railways: 'urban' | 'other' (see FEATURES_SQL) */
  area_class: string | null;
  actual_m: number;
}

/** The area deciding the area rules of one (collection, kind): id NULL when the data has none. */
export interface AreaFact {
  collection: string;
  kind: string | null;
  id: number | null;
  name: string | null;
  covers: boolean | null;
  intersects: boolean | null;
  distance_m: number | null;
}

interface SiteRow {
  valid: boolean;
  reason: string | null;
  reach_m: number;
  rules_version: string | null;
  role: 'feature' | 'area' | null;
  collection: string; id: number; name: string; kind: string | null; sensitivity: string | null;
  area_class: string | null; actual_m: number; covers: boolean | null; intersects: boolean | null;
}

/** A site to analyse: a GeoJSON geometry or a stored hazard source, its kind and search radius. */
export type Site = {
  kind: SiteKind;
  /** search radius in metres; null = default (largest known rule distance, at least 1000 m) */
  radiusM: number | null;
} & (
  /** geometry already checked by checkGeoJson, as JSON text; `field` names it in errors */
  | { geometryJson: string; field?: string }
  /** a stored hazard source: its geometry, and its own enterprise left out of the results */
  | { hazardSourceId: number }
);

export interface SiteAnalysis {
  reachM: number;
  features: FeatureRow[];
  areas: AreaFact[];
  rules: RuleBook;
}

/**
 * A query config, named (prepared once per connection) when `prepare` is set. Planning the query costs about as
 * much as running it on PostgreSQL 15, so real PostgreSQL connections prepare it. Never on the embedded database:
 * pglite-socket keeps one backend session for all socket connections, so a statement prepared by a connection that
 * has since closed makes the next connection's PREPARE fail ("already exists").
 */
export function statement(name: string, text: string, values: unknown[], prepare: boolean) {
  return prepare ? { name, text, values } : { text, values };
}

/**
 * Runs the site query — features within reach, and with `areas` the deciding area of each area rule — in one
 * round trip, and returns it with the rule book of the same version. A GeoJSON site that PostGIS cannot read or
 * finds invalid is a 422 naming the field; an unknown hazard source a 404.
 */
export async function analyseSite(db: Queryable, site: Site, opts: { areas: boolean; prepare: boolean }): Promise<SiteAnalysis> {
  const byGeometry = 'geometryJson' in site;
  const name = `planning_site_${byGeometry ? 'geojson' : 'hazard_source'}${opts.areas ? '_areas' : ''}` as keyof typeof SITE_STATEMENTS;
  const values = [byGeometry ? site.geometryJson : site.hazardSourceId, site.kind, site.radiusM];
  // at most twice: when the rules change between the statement and reading the rule book, the statement (its
  // default radius) is rerun at the new version
  for (let attempt = 0; ; attempt++) {
    let rows: SiteRow[];
    try {
      rows = (await db.query<SiteRow>(statement(name, SITE_STATEMENTS[name], values, opts.prepare))).rows;
    } catch (err) {
      // ST_GeomFromGeoJSON refused the geometry: the standalone validation says why, as a 422; else a real fault
      if (byGeometry) await validateGeometry(db, JSON.parse(site.geometryJson), site.field ?? 'geometry');
      throw err;
    }
    const first = rows[0];
    if (!first) throw notFound(`no hazard source with id ${(site as { hazardSourceId: number }).hazardSourceId}`);
    if (!first.valid) throw geometryNotValid(byGeometry ? site.field ?? 'geometry' : 'hazardSourceId', first.reason);
    const rules = await ruleBookAt(db, first.rules_version);
    if (rules.version !== first.rules_version && attempt === 0) continue;
    const features: FeatureRow[] = [];
    const areas: AreaFact[] = [];
    for (const r of rows) {
      if (r.role === 'feature') features.push(r);
      else if (r.role === 'area') areas.push({ collection: r.collection, kind: r.kind, id: r.id, name: r.name,
        covers: r.covers, intersects: r.intersects, distance_m: r.actual_m });
    }
    return { reachM: first.reach_m, features, areas, rules };
  }
}
