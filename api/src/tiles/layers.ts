import type pg from 'pg';
import { collections, type CollectionInfo } from '../layers/catalog.ts';
import { EXTENT, BUFFER_UNITS } from './tile-math.ts';

/**
 * The vector-tile layers: every collection of the catalog with a geometry, except `positions` (a high-rate time
 * series: the map draws live positions from /api/stream and tracks from /api/vehicles/{id}/track, and a tile cache
 * of it would be invalid at every fix). Attributes are the table's scalar columns, read from the database once, so
 * a column added by a later migration shows up without touching this file.
 */

export type FieldType = 'Number' | 'String' | 'Boolean';
export type GeometryKind = 'point' | 'line' | 'polygon' | 'mixed';

export interface TileField { name: string; type: FieldType; sql: string }

export interface TileLayer {
  id: string;
  title: string;
  titleEn: string;
  kind: GeometryKind;
  fields: TileField[];
  /** column a district-scoped user is filtered on (`district`, or `name` for the districts table itself) */
  scopeColumn: string | null;
}

const NOT_TILED = new Set(['positions']);
/** Never in tiles: bookkeeping, long free text (shown by the feature's popup through OGC API instead), graph ids. */
const EXCLUDED_COLUMNS = new Set(['created_at', 'updated_at', 'evidence', 'equipment']);
const EXCLUDED_BY_LAYER: Record<string, string[]> = { roads: ['source', 'target'] };

export const tiledCollections: CollectionInfo[] = collections.filter((c) => c.geometryColumn && !NOT_TILED.has(c.id));

export function isTiledCollection(id: string): boolean {
  return tiledCollections.some((c) => c.id === id);
}

function kindOf(c: CollectionInfo): GeometryKind {
  switch (c.geometryType) {
    case 'Point': return 'point';
    case 'LineString': return 'line';
    case 'Polygon': case 'MultiPolygon': return 'polygon';
    default: return 'mixed';
  }
}

interface ColumnRow { table: string; column: string; typname: string; category: string }

/** Maps a column to an MVT value expression: numbers stay numbers, dates become ISO 8601 strings. */
function fieldFor(col: ColumnRow): TileField | null {
  const q = `g."${col.column.replace(/"/g, '""')}"`;
  const name = col.column;
  switch (col.category) {
    case 'N':
      if (['int2', 'int4', 'int8'].includes(col.typname)) return { name, type: 'Number', sql: q };
      if (['numeric', 'float4', 'float8'].includes(col.typname)) return { name, type: 'Number', sql: `${q}::float8` };
      return null;
    case 'B': return { name, type: 'Boolean', sql: q };
    case 'S': return { name, type: 'String', sql: `${q}::text` };
    case 'D':
      if (col.typname === 'date') return { name, type: 'String', sql: `to_char(${q}, 'YYYY-MM-DD')` };
      if (col.typname === 'timestamptz') {
        return { name, type: 'String', sql: `to_char(${q} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` };
      }
      return null;
    default: return null; // geometry, jsonb, arrays: not scalar
  }
}

/** Reads the columns of every tiled table (one query) and builds the layer definitions. */
export async function loadTileLayers(pool: pg.Pool): Promise<TileLayer[]> {
  const { rows } = await pool.query<ColumnRow>(`
    SELECT c.relname AS table, a.attname AS column, t.typname, t.typcategory AS category
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_type t ON t.oid = a.atttypid
     WHERE c.relname = ANY($1::text[]) AND c.relnamespace = current_schema()::regnamespace
       AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`, [tiledCollections.map((c) => c.id)]);
  return tiledCollections.map((c) => {
    const excluded = new Set([...EXCLUDED_COLUMNS, ...(c.hidden ?? []), ...(EXCLUDED_BY_LAYER[c.id] ?? []), c.geometryColumn!]);
    const cols = rows.filter((r) => r.table === c.id && !excluded.has(r.column));
    const fields = cols.map(fieldFor).filter((f): f is TileField => f !== null);
    const names = new Set(cols.map((r) => r.column));
    return {
      id: c.id, title: c.title, titleEn: c.titleEn, kind: kindOf(c), fields,
      scopeColumn: c.id === 'districts' ? 'name' : names.has('district') ? 'district' : null,
    };
  });
}

