/**
 * What the OGC API knows about each collection of the catalog beyond its name: the columns and their JSON types
 * (read once per process from information_schema) and the spatial/temporal extent (ST_Extent, cached per process).
 */
import type pg from 'pg';
import type { CollectionInfo } from '../layers/catalog.ts';
import type { EventBus } from '../events.ts';
import { quoteIdent } from './sql.ts';

/** JSON-side type of a column: drives queryables, property filters and the CQL2 type check. */
export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'geometry' | 'json' | 'array';

export interface ColumnInfo {
  name: string;
  type: ValueType;
  /** PostgreSQL type as information_schema reports it (udt name for user-defined types) */
  pgType: string;
  nullable: boolean;
}

export interface OgcCollection {
  info: CollectionInfo;
  columns: ColumnInfo[];
  /**
   * columns written into `properties`: all but the primary geometry and hidden ones. `id` is repeated there (it is
   * also the feature's top-level id) so that exports such as `ogr2ogr -f GeoJSON` and QGIS's attribute table keep it.
   */
  properties: ColumnInfo[];
  /** scalar columns usable in filters and as `?name=value` (plus the primary geometry for spatial filters) */
  queryables: Map<string, ColumnInfo>;
  /** column the `datetime` parameter filters on */
  timeColumn: string;
}

/** Time column of the `datetime` parameter: the catalog's `datetimeColumn`, else `updated_at`. */
export const timeColumnOf = (info: CollectionInfo) => info.datetimeColumn ?? 'updated_at';

function valueType(dataType: string, udt: string): ValueType {
  switch (dataType) {
    case 'smallint': case 'integer': case 'bigint': return 'integer';
    case 'numeric': case 'real': case 'double precision': return 'number';
    case 'text': case 'character': case 'character varying': return 'string';
    case 'boolean': return 'boolean';
    case 'date': return 'date';
    case 'timestamp with time zone': case 'timestamp without time zone': return 'timestamp';
    case 'ARRAY': return 'array';
    case 'USER-DEFINED': return udt === 'geometry' || udt === 'geography' ? 'geometry' : 'json';
    default: return 'json';
  }
}

/** a pool, or one client (tests and scripts that hold a single connection) */
type Queryable = pg.Pool | pg.ClientBase;

const SCALAR: ValueType[] = ['string', 'integer', 'number', 'boolean', 'date', 'timestamp'];

let columnsCache: Promise<Map<string, ColumnInfo[]>> | undefined;
let columnsPool: Queryable | undefined;

