import type pg from 'pg';
import type { Geometry, Position } from 'geojson';
import { unprocessable } from '../errors.ts';

/**
 * GeoJSON input validation for every endpoint that accepts a geometry (RFC 7946, EPSG:4326 lon/lat).
 *
 * Two stages, both answering 422 with `field` set to the request field (e.g. "geometry") and the exact place
 * inside it in the message:
 * 1. `checkGeoJson` (no I/O): object shape, known type, numeric positions, lon −180..180 / lat −90..90, enough
 *    positions per line/ring, closed rings, a size limit.
 * 2. `validateGeometry` (SQL): PostGIS `ST_IsValid`, with `ST_IsValidReason` in the message (self-intersections,
 *    ring self-touching, duplicate rings …). Reuse it wherever a geometry is stored or analysed.
 *
 * @example
 *   const site = await validateGeometry(pool, body.geometry, 'geometry', { types: ['Point', 'Polygon'] });
 *   await pool.query('SELECT … ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) …', [site.json]);
 */

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon',
  'GeometryCollection'] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

export interface GeometryOptions {
  /** accepted geometry types (default: all seven) */
  types?: readonly GeometryType[];
  /** largest number of positions accepted (default 100 000) */
  maxPositions?: number;
  /** accept a GeoJSON Feature and use its geometry (default true) */
  allowFeature?: boolean;
}

export interface ValidGeometry {
  geometry: Geometry;
  /** the geometry as a JSON string, for `ST_SetSRID(ST_GeomFromGeoJSON($n), 4326)` */
  json: string;
}

/** Anything with pg's query method: a Pool or a PoolClient inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  positions = 0;
  constructor(private field: string, private maxPositions: number) {}

  fail(path: string, problem: string): never {
    throw unprocessable(`${path}: ${problem}`, this.field);
  }

  position(v: unknown, path: string): Position {
    if (!Array.isArray(v)) this.fail(path, '坐标必须是 [经度, 纬度] 数组 (a position must be an array [lon, lat])');
    if (v.length < 2 || v.length > 3) {
      this.fail(path, `坐标须含 2 个（或 3 个）数值，实际 ${v.length} 个 (a position has 2 or 3 numbers, got ${v.length})`);
    }
    if (!v.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      this.fail(path, '坐标必须是有限数值 (coordinates must be finite numbers)');
    }
    const [lon, lat] = v as number[];
    if (lon < -180 || lon > 180) this.fail(path, `经度 ${lon} 超出 −180..180 (longitude out of range)`);
    if (lat < -90 || lat > 90) this.fail(path, `纬度 ${lat} 超出 −90..90 (latitude out of range)`);
    if (++this.positions > this.maxPositions) {
      this.fail(path, `坐标点过多，上限 ${this.maxPositions} (more than ${this.maxPositions} positions)`);
    }
    return v as Position;
  }

  list(v: unknown, path: string, what: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `${what} 必须是数组 (${what} must be an array)`);
    return v;
  }

  line(v: unknown, path: string): void {
    const pts = this.list(v, path, 'coordinates');
    if (pts.length < 2) this.fail(path, `线至少需要 2 个点，实际 ${pts.length} 个 (a line needs at least 2 positions)`);
    pts.forEach((p, i) => this.position(p, `${path}[${i}]`));
  }

  ring(v: unknown, path: string): void {
    const pts = this.list(v, path, 'ring');
    if (pts.length < 4) this.fail(path, `面的环至少需要 4 个点，实际 ${pts.length} 个 (a linear ring needs at least 4 positions)`);
    const checked = pts.map((p, i) => this.position(p, `${path}[${i}]`));
    const first = checked[0], last = checked[checked.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      this.fail(path, '面的环未闭合：首尾坐标必须相同 (ring is not closed: first and last positions differ)');
    }
  }

  polygon(v: unknown, path: string): void {
    const rings = this.list(v, path, 'coordinates');
    if (rings.length === 0) this.fail(path, '面至少需要一个外环 (a polygon needs an exterior ring)');
    rings.forEach((r, i) => this.ring(r, `${path}[${i}]`));
  }

  geometry(v: unknown, path: string, types: readonly GeometryType[]): void {
    if (!isObject(v)) this.fail(path, '必须是 GeoJSON 几何对象 (must be a GeoJSON geometry object)');
    const type = v.type;
    if (typeof type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(type)) {
      this.fail(`${path}.type`, `未知的几何类型 ${JSON.stringify(type)} (unknown GeoJSON geometry type)`);
    }
    if (!types.includes(type as GeometryType)) {
      this.fail(`${path}.type`, `不接受几何类型 ${type}，可用：${types.join(', ')} (geometry type not accepted here)`);
    }
    const c = `${path}.coordinates`;
    switch (type as GeometryType) {
      case 'Point': this.position(v.coordinates, c); break;
      case 'MultiPoint': {
        const pts = this.list(v.coordinates, c, 'coordinates');
        if (!pts.length) this.fail(c, '不能为空 (must not be empty)');
        pts.forEach((p, i) => this.position(p, `${c}[${i}]`));
        break;
      }
      case 'LineString': this.line(v.coordinates, c); break;
      case 'MultiLineString': {
        const lines = this.list(v.coordinates, c, 'coordinates');
        if (!lines.length) this.fail(c, '不能为空 (must not be empty)');
        lines.forEach((l, i) => this.line(l, `${c}[${i}]`));
        break;
      }
      case 'Polygon': this.polygon(v.coordinates, c); break;
      case 'MultiPolygon': {
        const polys = this.list(v.coordinates, c, 'coordinates');
        if (!polys.length) this.fail(c, '不能为空 (must not be empty)');
        polys.forEach((p, i) => this.polygon(p, `${c}[${i}]`));
        break;
      }
      case 'GeometryCollection': {
        const geoms = this.list(v.geometries, `${path}.geometries`, 'geometries');
        if (!geoms.length) this.fail(`${path}.geometries`, '不能为空 (must not be empty)');
        geoms.forEach((g, i) => this.geometry(g, `${path}.geometries[${i}]`, GEOMETRY_TYPES.filter((t) => t !== 'GeometryCollection')));
        break;
      }
    }
  }
}

/**
 * Structural check of a GeoJSON geometry (or Feature) without touching the database. Throws a 422 ApiError
 * whose `field` is `field` and whose message names the position inside it (e.g. `geometry.coordinates[0][3]`).
 */
