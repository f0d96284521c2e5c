/**
 * SQL for OGC API – Features items: compiles a CQL2 AST (cql2.ts) and the query parameters of
 * /collections/{id}/items into ONE parameterised statement per page that builds the GeoJSON in PostGIS.
 *
 * Safety: identifiers come only from the collection's known columns (information_schema, quoted);
 * every user-supplied value travels as a bind parameter ($1…), never inside the SQL text.
 * Index use: bbox and spatial filters go through `geom && envelope` (GiST on geom); S_DWITHIN adds a
 * degree-envelope prefilter on geom and calls ST_DWithin on `geom::geography`, which the geography
 * expression indexes of 001_schema.sql serve on point/line tables.
 */
import type { Geometry, Position } from 'geojson';
import { Cql2Error, isValidDate, normalizeTimestamp, type Expr, type Scalar } from './cql2.ts';
import type { Crs } from './crs.ts';
import type { ColumnInfo, OgcCollection } from './collections.ts';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Bind parameters collected while SQL text is generated. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string { this.values.push(v); return `$${this.values.length}`; }
}

const ALIAS = 'p';
const col = (name: string) => `${ALIAS}.${quoteIdent(name)}`;

// ---------------------------------------------------------------------------------------------------------
// CQL2 → SQL

type SqlType = 'string' | 'number' | 'boolean' | 'date' | 'timestamp' | 'geometry';
interface Typed { sql: string; type: SqlType; literal: boolean }

export interface FilterContext {
  collection: OgcCollection;
  params: Params;
  /** CRS of geometry literals (`filter-crs`): lat/lon CRSs have their axes swapped back to lon/lat */
  filterCrs: Crs;
}

/** Type-checks the AST against the collection's queryables and returns a boolean SQL expression. */
export function compileFilter(e: Expr, ctx: FilterContext): string {
  switch (e.kind) {
    case 'and': case 'or':
      return `(${e.args.map((a) => compileFilter(a, ctx)).join(e.kind === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT ${compileFilter(e.arg, ctx)})`;
    case 'compare': {
      const [l, r] = typedPair(e.left, e.right, ctx);
      requireComparable(l, r, e.right.pos, e.op);
      if (l.type === 'geometry') throw new Cql2Error(e.pos, '几何请用空间函数比较，例如 S_EQUALS (compare geometries with spatial functions such as S_EQUALS)');
      if (l.type === 'boolean' && e.op !== '=' && e.op !== '<>') {
        throw new Cql2Error(e.pos, '布尔值只能用 = 或 <> 比较 (boolean values only support = and <>)');
      }
      return `(${l.sql} ${e.op} ${r.sql})`;
    }
    case 'like': {
      const v = scalar(e.value, ctx);
      const p = scalar(e.pattern, ctx);
      if (v.type !== 'string') throw new Cql2Error(e.value.pos, `LIKE 只适用于字符串 (LIKE needs a string, got ${v.type})`);
      if (p.type !== 'string') throw new Cql2Error(e.pattern.pos, `LIKE 的模式必须是字符串 (LIKE pattern must be a string, got ${p.type})`);
      // CQL2 LIKE: % and _ wildcards, backslash escape — the same as PostgreSQL's default LIKE escape
      return `(${v.sql} ${e.not ? 'NOT LIKE' : 'LIKE'} ${p.sql})`;
    }
    case 'between': {
      const v = scalar(e.value, ctx);
      const lo = scalar(asInstant(e.low, v.type), ctx);
      const hi = scalar(asInstant(e.high, v.type), ctx);
      if (!['number', 'date', 'timestamp', 'string'].includes(v.type)) throw new Cql2Error(e.value.pos, `BETWEEN 不适用于 ${v.type} (BETWEEN needs a number, string or instant)`);
      requireComparable(v, lo, e.low.pos, 'BETWEEN');
      requireComparable(v, hi, e.high.pos, 'BETWEEN');
      return `(${v.sql} ${e.not ? 'NOT BETWEEN' : 'BETWEEN'} ${lo.sql} AND ${hi.sql})`;
    }
    case 'in': {
      const v = scalar(e.value, ctx);
      if (v.type === 'geometry') throw new Cql2Error(e.value.pos, 'IN 不适用于几何 (IN does not apply to geometries)');
      const items = e.list.map((item) => {
        const t = scalar(asInstant(item, v.type), ctx);
        requireComparable(v, t, item.pos, 'IN');
        return t.sql;
      });
      return `(${v.sql} ${e.not ? 'NOT IN' : 'IN'} (${items.join(', ')}))`;
    }
    case 'isNull': {
      const v = scalar(e.value, ctx);
      return `(${v.sql} IS ${e.not ? 'NOT ' : ''}NULL)`;
    }
    case 'truthy': {
      const v = scalar(e.value, ctx);
      if (v.type !== 'boolean') throw new Cql2Error(e.pos, `此处需要布尔条件 (expected a predicate; ${v.type} is not boolean)`);
      return `(${v.sql} IS TRUE)`;
    }
    case 'spatial': {
      const l = geometryOperand(e.left, ctx);
      const r = geometryOperand(e.right, ctx);
      const fn = { S_INTERSECTS: 'ST_Intersects', S_EQUALS: 'ST_Equals', S_DISJOINT: 'ST_Disjoint', S_TOUCHES: 'ST_Touches',
        S_WITHIN: 'ST_Within', S_OVERLAPS: 'ST_Overlaps', S_CROSSES: 'ST_Crosses', S_CONTAINS: 'ST_Contains' }[e.op];
      return `${fn}(${l.sql}, ${r.sql})`;
    }
    case 'dwithin': {
      const l = geometryOperand(e.left, ctx);
      const r = geometryOperand(e.right, ctx);
      const d = ctx.params.add(e.distanceM);
      const dwithin = `ST_DWithin(${l.sql}::geography, ${r.sql}::geography, ${d}::float8)`;
      // prefilter on the plain geometry index: the literal's envelope grown by the distance in degrees
      const [column, literal] = !l.literal && r.literal ? [l, r] : l.literal && !r.literal ? [r, l] : [null, null];
      if (column && literal?.envelope) {
        const [dx, dy] = degreesFor(e.distanceM, literal.envelope);
        return `(${column.sql} && ST_Expand(${literal.sql}, ${ctx.params.add(dx)}::float8, ${ctx.params.add(dy)}::float8) AND ${dwithin})`;
      }
      return dwithin;
    }
  }
}

