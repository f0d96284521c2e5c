/**
 * Stored hazard sources (重大危险源): listing, statistics, creation and edits. Every write validates the units
 * against GB 18218-2018 and regrades the source in the same transaction, and records before/after in audit_log.
 */
import type pg from 'pg';
import { withTransaction, writeAudit } from '../db/transaction.ts';
import type { Geometry } from 'geojson';
import { ApiError, notFound, unprocessable } from '../errors.ts';
import type { User } from '../auth/users.ts';
import { resolveItems, type ItemInput, type Queryable } from './chemicals.ts';
import { assessHazardSources, exposedTargets, recomputeHazardSources, EXPOSURE_RADIUS_M } from './recompute.ts';
import { isObject, validateGeometry, validateItems } from './validate.ts';
import { GRADE_LABELS, type Grade } from '../domain/gb18218.ts';

const SELECT_SOURCE = `
  SELECT hs.id, hs.name, hs.enterprise_id AS "enterpriseId", e.name AS enterprise, hs.district, hs.unit_kind AS "unitKind",
         hs.units, hs.ratio_sum::float8 AS "ratioSum", hs.alpha::float8 AS alpha, hs.r_value::float8 AS r, hs.grade,
         hs.exposed_people AS "exposedPeople",
         ARRAY[round(ST_X(ST_PointOnSurface(hs.geom))::numeric, 7)::float8, round(ST_Y(ST_PointOnSurface(hs.geom))::numeric, 7)::float8]
           AS location,
         hs.created_at AS "createdAt", hs.updated_at AS "updatedAt"
    FROM hazard_sources hs
    LEFT JOIN enterprises e ON e.id = hs.enterprise_id`;

export interface SourceRow {
  id: number;
  name: string;
  enterpriseId: number | null;
  enterprise: string | null;
  district: string | null;
  unitKind: 'production' | 'storage';
  units: unknown;
  ratioSum: number | null;
  alpha: number | null;
  r: number | null;
  grade: Grade | null;
  exposedPeople: number | null;
  location: [number, number];
  createdAt: string;
  updatedAt: string;
}

function present(row: SourceRow) {
  return {
    ...row,
    isMajorHazard: row.ratioSum === null ? null : row.grade !== null,
    gradeLabel: row.grade ? GRADE_LABELS[row.grade] : null,
  };
}

/** Districts a user may see and edit: null = all (architecture.md §4: a district-scoped user sees only its districts). */
export const scopeOf = (user: User | undefined): string[] | null => (user?.districts.length ? user.districts : null);

export async function listSources(db: Queryable, filter: { district?: string; grade?: number; scope: string[] | null;
  limit: number; offset: number }) {
  const { rows } = await db.query<SourceRow>(`${SELECT_SOURCE}
     WHERE ($1::text IS NULL OR hs.district = $1)
       AND ($2::int IS NULL OR hs.grade = $2)
       AND ($3::text[] IS NULL OR hs.district = ANY($3::text[]))
     ORDER BY hs.grade NULLS LAST, hs.r_value DESC NULLS LAST, hs.id
     LIMIT $4 OFFSET $5`, [filter.district ?? null, filter.grade ?? null, filter.scope, filter.limit, filter.offset]);
  return rows.map(present);
}

export async function sourceStats(db: Queryable, scope: string[] | null) {
  const { rows } = await db.query<{ district: string | null; total: number; g1: number; g2: number; g3: number; g4: number;
    not_major: number; not_computed: number }>(`
    SELECT district, count(*)::int AS total,
           count(*) FILTER (WHERE grade = 1)::int AS g1, count(*) FILTER (WHERE grade = 2)::int AS g2,
           count(*) FILTER (WHERE grade = 3)::int AS g3, count(*) FILTER (WHERE grade = 4)::int AS g4,
           count(*) FILTER (WHERE ratio_sum IS NOT NULL AND grade IS NULL)::int AS not_major,
           count(*) FILTER (WHERE ratio_sum IS NULL)::int AS not_computed
      FROM hazard_sources
     WHERE $1::text[] IS NULL OR district = ANY($1::text[])
     GROUP BY district ORDER BY district NULLS LAST`, [scope]);
  const shape = (r: Omit<(typeof rows)[number], 'district'>) => ({
    total: r.total, byGrade: { 1: r.g1, 2: r.g2, 3: r.g3, 4: r.g4 }, notMajor: r.not_major, notComputed: r.not_computed,
  });
  const sum = rows.reduce((acc, r) => ({
    total: acc.total + r.total, g1: acc.g1 + r.g1, g2: acc.g2 + r.g2, g3: acc.g3 + r.g3, g4: acc.g4 + r.g4,
    not_major: acc.not_major + r.not_major, not_computed: acc.not_computed + r.not_computed,
  }), { total: 0, g1: 0, g2: 0, g3: 0, g4: 0, not_major: 0, not_computed: 0 });
  return { ...shape(sum), byDistrict: rows.map((r) => ({ district: r.district, ...shape(r) })) };
}