/** Columns of every catalog table, in table order: one information_schema query per process (and per pool). */
async function loadColumns(pool: Queryable, infos: CollectionInfo[]): Promise<Map<string, ColumnInfo[]>> {
  if (!columnsCache || columnsPool !== pool) {
    columnsPool = pool;
    columnsCache = pool.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1::text[])
        ORDER BY table_name, ordinal_position`, [infos.map((c) => c.id)],
    ).then(({ rows }) => {
      const out = new Map<string, ColumnInfo[]>();
      for (const r of rows) {
        const list = out.get(r.table_name) ?? [];
        list.push({ name: r.column_name, type: valueType(r.data_type, r.udt_name), pgType: r.data_type === 'USER-DEFINED' ? r.udt_name : r.data_type, nullable: r.is_nullable === 'YES' });
        out.set(r.table_name, list);
      }
      return out;
    });
    columnsCache.catch(() => { columnsCache = undefined; });
  }
  return columnsCache;
}

/** The OGC view of one catalog collection. */
export async function describeCollection(pool: Queryable, info: CollectionInfo, all: CollectionInfo[]): Promise<OgcCollection> {
  const columns = (await loadColumns(pool, all)).get(info.id) ?? [];
  const hidden = new Set(info.hidden ?? []);
  const visible = columns.filter((c) => !hidden.has(c.name));
  const properties = visible.filter((c) => c.name !== info.geometryColumn);
  const queryables = new Map<string, ColumnInfo>();
  for (const c of visible) {
    if (SCALAR.includes(c.type) || (c.type === 'geometry' && c.name === info.geometryColumn)) queryables.set(c.name, c);
  }
  return { info, columns: visible, properties, queryables, timeColumn: timeColumnOf(info) };
}

// ---------------------------------------------------------------------------------------------------------
// Extents

export interface Extent {
  /** [minLon, minLat, maxLon, maxLat] in CRS84, null for an empty table or one without geometry */
  bbox: [number, number, number, number] | null;
  /** [first, last] instant of the time column (RFC 3339), null when empty */
  interval: [string | null, string | null];
}

interface CachedExtent { extent: Extent; maxId: number | null; at: number }

/**
 * Extents are cached per process. Before use, one query reads max(id) of each table (primary-key index lookups):
 * - max(id) grew: rows were added; only the new rows (`id > cached max`, an index range) are scanned and the cached
 *   extent is widened — this keeps `positions`, which grows all day, cheap;
 * - max(id) shrank, a `change` event names the collection (rows updated or deleted), or 60 s passed: recomputed in full.
 * So the extent always contains every feature and is exact again after the next change event or at most 60 s.
 */
const EXTENT_TTL_MS = 60_000;

const extentCache = new Map<string, CachedExtent>();
/** bumped by change events, so that a computation that raced with a change is not cached */
const generation = new Map<string, number>();
const subscribed = new WeakSet<EventBus>();

function listen(events: EventBus) {
  if (subscribed.has(events)) return;
  subscribed.add(events);
  events.subscribe((e) => {
    if (e.type !== 'change') return;
    extentCache.delete(e.data.collection);
    generation.set(e.data.collection, (generation.get(e.data.collection) ?? 0) + 1);
  });
}

type ExtentRow = { id: string; xmin: number | null; ymin: number | null; xmax: number | null; ymax: number | null; t0: string | null; t1: string | null };

/** Extents of the given collections: at most two statements (max ids, then the stale or grown tables together). */
export async function extentsOf(pool: Queryable, events: EventBus, colls: OgcCollection[]): Promise<Map<string, Extent>> {
  listen(events);
  const now = Date.now();
  const gen = new Map(colls.map((c) => [c.info.id, generation.get(c.info.id) ?? 0]));
  const ids = await pool.query<{ id: string; max_id: number | null }>(
    colls.map((c, i) => `SELECT $${i + 1}::text AS id, (SELECT max(id) FROM ${quoteIdent(c.info.id)})::float8 AS max_id`).join(' UNION ALL '),
    colls.map((c) => c.info.id),
  );
  const maxIds = new Map(ids.rows.map((r) => [r.id, r.max_id]));
  const out = new Map<string, Extent>();
  const work: Array<{ c: OgcCollection; after: number | null; base?: CachedExtent }> = [];
  for (const c of colls) {
    const hit = extentCache.get(c.info.id);
    const maxId = maxIds.get(c.info.id) ?? null;
    if (!hit || now - hit.at > EXTENT_TTL_MS || (hit.maxId !== null && (maxId === null || maxId < hit.maxId))) work.push({ c, after: null });
    else if (maxId !== null && (hit.maxId === null || maxId > hit.maxId)) work.push({ c, after: hit.maxId ?? 0, base: hit });
    else out.set(c.info.id, hit.extent);
  }
  if (work.length) {
    const params: unknown[] = [];
    const sql = work.map(({ c, after }) => {
      params.push(c.info.id);
      const idParam = `$${params.length}`;
      const t = quoteIdent(c.info.id);
      const time = quoteIdent(c.timeColumn);
      const g = c.info.geometryColumn ? quoteIdent(c.info.geometryColumn) : null;
      const box = g ? `ST_Extent(${g})` : 'NULL::box2d';
      let where = '';
      // bigint, not float8: a cross-type comparison would keep the primary key index out of play
      if (after !== null) { params.push(String(after)); where = ` WHERE id > $${params.length}::bigint`; }
      return `SELECT ${idParam}::text AS id,
                ST_XMin(b)::float8 AS xmin, ST_YMin(b)::float8 AS ymin, ST_XMax(b)::float8 AS xmax, ST_YMax(b)::float8 AS ymax,
                to_char(t0 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t0,
                -- rounded up to the millisecond, so that the interval still contains the last instant
                to_char((t1 + interval '999 microseconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t1
         FROM (SELECT ${box} AS b, min(${time}) AS t0, max(${time}) AS t1 FROM ${t}${where}) s`;
    }).join(' UNION ALL ');
    const { rows } = await pool.query<ExtentRow>(sql, params);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { c, base } of work) {
      const id = c.info.id;
      const r = byId.get(id)!;
      const found: Extent = { bbox: r.xmin === null ? null : [r.xmin, r.ymin!, r.xmax!, r.ymax!], interval: [r.t0, r.t1] };
      const extent = base ? widen(base.extent, found) : found;
      out.set(id, extent);
      // a change event during the query: answer with this result but do not cache it
      if ((generation.get(id) ?? 0) === gen.get(id)) {
        extentCache.set(id, { extent, maxId: maxIds.get(id) ?? null, at: base ? base.at : now });
      }
    }
  }
  return out;
}

/** The union of two extents (ISO instants of one format compare as strings). */
function widen(a: Extent, b: Extent): Extent {
  const bbox: Extent['bbox'] = !a.bbox ? b.bbox : !b.bbox ? a.bbox
    : [Math.min(a.bbox[0], b.bbox[0]), Math.min(a.bbox[1], b.bbox[1]), Math.max(a.bbox[2], b.bbox[2]), Math.max(a.bbox[3], b.bbox[3])];
  const lo = [a.interval[0], b.interval[0]].filter((x): x is string => x !== null).sort()[0] ?? null;
  const hi = [a.interval[1], b.interval[1]].filter((x): x is string => x !== null).sort().pop() ?? null;
  return { bbox, interval: [lo, hi] };
}