/**
 * Degrees of longitude and latitude that surely cover `distanceM` metres around an envelope on WGS 84:
 * a degree of latitude is ≥ 110 574 m (at the equator), a degree of longitude at latitude φ is
 * ≥ 111 319.49·cos φ m (N(φ) ≥ a = 6 378 137 m); 0.5 % slack on both.
 */
export function degreesFor(distanceM: number, env: [number, number, number, number]): [number, number] {
  const dy = (distanceM / 110_574) * 1.005 + 1e-9;
  const phi = Math.min(89, Math.max(Math.abs(env[1]), Math.abs(env[3])) + dy);
  const dx = Math.min(360, (distanceM / (111_319.49 * Math.cos((phi * Math.PI) / 180))) * 1.005 + 1e-9);
  return [dx, dy];
}

interface GeomOperand { sql: string; literal: boolean; envelope?: [number, number, number, number] }

function geometryOperand(s: Scalar, ctx: FilterContext): GeomOperand {
  if (s.kind === 'geometry' || s.kind === 'bbox') return geometryLiteral(s, ctx);
  const t = scalar(s, ctx);
  if (t.type !== 'geometry') throw new Cql2Error(s.pos, `空间函数需要几何参数 (spatial functions need a geometry, got ${t.type})`);
  return { sql: t.sql, literal: t.literal };
}