/** One source with its geometry, the GB 18218 assessment of its units and the targets behind its exposed people. */
export async function sourceDetail(db: Queryable, id: number, scope: string[] | null) {
  const { rows } = await db.query<SourceRow & { geometry: Geometry }>(`
    SELECT s.*, ST_AsGeoJSON(h.geom, 7)::json AS geometry
      FROM (${SELECT_SOURCE} WHERE hs.id = $1) s JOIN hazard_sources h ON h.id = s.id`, [id]);
  const row = rows[0];
  if (!row || (scope && !scope.includes(row.district ?? ''))) throw notFound(`重大危险源 ${id} 不存在 / no hazard source ${id}`);
  const [assessed] = await assessHazardSources(db, [id]);
  const targets = await exposedTargets(db, id);
  return {
    ...present(row),
    assessment: assessed.assessment,
    problems: assessed.problems,
    exposure: {
      radiusM: EXPOSURE_RADIUS_M,
      basis: row.enterpriseId
        ? '危险源几何及所属企业位置向外500 m / 500 m around the source geometry and its enterprise location'
        : '危险源几何向外500 m / 500 m around the source geometry',
      method: '点状防护目标计全部人口；面状防护目标按落入500 m范围的面积比例计人口；缺少人口的按0计 / ' +
        'point targets count whole; polygon targets in proportion to their area inside the zone; missing population counts 0',
      exposedPeople: assessed.exposedPeople,
      unknownPopulation: assessed.unknownPopulation,
      targets,
    },
  };
}

const WRITABLE = ['name', 'geometry', 'units', 'enterpriseId', 'unitKind', 'district'] as const;
const COMPUTED = ['ratioSum', 'alpha', 'r', 'rValue', 'grade', 'exposedPeople'];

export interface SourceInput {
  name?: string;
  geometry?: Geometry;
  units?: ItemInput[];
  enterpriseId?: number | null;
  unitKind?: 'production' | 'storage';
  district?: string | null;
}

/** Checks a POST (all required fields) or PATCH (any subset) body; a 422 names the first bad field. */
export function validateSourceInput(body: unknown, partial: boolean): SourceInput {
  if (!isObject(body)) throw unprocessable('请求体必须是对象 / body must be an object', 'body');
  for (const key of Object.keys(body)) {
    if (COMPUTED.includes(key)) throw unprocessable(`${key} 由系统按GB 18218-2018计算，不能直接修改 / ${key} is computed and read-only`, key);
    if (!(WRITABLE as readonly string[]).includes(key)) {
      throw unprocessable(`未知字段 ${key}；可用字段: ${WRITABLE.join(', ')} / unknown field`, key);
    }
  }
  const out: SourceInput = {};
  if (body.name !== undefined || !partial) {
    if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 200) {
      throw unprocessable('name 必填（1–200字）/ name is required (1–200 characters)', 'name');
    }
    out.name = body.name.trim();
  }
  if (body.geometry !== undefined || !partial) out.geometry = validateGeometry(body.geometry, 'geometry');
  if (body.units !== undefined || !partial) out.units = validateItems(body.units, 'units');
  if (body.enterpriseId !== undefined) {
    if (body.enterpriseId !== null && (typeof body.enterpriseId !== 'number' || !Number.isInteger(body.enterpriseId) || body.enterpriseId <= 0)) {
      throw unprocessable('enterpriseId 必须是企业编号（正整数）或 null / must be an enterprise id or null', 'enterpriseId');
    }
    out.enterpriseId = body.enterpriseId;
  }
  if (body.unitKind !== undefined) {
    if (body.unitKind !== 'production' && body.unitKind !== 'storage') {
      throw unprocessable('unitKind 必须是 "production"（生产单元）或 "storage"（储存单元）/ must be production or storage', 'unitKind');
    }
    out.unitKind = body.unitKind;
  }
  if (body.district !== undefined) {
    if (body.district !== null && (typeof body.district !== 'string' || !body.district.trim())) {
      throw unprocessable('district 必须是区名或 null / must be a district name or null', 'district');
    }
    out.district = body.district === null ? null : body.district.trim();
  }
  if (partial && Object.keys(out).length === 0) throw unprocessable('没有要修改的字段 / nothing to change', 'body');
  return out;
}

/** GeoJSON text parameter → EPSG:4326 2-D geometry */
const geomSql = (param: string) => `ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(${param}::text)), 4326)`;

/** Self-intersections and other invalid shapes become a 422 on `geometry` (checked before any write). */
async function checkGeometryValid(db: Queryable, geometry: Geometry): Promise<void> {
  let res: { valid: boolean; reason: string };
  try {
    ({ rows: [res] } = await db.query(`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ${geomSql('$1')} AS g) s`,
      [JSON.stringify(geometry)]));
  } catch (err) {
    throw unprocessable(`geometry 无法解析 / cannot be read: ${(err as Error).message}`, 'geometry');
  }
  if (!res.valid) throw unprocessable(`geometry 无效（如自相交）/ invalid geometry: ${res.reason}`, 'geometry');
}


const SNAPSHOT_SQL = `SELECT to_jsonb(h) - 'geom' || jsonb_build_object('geometry', ST_AsGeoJSON(h.geom, 7)::jsonb) AS snap
  FROM hazard_sources h WHERE h.id = $1`;

