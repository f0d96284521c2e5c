import type { Queryable } from '../geo/validate.ts';
import { roundM } from '../domain/safetyRules.ts';

/**
 * Pipeline occupation (占压) register, architecture.md §4 `GET /api/analysis/pipeline-occupations`: buildings and
 * structures inside each gas pipeline's protection range, by pressure class, new vs already registered.
 *
 * - Protection range per pressure class: the largest known *prohibited* zone rule of `safety_rules` for that class
 *   (GB 55009-2021 §5.1.6 ✅ 0.5/1.5/5.0 m; 《上海市燃气管道设施保护办法》 ⚠️ 0.7/6 m) — so 0.7 m for 低压/中压,
 *   1.5 m for 次高压, 6 m for 高压. Measured from the pipe's outer wall (centre line − diameter/2).
 * - Buildings: `protected_targets` with a polygon footprint (points carry no footprint) and every
 *   `pipeline_occupations` row. "Occupation" = footprint closer to the outer wall than the range (standards.md §3.3
 *   implementation note).
 * - A building is *registered* when a `pipeline_occupations` row intersects it; otherwise it is *new*.
 */
const ZONES_CTE = `
zr AS (
  SELECT facility_subkind AS pressure_class, max(required_m)::float8 AS required_m,
         json_agg(json_build_object('ruleId', id, 'rule', title || '：' || coalesce(detail, ''),
                  'requiredM', required_m::float8, 'clause', clause, 'verified', verified) ORDER BY required_m DESC, id) AS rules
    FROM safety_rules
   WHERE facility_kind = 'gas_pipeline' AND check_kind = 'zone' AND effect = 'prohibited' AND required_m IS NOT NULL
   GROUP BY facility_subkind
)`;

const SQL = `
WITH ${ZONES_CTE},
pipes AS (
  SELECT p.id, p.name, p.pressure_class, p.diameter_mm, coalesce(p.diameter_mm, 0) / 2000.0 AS radius_m,
         zr.required_m, zr.rules, p.geom, p.geom::geography AS gg
    FROM gas_pipelines p JOIN zr ON zr.pressure_class = p.pressure_class
   WHERE ($1::text IS NULL OR p.pressure_class = $1)
),
hits AS (
  SELECT pp.id AS pipeline_id, 'pipeline_occupations'::text AS collection, o.id, coalesce(o.name, '') AS name, o.kind,
         o.status, o.pipeline_id AS registered_pipeline_id, o.detected_at, o.deadline,
         greatest(0, geo_distance_m(o.geom, pp.geom) - pp.radius_m) AS distance_m, NULL::int AS registered_as
    FROM pipes pp JOIN pipeline_occupations o ON ST_DWithin(o.geom::geography, pp.gg, pp.required_m + pp.radius_m)
  UNION ALL
  SELECT pp.id, 'protected_targets', t.id, t.name, t.kind, NULL, NULL, NULL, NULL,
         greatest(0, geo_distance_m(t.geom, pp.geom) - pp.radius_m),
         (SELECT o.id FROM pipeline_occupations o WHERE ST_Intersects(o.geom, t.geom) ORDER BY o.id LIMIT 1)
    FROM pipes pp JOIN protected_targets t ON ST_DWithin(t.geom::geography, pp.gg, pp.required_m + pp.radius_m)
   WHERE GeometryType(t.geom) IN ('POLYGON', 'MULTIPOLYGON')
)
SELECT pp.id AS pipeline_id, pp.name AS pipeline_name, pp.pressure_class, pp.diameter_mm, pp.required_m, pp.rules,
       h.collection, h.id, h.name, h.kind, h.status, h.registered_pipeline_id, h.detected_at::text AS detected_at,
       h.deadline::text AS deadline, h.distance_m, h.registered_as
  FROM hits h JOIN pipes pp ON pp.id = h.pipeline_id
 WHERE h.distance_m < pp.required_m
 ORDER BY pp.id, h.distance_m, h.collection, h.id`;

interface Row {
  pipeline_id: number; pipeline_name: string | null; pressure_class: string; diameter_mm: number | null;
  required_m: number; rules: { ruleId: number; rule: string; requiredM: number; clause: string; verified: boolean }[];
  collection: 'pipeline_occupations' | 'protected_targets'; id: number; name: string; kind: string;
  status: string | null; registered_pipeline_id: number | null; detected_at: string | null; deadline: string | null;
  distance_m: number; registered_as: number | null;
}

const PRESSURE_ORDER = ['高压A', '高压B', '次高压A', '次高压B', '中压A', '中压B', '低压'];

export async function pipelineOccupations(db: Queryable, pressureClass: string | null) {
  const { rows } = await db.query<Row>(SQL, [pressureClass]);
  const { rows: zones } = await db.query<{ pressure_class: string; required_m: number }>(
    `WITH ${ZONES_CTE} SELECT pressure_class, required_m FROM zr`);
  const rangeOf = new Map(zones.map((z) => [z.pressure_class, z.required_m]));
  type Pipe = {
    id: number; name: string | null; pressureClass: string; diameterMm: number | null; requiredM: number;
    rules: Row['rules'];
    new: { collection: string; id: number; name: string; kind: string; distanceM: number | null }[];
    registered: { id: number; name: string; kind: string; status: string | null; pipelineId: number | null;
                  detectedAt: string | null; deadline: string | null; distanceM: number | null }[];
  };
  const pipes = new Map<number, Pipe>();
  for (const r of rows) {
    let p = pipes.get(r.pipeline_id);
    if (!p) {
      p = { id: r.pipeline_id, name: r.pipeline_name, pressureClass: r.pressure_class, diameterMm: r.diameter_mm,
        requiredM: r.required_m, rules: r.rules, new: [], registered: [] };
      pipes.set(r.pipeline_id, p);
    }
    if (r.collection === 'pipeline_occupations') {
      p.registered.push({ id: r.id, name: r.name, kind: r.kind, status: r.status, pipelineId: r.registered_pipeline_id,
        detectedAt: r.detected_at, deadline: r.deadline, distanceM: roundM(r.distance_m) });
    } else if (r.registered_as === null) {
      // a building footprint with no occupation record on it: newly found
      p.new.push({ collection: r.collection, id: r.id, name: r.name, kind: r.kind, distanceM: roundM(r.distance_m) });
    }
  }
  const list = [...pipes.values()].filter((p) => p.new.length || p.registered.length);
  const summary = PRESSURE_ORDER.map((cls) => {
    const ps = list.filter((p) => p.pressureClass === cls);
    return { pressureClass: cls, requiredM: rangeOf.get(cls) ?? null, pipelines: ps.length,
      new: ps.reduce((n, p) => n + p.new.length, 0), registered: ps.reduce((n, p) => n + p.registered.length, 0) };
  }).filter((s) => !pressureClass || s.pressureClass === pressureClass);
  return {
    summary,
    total: { pipelines: list.length, new: summary.reduce((n, s) => n + s.new, 0), registered: summary.reduce((n, s) => n + s.registered, 0) },
    pipelines: list,
    notes: [
      '保护范围取各压力级别已知的最大禁止性范围：GB 55009-2021 第5.1.6条（已核实）与《上海市燃气管道设施保护办法》（未核实，可配置）。' +
        ' Protection range per class: the larger of GB 55009-2021 §5.1.6 (verified) and the Shanghai rule (unverified).',
      '距离自管道外壁量起（中心线距离减去管径一半）；建筑物取防护目标中的面状要素及占压登记。新《上海市燃气条例》相关条款未核实。',
    ],
  };
}
