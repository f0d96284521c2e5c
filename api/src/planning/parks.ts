import type pg from 'pg';
import type { Queryable } from '../geo/validate.ts';
import { ApiError, notFound } from '../errors.ts';
import { withTransaction, writeAudit } from '../db/transaction.ts';
import { PARK_GRADE_SOURCE, gradeLabel, parkGrade, type ParkGrade } from '../domain/parkGrade.ts';

/** SQL for `chemical_parks`: the list for planners and the score/enclosure update that recomputes risk_grade. */

const COLUMNS = `p.id, p.name, p.name_en, p.district, p.risk_grade, p.score::float8 AS score, p.enclosed,
  ST_Area(p.geom::geography) / 1e6 AS area_km2,
  (SELECT count(*)::int FROM enterprises e WHERE e.park_id = p.id) AS enterprises, p.updated_at`;

interface Row {
  id: number; name: string; name_en: string | null; district: string | null; risk_grade: ParkGrade | null;
  score: number | null; enclosed: boolean; area_km2: number; enterprises: number; updated_at: Date;
}

function toJson(r: Row) {
  const label = r.risk_grade ? gradeLabel(r.risk_grade) : null;
  return {
    id: r.id, name: r.name, nameEn: r.name_en, district: r.district, score: r.score, riskGrade: r.risk_grade,
    gradeLabel: label?.label ?? null, gradeLabelEn: label?.labelEn ?? null, gradeVerified: false,
    enclosed: r.enclosed, areaKm2: Math.round(r.area_km2 * 100) / 100, enterprises: r.enterprises,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listParks(db: Queryable, districts: string[] | null) {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM chemical_parks p WHERE ($1::text[] IS NULL OR p.district = ANY($1::text[])) ORDER BY p.id`,
    [districts]);
  return { parks: rows.map(toJson), gradeSource: PARK_GRADE_SOURCE };
}

export interface ParkPatch { score?: number | null; enclosed?: boolean }

/**
 * Updates score and/or enclosure and recomputes risk_grade from the score (parkGrade), with its audit_log entry,
 * in one transaction. `districts` (a district-scoped user's) limits which parks may be edited.
 */
export async function patchPark(pool: pg.Pool, id: number, patch: ParkPatch, username: string, districts: string[] | null) {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<Row>(`SELECT ${COLUMNS} FROM chemical_parks p WHERE p.id = $1 FOR UPDATE OF p`, [id]);
    const before = rows[0];
    if (!before) throw notFound(`no chemical park with id ${id}`);
    if (districts && !districts.includes(before.district ?? '')) {
      throw new ApiError(403, 'forbidden', `无权修改其他行政区的化工园区 (park ${id} is outside your districts)`);
    }
    // numeric(5,1): round first so that the stored score and the grade agree (59.96 → 60.0 → B)
    const score = patch.score !== undefined && patch.score !== null ? Math.round(patch.score * 10) / 10
      : patch.score === null ? null : before.score;
    const enclosed = patch.enclosed ?? before.enclosed;
    const grade = score === null ? null : parkGrade(score).grade;
    await client.query('UPDATE chemical_parks SET score = $2, enclosed = $3, risk_grade = $4 WHERE id = $1',
      [id, score, enclosed, grade]);
    const { rows: after } = await client.query<Row>(`SELECT ${COLUMNS} FROM chemical_parks p WHERE p.id = $1`, [id]);
    await writeAudit(client, { username, action: 'update', collection: 'chemical_parks', featureId: id,
      before: { score: before.score, enclosed: before.enclosed, riskGrade: before.risk_grade },
      after: { score, enclosed, riskGrade: grade } });
    return { park: toJson(after[0]), gradeSource: PARK_GRADE_SOURCE };
  });
}