function audit(db: Queryable, user: User, action: 'insert' | 'update', id: number, before: unknown, after: unknown) {
  return writeAudit(db, { username: user.username, action, collection: 'hazard_sources', featureId: id, before, after });
}

/** District: explicit, else the enterprise's, else the district polygon under the source. */
async function resolveDistrict(db: Queryable, id: number, explicit: string | null | undefined): Promise<void> {
  if (explicit !== undefined) {
    await db.query('UPDATE hazard_sources SET district = $2 WHERE id = $1', [id, explicit]);
    return;
  }
  await db.query(`
    UPDATE hazard_sources hs SET district = coalesce(
      (SELECT e.district FROM enterprises e WHERE e.id = hs.enterprise_id),
      (SELECT d.name FROM districts d WHERE ST_Covers(d.geom, ST_PointOnSurface(hs.geom)) ORDER BY d.id LIMIT 1))
     WHERE hs.id = $1`, [id]);
}

function checkScope(user: User, district: string | null) {
  if (user.districts.length && !user.districts.includes(district ?? '')) {
    throw new ApiError(403, 'forbidden', `用户 ${user.username} 只能编辑辖区 ${user.districts.join('、')} 的数据 / outside your districts`);
  }
}

async function checkEnterprise(db: Queryable, enterpriseId: number | null | undefined) {
  if (enterpriseId === undefined || enterpriseId === null) return;
  const { rowCount } = await db.query('SELECT 1 FROM enterprises WHERE id = $1', [enterpriseId]);
  if (!rowCount) throw unprocessable(`企业 ${enterpriseId} 不存在 / no enterprise ${enterpriseId}`, 'enterpriseId');
}

/** Inserts a source, grades it and audits it in one transaction; returns its id. */
export async function createSource(pool: pg.Pool, user: User, input: SourceInput): Promise<number> {
  await checkGeometryValid(pool, input.geometry!);
  return withTransaction(pool, async (db) => {
    await checkEnterprise(db, input.enterpriseId);
    await resolveItems(db, input.units!, 'units');
    const { rows: [{ id }] } = await db.query<{ id: number }>(`
      INSERT INTO hazard_sources (name, enterprise_id, unit_kind, units, geom)
      VALUES ($2, $3, $4, $5::jsonb, ${geomSql('$1')}) RETURNING id`,
    [JSON.stringify(input.geometry), input.name, input.enterpriseId ?? null, input.unitKind ?? 'storage', JSON.stringify(input.units)]);
    await resolveDistrict(db, id, input.district);
    const { rows: [{ district }] } = await db.query<{ district: string | null }>('SELECT district FROM hazard_sources WHERE id = $1', [id]);
    checkScope(user, district);
    await recomputeHazardSources(db, [id]);
    const { rows: [{ snap }] } = await db.query(SNAPSHOT_SQL, [id]);
    await audit(db, user, 'insert', id, null, snap);
    return id;
  });
}

/** Applies a partial edit, regrades and audits in one transaction; an invalid edit changes nothing. */
export async function updateSource(pool: pg.Pool, user: User, id: number, input: SourceInput): Promise<void> {
  if (input.geometry) await checkGeometryValid(pool, input.geometry);
  await withTransaction(pool, async (db) => {
    const { rows: [before] } = await db.query<{ snap: { district: string | null } }>(`${SNAPSHOT_SQL} FOR UPDATE`, [id]);
    if (!before) throw notFound(`重大危险源 ${id} 不存在 / no hazard source ${id}`);
    checkScope(user, before.snap.district);
    await checkEnterprise(db, input.enterpriseId);
    if (input.units) await resolveItems(db, input.units, 'units');
    const sets: string[] = [];
    const values: unknown[] = [id];
    const assign = (col: string, v: unknown, wrap = (p: string) => p) => {
      values.push(v);
      sets.push(`${col} = ${wrap(`$${values.length}`)}`);
    };
    if (input.name !== undefined) assign('name', input.name);
    if (input.units !== undefined) assign('units', JSON.stringify(input.units), (p) => `${p}::jsonb`);
    if (input.enterpriseId !== undefined) assign('enterprise_id', input.enterpriseId);
    if (input.unitKind !== undefined) assign('unit_kind', input.unitKind);
    if (input.geometry !== undefined) assign('geom', JSON.stringify(input.geometry), geomSql);
    if (sets.length) await db.query(`UPDATE hazard_sources SET ${sets.join(', ')} WHERE id = $1`, values);
    if (input.district !== undefined || input.enterpriseId !== undefined || input.geometry !== undefined) {
      await resolveDistrict(db, id, input.district);
    }
    const { rows: [{ district }] } = await db.query<{ district: string | null }>('SELECT district FROM hazard_sources WHERE id = $1', [id]);
    checkScope(user, district);
    await recomputeHazardSources(db, [id]);
    const { rows: [{ snap }] } = await db.query(SNAPSHOT_SQL, [id]);
    await audit(db, user, 'update', id, before.snap, snap);
  });
}