/**
 * How MVT bytes are produced:
 *  - `postgis`: ST_AsMVTGeom + ST_AsMVT in the database (real PostgreSQL: PostGIS built with protobuf-c);
 *  - `portable`: PostGIS still does all the geometry work (clip, simplify, project, move to tile units, snap to the
 *    grid, clip to the buffer, repair polygons) and returns WKB + a JSON array of attributes per feature; TypeScript
 *    only writes the protobuf (tiles/mvt-encode.ts). PGlite's PostGIS is built without protobuf-c, where ST_AsMVT
 *    fails with "Compiled without protobuf-c support".
 */
export type MvtEncoder = 'postgis' | 'portable';

/**
 * Placeholders shared by every layer query; `compile` numbers the ones a statement uses ($1…), so a statement does
 * not carry parameters it never references.
 *   env_*   buffered tile bbox in EPSG:4326 (index prefilter and 4326 pre-clip)
 *   z, x, y tile address for ST_TileEnvelope (postgis encoder)
 *   t_xmin, t_ymax, t_scale  tile origin (EPSG:3857 m) and MVT units per metre (portable encoder)
 *   scope   text[] of districts a scoped user may see, or NULL
 *   min     smallest bbox side, degrees, of a polygon still drawn as a polygon at this zoom
 */
export interface TileParams {
  env_xmin: number; env_ymin: number; env_xmax: number; env_ymax: number;
  z: number; x: number; y: number;
  t_xmin: number; t_ymax: number; t_scale: number;
  scope: string[] | null;
  min: number;
}

const PARAM_NAMES = ['env_xmin', 'env_ymin', 'env_xmax', 'env_ymax', 'z', 'x', 'y', 't_xmin', 't_ymax', 't_scale',
  'scope', 'min'] as const;

const ENV = `ST_MakeEnvelope({env_xmin}, {env_ymin}, {env_xmax}, {env_ymax}, 4326)`;
const TILE = `ST_TileEnvelope({z}, {x}, {y})`;
const SIZE = `greatest(ST_XMax(g.geom) - ST_XMin(g.geom), ST_YMax(g.geom) - ST_YMin(g.geom))`;
/** Clip in 4326 first (on the table's own coordinates) so long lines and big polygons are not projected whole. */
const CLIPPED = `ST_ClipByBox2D(g.geom, ${ENV}::box2d)`;
const BUFFER_BOX = `ST_MakeEnvelope(${-BUFFER_UNITS}, ${-BUFFER_UNITS}, ${EXTENT + BUFFER_UNITS}, ${EXTENT + BUFFER_UNITS}, 3857)`;

/** 4326 geometry → tile units (x right, y down, 0…4096), for the portable encoder. */
const toTile = (g: string) =>
  `ST_TransScale(ST_Transform(${g}, 3857), -({t_xmin}::float8), -({t_ymax}::float8), {t_scale}::float8, -({t_scale}::float8))`;

const portable = {
  point: (g: string) => `ST_SnapToGrid(${toTile(g)}, 1)`,
  line: (g: string) => `ST_SnapToGrid(ST_ClipByBox2D(${toTile(g)}, ${BUFFER_BOX}::box2d), 1)`,
  polygon: (g: string) => `ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(ST_ClipByBox2D(${toTile(g)}, ${BUFFER_BOX}::box2d), 1)), 3)`,
};

const postgis = (g: string) => `ST_AsMVTGeom(ST_Transform(${g}, 3857), ${TILE}, ${EXTENT}, ${BUFFER_UNITS}, true)`;

/**
 * The tile geometry of a row: clipped in 4326 to the buffered tile, projected, moved to tile units, simplified to
 * the output resolution and snapped to the grid, clipped to the buffer. ST_AsMVTGeom simplifies by itself (repeated
 * points within one unit removed, Douglas–Peucker at one unit); the portable path's ST_SnapToGrid drops vertices
 * that fall in the same cell. A separate ST_Simplify(PreserveTopology) in 4326 was measured on the sample city and
 * cost more than it saved (z10 composite 21 → 7 ms without it). In mixed layers a polygon too small to see at this
 * zoom is drawn as its point on surface, so a hazard source or a school never vanishes when zooming out.
 */