function geometryLiteral(s: Extract<Scalar, { kind: 'geometry' | 'bbox' }>, ctx: FilterContext): GeomOperand {
  const swap = ctx.filterCrs.latLon;
  if (s.kind === 'bbox') {
    const [a, b, c, d] = s.coords;
    const [minx, miny, maxx, maxy] = swap ? [b, a, d, c] : [a, b, c, d];
    checkLonLat([minx, miny], s.pos);
    checkLonLat([maxx, maxy], s.pos);
    if (miny > maxy || minx > maxx) throw new Cql2Error(s.pos, 'BBOX 的最小值大于最大值 (BBOX minimum greater than maximum)');
    const p = [minx, miny, maxx, maxy].map((v) => `${ctx.params.add(v)}::float8`);
    return { sql: `ST_MakeEnvelope(${p.join(', ')}, 4326)`, literal: true, envelope: [minx, miny, maxx, maxy] };
  }
  const geometry = mapPositions(s.geometry, (pos) => {
    const lonLat: Position = swap ? [pos[1], pos[0]] : [pos[0], pos[1]];
    checkLonLat(lonLat, s.pos);
    return lonLat;
  });
  const env: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  mapPositions(geometry, (p) => {
    env[0] = Math.min(env[0], p[0]); env[1] = Math.min(env[1], p[1]);
    env[2] = Math.max(env[2], p[0]); env[3] = Math.max(env[3], p[1]);
    return p;
  });
  return { sql: `ST_SetSRID(ST_GeomFromGeoJSON(${ctx.params.add(JSON.stringify(geometry))}::text), 4326)`, literal: true, envelope: env };
}

function checkLonLat(p: Position, pos: number) {
  if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
    throw new Cql2Error(pos, `坐标超出范围 (coordinate ${p[0]} ${p[1]} outside longitude ±180 / latitude ±90 — check filter-crs axis order)`);
  }
}

function mapPositions(g: Geometry, fn: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point': return { type: 'Point', coordinates: fn(g.coordinates) };
    case 'MultiPoint': return { type: 'MultiPoint', coordinates: g.coordinates.map(fn) };
    case 'LineString': return { type: 'LineString', coordinates: g.coordinates.map(fn) };
    case 'MultiLineString': return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(fn)) };
    case 'Polygon': return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(fn)) };
    case 'MultiPolygon': return { type: 'MultiPolygon', coordinates: g.coordinates.map((pl) => pl.map((r) => r.map(fn))) };
    case 'GeometryCollection': return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, fn)) };
  }
}

function scalar(s: Scalar, ctx: FilterContext): Typed {
  switch (s.kind) {
    case 'property': {
      const c = resolveProperty(s.name, s.pos, ctx.collection);
      return { sql: col(c.name), type: sqlType(c), literal: false };
    }
    case 'string': return { sql: `${ctx.params.add(s.value)}::text`, type: 'string', literal: true };
    case 'number': return { sql: `${ctx.params.add(String(s.value))}::numeric`, type: 'number', literal: true };
    case 'boolean': return { sql: `${ctx.params.add(s.value)}::boolean`, type: 'boolean', literal: true };
    case 'date': return { sql: `${ctx.params.add(s.value)}::date`, type: 'date', literal: true };
    case 'timestamp': return { sql: `${ctx.params.add(s.value)}::timestamptz`, type: 'timestamp', literal: true };
    case 'casei': {
      const a = scalar(s.arg, ctx);
      if (a.type !== 'string') throw new Cql2Error(s.arg.pos, `CASEI 只适用于字符串 (CASEI needs a string, got ${a.type})`);
      return { sql: `lower(${a.sql})`, type: 'string', literal: a.literal };
    }
    case 'geometry': case 'bbox': {
      const g = geometryLiteral(s, ctx);
      return { sql: g.sql, type: 'geometry', literal: true };
    }
  }
}

/**
 * A quoted string compared with a date or timestamp property is read as that instant when it is one
 * (`fix_time >= '2024-05-01T10:00:00Z'`, as GDAL's OAPIF driver writes it); CQL2 proper spells it TIMESTAMP('…').
 */
function asInstant(s: Scalar, otherType: SqlType): Scalar {
  if (s.kind !== 'string' || (otherType !== 'date' && otherType !== 'timestamp')) return s;
  if (isValidDate(s.value)) return { kind: 'date', value: s.value, pos: s.pos };
  const ts = normalizeTimestamp(s.value);
  return ts ? { kind: 'timestamp', value: ts, pos: s.pos } : s;
}

