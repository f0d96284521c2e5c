/**
 * The one spatial query behind the safety-distance analysis, the siting check and the hazard-violation register:
 * every feature within reach of a set of sites (protected targets, railways, gas pipelines, roads, enterprises),
 * its true distance in metres and the safety rules that apply to the (site, feature) pair.
 *
 * Callers prepend a CTE named `site` with the columns
 *   site_id int, kind text (a SiteKind), g geometry(4326), gg geography, reach_m float8, own_enterprise int
 * and then select from `pairs` (one row per feature × applicable rule; rule columns NULL when no rule applies).
 *
 * Every lookup is `ST_DWithin(<table>.geom::geography, site.gg, reach)`, which the geography expression indexes
 * of 001_schema.sql answer; distances are `geo_distance_m` (003_safety_rules.sql): ST_Distance on geography
 * (spheroid), from the geometries' edges, re-measured in a local metric frame below 20 m where PostGIS's geodetic
 * edge test reports nearly parallel edges a metre or two apart as touching.
 */
export const PAIRS_SQL = `
feat AS (
  SELECT s.site_id, 'protected_targets'::text AS collection, t.id, t.name, t.kind, t.sensitivity,
         geo_distance_m(t.geom, s.g) AS actual_m, NULL::text AS area_class
    FROM site s JOIN protected_targets t ON ST_DWithin(t.geom::geography, s.gg, s.reach_m)
  UNION ALL
  -- 《铁路安全管理条例》第二十七条 area class of the railway section nearest to the site: 城市市区 inside the Outer Ring
  SELECT s.site_id, 'railways', r.id, r.name, r.kind, NULL,
         geo_distance_m(r.geom, s.g),
         CASE WHEN EXISTS (SELECT 1 FROM planning_areas pa WHERE pa.kind = 'outer_ring_inside'
                             AND ST_Intersects(pa.geom, ST_ClosestPoint(r.geom, s.g))) THEN 'urban' ELSE 'other' END
    FROM site s JOIN railways r ON ST_DWithin(r.geom::geography, s.gg, s.reach_m)
  UNION ALL
  -- gas pipeline rules are measured from the pipe's outer wall: centre-line distance minus half the diameter
  SELECT s.site_id, 'gas_pipelines', p.id, coalesce(p.name, p.pressure_class || '燃气管道'), p.pressure_class, NULL,
         greatest(0, geo_distance_m(p.geom, s.g) - coalesce(p.diameter_mm, 0) / 2000.0), NULL
    FROM site s JOIN gas_pipelines p
      ON ST_DWithin(p.geom::geography, s.gg, s.reach_m + 5)   -- on the index; pipes are < 10 m across
     AND ST_DWithin(p.geom::geography, s.gg, s.reach_m + coalesce(p.diameter_mm, 0) / 2000.0)
  UNION ALL
  SELECT s.site_id, 'roads', r.id, coalesce(r.name, '道路'), r.class, NULL, geo_distance_m(r.geom, s.g), NULL
    FROM site s JOIN roads r ON ST_DWithin(r.geom::geography, s.gg, s.reach_m)
  UNION ALL
  SELECT s.site_id, 'enterprises', e.id, e.name, e.kind, NULL, geo_distance_m(e.geom, s.g), NULL
    FROM site s JOIN enterprises e ON ST_DWithin(e.geom::geography, s.gg, s.reach_m)
   WHERE e.id IS DISTINCT FROM s.own_enterprise
),
pairs AS (
  SELECT f.site_id, f.collection, f.id, f.name, f.kind, f.sensitivity, f.actual_m, f.area_class,
         r.id AS rule_id, r.rule_group, r.title, r.detail, r.check_kind, r.effect, r.required_m::float8 AS required_m,
         r.clause, r.verified, r.configurable, r.note
    FROM feat f
    JOIN site s ON s.site_id = f.site_id
    LEFT JOIN safety_rules r ON
         (r.check_kind = 'min_distance' AND r.facility_kind = s.kind AND r.protected_collection = f.collection
          AND (r.protected_kind IS NULL OR r.protected_kind = f.kind)
          AND (r.protected_sensitivity IS NULL OR r.protected_sensitivity = f.sensitivity))
      OR (r.check_kind = 'zone' AND r.facility_kind = 'railway' AND f.collection = 'railways'
          AND r.facility_subkind = f.kind AND r.area_class = f.area_class)
      OR (r.check_kind = 'zone' AND r.facility_kind = 'gas_pipeline' AND f.collection = 'gas_pipelines'
          AND r.facility_subkind = f.kind)
)`;

/** Largest known distance of the rules that apply to a site kind (zone rules apply to every kind). */
export const MAX_KNOWN_REQUIRED_SQL = `
  SELECT max(required_m)::float8 FROM safety_rules
   WHERE required_m IS NOT NULL AND (facility_kind = $KIND OR check_kind = 'zone')`;

export interface PairRow {
  site_id: number;
  collection: string;
  id: number;
  name: string;
  kind: string | null;
  sensitivity: string | null;
  actual_m: number;
  area_class: string | null;
  rule_id: number | null;
  rule_group: string | null;
  title: string | null;
  detail: string | null;
  check_kind: string | null;
  effect: 'prohibited' | 'restricted' | null;
  required_m: number | null;
  clause: string | null;
  verified: boolean | null;
  configurable: boolean | null;
  note: string | null;
}

/**
 * SQL of the `site` CTE for one site given as GeoJSON ($1 text), site kind ($2), radius ($3, NULL = default)
 * and an enterprise to leave out ($4, the site's own enterprise or NULL). The default radius is the largest known
 * rule distance for the kind, at least 1000 m (domain/safetyRules.ts defaultReachM).
 */
export const SINGLE_SITE_SQL = `
site AS (
  SELECT 1 AS site_id, $2::text AS kind, g, g::geography AS gg,
         coalesce($3::float8, greatest(1000, coalesce((${MAX_KNOWN_REQUIRED_SQL.replace('$KIND', '$2::text')}), 0))) AS reach_m,
         $4::int AS own_enterprise
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) i
)`;