function geometryExpr(kind: GeometryKind, encoder: MvtEncoder): string {
  if (encoder === 'postgis') {
    switch (kind) {
      case 'point': return postgis('g.geom');
      case 'line': case 'polygon': return postgis(CLIPPED);
      case 'mixed': return postgis(`CASE WHEN ST_Dimension(g.geom) < 2 THEN g.geom
        WHEN ${SIZE} < {min} THEN ST_PointOnSurface(g.geom) ELSE ${CLIPPED} END`);
    }
  }
  switch (kind) {
    case 'point': return portable.point('g.geom');
    case 'line': return portable.line(CLIPPED);
    case 'polygon': return portable.polygon(CLIPPED);
    case 'mixed': return `CASE WHEN ST_Dimension(g.geom) < 2 THEN ${portable.point('g.geom')}
        WHEN ${SIZE} < {min} THEN ${portable.point('ST_PointOnSurface(g.geom)')} ELSE ${portable.polygon(CLIPPED)} END`;
  }
}

function whereClause(layer: TileLayer, withScope: boolean): string {
  const where = [`g.geom && ${ENV}`];
  if (layer.kind === 'polygon') where.push(`${SIZE} >= {min}`); // tiny areas are dropped at low zoom
  if (withScope && layer.scopeColumn) where.push(`({scope}::text[] IS NULL OR g.${layer.scopeColumn} = ANY({scope}::text[]))`);
  return where.join(' AND ');
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `SELECT` of one layer's MVT bytes with ST_AsMVT (never NULL: an empty layer is an empty bytea). */
export function layerMvtSql(layer: TileLayer, opts: { withScope: boolean }): string {
  const props = layer.fields.map((f) => `${f.sql} AS ${quoteIdent(f.name)}`);
  return `(SELECT coalesce(ST_AsMVT(t, '${layer.id}', ${EXTENT}, 'geom', 'mvt_fid'), ''::bytea) FROM (
      SELECT g.id AS mvt_fid, ${props.join(', ')}, ${geometryExpr(layer.kind, 'postgis')} AS geom
        FROM ${layer.id} g
       WHERE ${whereClause(layer, opts.withScope)}) t
     WHERE t.geom IS NOT NULL)`;
}

/** Rows (layer, fid, props JSON array in `fields` order, WKB in tile units) of one layer, for the portable encoder. */
export function layerRowsSql(layer: TileLayer, opts: { withScope: boolean }): string {
  return `SELECT '${layer.id}'::text AS layer, t.mvt_fid, t.props, ST_AsBinary(t.geom) AS wkb FROM (
      SELECT g.id::bigint AS mvt_fid, json_build_array(${layer.fields.map((f) => f.sql).join(', ')}) AS props,
             ${geometryExpr(layer.kind, 'portable')} AS geom
        FROM ${layer.id} g
       WHERE ${whereClause(layer, opts.withScope)}) t
     WHERE t.geom IS NOT NULL AND NOT ST_IsEmpty(t.geom) AND t.geom && ${BUFFER_BOX}`;
}

/**
 * One statement for one or several layers. postgis: the per-layer MVT bytea concatenated with `||` (a valid MVT:
 * a tile is a sequence of layer fields); portable: the per-layer rows with UNION ALL.
 */
export function tileSql(layers: TileLayer[], opts: { withScope: boolean; encoder: MvtEncoder }): string {
  if (opts.encoder === 'postgis') return `SELECT ${layers.map((l) => layerMvtSql(l, opts)).join('\n || ')} AS mvt`;
  return layers.map((l) => `(${layerRowsSql(l, opts)})`).join('\nUNION ALL\n');
}

/** Numbers the `{name}` placeholders of `text` in order of first use and returns the matching values. */
export function compile(text: string, params: TileParams): { text: string; values: unknown[] } {
  const order: (keyof TileParams)[] = [];
  const out = text.replace(new RegExp(`\\{(${PARAM_NAMES.join('|')})\\}`, 'g'), (_m, name: keyof TileParams) => {
    let i = order.indexOf(name);
    if (i < 0) { order.push(name); i = order.length - 1; }
    return `$${i + 1}`;
  });
  return { text: out, values: order.map((n) => params[n]) };
}