export function checkGeoJson(input: unknown, field = 'geometry', opts: GeometryOptions = {}): Geometry {
  const checker = new Checker(field, opts.maxPositions ?? 100_000);
  if (input === undefined || input === null) {
    checker.fail(field, '缺少几何对象 (a GeoJSON geometry is required)');
  }
  let geom = input;
  let path = field;
  if (isObject(input) && input.type === 'Feature' && opts.allowFeature !== false) {
    geom = input.geometry;
    path = `${field}.geometry`;
    if (geom === null || geom === undefined) checker.fail(path, 'Feature 没有几何对象 (the Feature has no geometry)');
  }
  checker.geometry(geom, path, opts.types ?? GEOMETRY_TYPES);
  return geom as Geometry;
}

/**
 * Full validation: `checkGeoJson`, then PostGIS validity (`ST_IsValid`, reason from `ST_IsValidReason`).
 * Returns the geometry and its JSON text for `ST_SetSRID(ST_GeomFromGeoJSON($n), 4326)`.
 */
export async function validateGeometry(db: Queryable, input: unknown, field = 'geometry',
                                       opts: GeometryOptions = {}): Promise<ValidGeometry> {
  const geometry = checkGeoJson(input, field, opts);
  const json = JSON.stringify(geometry);
  let row: { valid: boolean; reason: string } | undefined;
  try {
    const res = await db.query<{ valid: boolean; reason: string }>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) s`, [json]);
    row = res.rows[0];
  } catch (err) {
    throw unprocessable(`${field}: PostGIS 无法解析该几何 (PostGIS cannot read it: ${(err as Error).message})`, field);
  }
  if (!row?.valid) throw geometryNotValid(field, row?.reason ?? null);
  return { geometry, json };
}

/** The 422 for a geometry PostGIS finds invalid, with `ST_IsValidReason`'s reason. */
export function geometryNotValid(field: string, reason: string | null) {
  return unprocessable(`${field}: 几何无效 — ${reason ?? 'unknown reason'} (invalid geometry: ${reason})`, field);
}