/** Both sides of a comparison, a string literal facing an instant read as an instant. */
function typedPair(a: Scalar, b: Scalar, ctx: FilterContext): [Typed, Typed] {
  if (a.kind === 'string' && b.kind !== 'string') {
    const r = scalar(b, ctx);
    return [scalar(asInstant(a, r.type), ctx), r];
  }
  const l = scalar(a, ctx);
  return [l, scalar(asInstant(b, l.type), ctx)];
}

function sqlType(c: ColumnInfo): SqlType {
  return c.type === 'integer' ? 'number' : (c.type as SqlType);
}

/** A property of a filter: a queryable column (`geometry` also names the primary geometry column). */
export function resolveProperty(name: string, pos: number, coll: OgcCollection): ColumnInfo {
  const geom = coll.info.geometryColumn;
  const c = coll.queryables.get(name) ?? (name === 'geometry' && geom ? coll.queryables.get(geom) : undefined);
  if (!c) {
    const known = [...coll.queryables.keys()].join(', ');
    throw new Cql2Error(pos, `未知或不可查询的属性 "${name}" (unknown or non-queryable property; queryables of ${coll.info.id}: ${known})`);
  }
  return c;
}

function requireComparable(a: Typed, b: Typed, pos: number, op: string) {
  const temporal = (t: SqlType) => t === 'date' || t === 'timestamp';
  if (a.type === b.type || (temporal(a.type) && temporal(b.type))) return;
  const hint = temporal(a.type) && b.type === 'string' ? "; write DATE('YYYY-MM-DD') or TIMESTAMP('…Z')" : '';
  throw new Cql2Error(pos, `类型不匹配：${a.type} ${op} ${b.type} (type mismatch${hint})`);
}

// ---------------------------------------------------------------------------------------------------------
// Items query

export interface ItemsQuery {
  /** [minLon, minLat, maxLon, maxLat] already in CRS84 axis order; minLon > maxLon crosses the antimeridian */
  bbox?: [number, number, number, number];
  /** closed interval bounds as RFC 3339 with offset; null = open; `endExclusive` for whole-day instants */
  datetime?: { start: string | null; end: string | null; endExclusive?: boolean };
  /** `?name=value` equality filters, values already checked for their column type */
  equals: Array<{ column: ColumnInfo; value: string | number | boolean }>;
  filter?: Expr;
  filterCrs: Crs;
  /** district-scoped users see only their districts */
  districts?: string[];
  crs: Crs;
  limit: number;
  offset: number;
}

/** WHERE conditions shared by the count and the page. */
function whereOf(coll: OgcCollection, q: ItemsQuery, params: Params): string {
  const conds: string[] = [];
  const g = coll.info.geometryColumn;
  if (q.bbox && g) {
    const [minx, miny, maxx, maxy] = q.bbox;
    const boxes = minx <= maxx ? [[minx, miny, maxx, maxy]] : [[minx, miny, 180, maxy], [-180, miny, maxx, maxy]];
    const parts = boxes.map((b) => {
      const env = `ST_MakeEnvelope(${b.map((v) => `${params.add(v)}::float8`).join(', ')}, 4326)`;
      return `(${col(g)} && ${env} AND ST_Intersects(${col(g)}, ${env}))`;
    });
    conds.push(parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);
  }
  if (q.datetime) {
    const t = col(coll.timeColumn);
    const { start, end, endExclusive } = q.datetime;
    if (start !== null && end !== null && start === end && !endExclusive) conds.push(`${t} = ${params.add(start)}::timestamptz`);
    else {
      if (start !== null) conds.push(`${t} >= ${params.add(start)}::timestamptz`);
      if (end !== null) conds.push(`${t} ${endExclusive ? '<' : '<='} ${params.add(end)}::timestamptz`);
    }
  }
  for (const { column, value } of q.equals) {
    const cast = { string: 'text', integer: 'numeric', number: 'numeric', boolean: 'boolean', date: 'date', timestamp: 'timestamptz' }[column.type as string] ?? 'text';
    conds.push(`${col(column.name)} = ${params.add(value)}::${cast}`);
  }
  if (q.filter) conds.push(compileFilter(q.filter, { collection: coll, params, filterCrs: q.filterCrs }));
  if (q.districts?.length) {
    const districtCol = coll.info.id === 'districts' ? 'name' : coll.columns.some((c) => c.name === 'district') ? 'district' : null;
    if (districtCol) conds.push(`${col(districtCol)} = ANY(${params.add(q.districts)}::text[])`);
  }
  return conds.length ? conds.join(' AND ') : 'TRUE';
}

/** `ORDER BY` of the catalog entry (trusted text, still checked to be plain column names), qualified. */
function orderOf(coll: OgcCollection): string {
  const items = (coll.info.order ?? 'id').split(',').map((s) => s.trim());
  return items.map((item) => {
    const m = /^([a-z_][a-z0-9_]*)(\s+(asc|desc))?$/i.exec(item);
    if (!m || !coll.columns.some((c) => c.name === m[1])) throw new Error(`catalog order "${item}" of ${coll.info.id} is not a column`);
    return `${col(m[1])}${m[3] ? ` ${m[3].toUpperCase()}` : ''}`;
  }).join(', ');
}

/** GeoJSON Feature of row `p`, built by PostGIS: `id` at the top, every visible column but the geometry in `properties`. */
function featureSql(coll: OgcCollection, crs: Crs): string {
  const geomJson = (name: string) => `ST_AsGeoJSON(${crs.latLon ? `ST_FlipCoordinates(${col(name)})` : col(name)})::json`;
  const props = coll.properties.map((c) => [`'${c.name.replace(/'/g, "''")}'`, c.type === 'geometry' ? geomJson(c.name) : col(c.name)]);
  // json_build_object takes at most 100 arguments: chunks of 50 properties merged as jsonb beyond that
  const chunks: string[] = [];
  for (let i = 0; i < props.length; i += 50) chunks.push(`json_build_object(${props.slice(i, i + 50).flat().join(', ')})`);
  const properties = chunks.length === 0 ? `'{}'::json` : chunks.length === 1 ? chunks[0] : `(${chunks.map((x) => `${x}::jsonb`).join(' || ')})::json`;
  const geometry = coll.info.geometryColumn ? geomJson(coll.info.geometryColumn) : 'NULL::json';
  return `json_build_object('type', 'Feature', 'id', ${col('id')}, 'geometry', ${geometry}, 'properties', ${properties})`;
}

/**
 * One statement per page: the number matched and the page's features as a JSON array text
 * (`features` stays text so Node splices it into the response without parsing it).
 */
export function itemsSql(coll: OgcCollection, q: ItemsQuery): { text: string; values: unknown[] } {
  const params = new Params();
  const where = whereOf(coll, q, params);
  const table = quoteIdent(coll.info.id);
  const order = orderOf(coll);
  const limit = params.add(q.limit);
  const offset = params.add(q.offset);
  const text = `
    WITH page AS (
      SELECT ${ALIAS}.* FROM ${table} ${ALIAS} WHERE ${where} ORDER BY ${order} LIMIT ${limit}::int OFFSET ${offset}::bigint
    )
    SELECT (SELECT count(*) FROM ${table} ${ALIAS} WHERE ${where})::float8 AS matched,
           coalesce((SELECT json_agg(${featureSql(coll, q.crs)} ORDER BY ${order}) FROM page ${ALIAS}), '[]'::json)::text AS features`;
  return { text, values: params.values };
}

/** One feature by id (`id` compared as bigint so any integer string is safe), or no row. */
export function featureByIdSql(coll: OgcCollection, id: string, crs: Crs, districts?: string[]): { text: string; values: unknown[] } {
  const params = new Params();
  const conds = [`${col('id')} = ${params.add(id)}::bigint`];
  const scoped = whereOf(coll, { equals: [], filterCrs: crs, crs, limit: 1, offset: 0, districts }, params);
  if (scoped !== 'TRUE') conds.push(scoped);
  const text = `SELECT ${featureSql(coll, crs)}::text AS feature FROM ${quoteIdent(coll.info.id)} ${ALIAS} WHERE ${conds.join(' AND ')} LIMIT 1`;
  return { text, values: params.values };
}
