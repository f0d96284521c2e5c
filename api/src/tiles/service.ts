import { createHash } from 'node:crypto';
import pg from 'pg';
import type { AppDeps } from '../context.ts';
import { changeFeed, type ChangeNotice } from '../changes/feed.ts';
import { TileCache, COMPOSITE_LAYER, type CachedTile } from './cache.ts';
import { compile, loadTileLayers, tileSql, type MvtEncoder, type TileLayer, type TileParams } from './layers.ts';
import { encodeMvt, type PropValue } from './mvt-encode.ts';
import { EXTENT, MERCATOR_WORLD_M, bufferedTileBBox4326, mvtUnit, tileYToLat, type BBox } from './tile-math.ts';

/**
 * Renders tiles with PostGIS and keeps them in the LRU cache while the change feed is live (a tile cached while
 * nobody listens for changes could go stale unnoticed, so then every request renders).
 *
 * Settings (environment): TILES_CACHE_MB (default 128) bounds the cache; TILES_MAX_AGE_S (default 0) is the
 * Cache-Control max-age. 0 makes browsers revalidate every tile with If-None-Match (a 304 from this cache costs
 * well under a millisecond), which keeps the map within a second of the database after a `change` event.
 */

export interface RenderedTile { tile: CachedTile; cache: 'hit' | 'miss' | 'bypass' }

/** Polygons smaller than this many MVT units are dropped (area layers) or drawn as a point (mixed layers). */
const MIN_POLYGON_UNITS = 4;

function envNumber(name: string, dflt: number, min: number): number {
  const v = Number(process.env[name] ?? dflt);
  return Number.isFinite(v) && v >= min ? v : dflt;
}

export const tileSettings = {
  cacheBytes: envNumber('TILES_CACHE_MB', 128, 1) * 1024 * 1024,
  maxAgeS: Math.floor(envNumber('TILES_MAX_AGE_S', 0, 0)),
};

/** Settings tile statements run with on PostgreSQL (see TileService.capabilities); the benchmark's raw baseline too. */
export const TILE_SESSION_SETTINGS = ['jit = off', 'max_parallel_workers_per_gather = 0'];

interface InFlight { promise: Promise<CachedTile>; startedAt: number }

export class TileService {
  readonly cache = new TileCache(tileSettings.cacheBytes);
  private layers: Promise<Map<string, TileLayer>> | null = null;
  private caps: Promise<{ encoder: MvtEncoder; tune: boolean }> | null = null;
  private forcedEncoder: MvtEncoder | undefined;
  private sql = new Map<string, string>();
  private inflight = new Map<string, InFlight>();
  private extents = new Map<string, BBox | null>();

  /** `encoder` forces an encoder (tests, benchmarks); by default the database's capability decides. */
  constructor(private deps: AppDeps, opts: { encoder?: MvtEncoder } = {}) {
    this.forcedEncoder = opts.encoder;
    changeFeed(deps).subscribe({
      onChanges: (notices) => this.onChanges(notices),
      onResync: () => { this.cache.clear(); this.inflight.clear(); this.extents.clear(); },
    });
  }

  /** Tile layers by collection id (columns read from the database on first use). */
  async layerMap(): Promise<Map<string, TileLayer>> {
    this.layers ??= loadTileLayers(this.deps.db.pool).then((ls) => new Map(ls.map((l) => [l.id, l])))
      .catch((err) => { this.layers = null; throw err; });
    return this.layers;
  }

  /**
   * What this database can do and how tile statements must run. ST_AsMVT needs PostGIS built with protobuf-c
   * (PGlite's is not). PostGIS functions carry high planner costs, so on PostgreSQL 15 a tile statement's estimate
   * passes jit_above_cost and parallel_setup_cost: measured on the sample city, JIT compilation took 293 ms of a
   * 410 ms z10 composite, and parallel workers (each loading PROJ afresh) 55 ms of a 62 ms z16 one. Tile
   * statements are many and small, so where either is on they run with both off (SET LOCAL, see `run`: the pooled
   * session is left as it was).
   */
  private capabilities(): Promise<{ encoder: MvtEncoder; tune: boolean }> {
    // asked without provoking an error: through pglite-socket a failed statement also breaks the next one
    this.caps ??= this.deps.db.pool.query<{ protobuf: string | null; jit: string | null; workers: string | null }>(
      `SELECT postgis_libprotobuf_version() AS protobuf, current_setting('jit', true) AS jit,
              current_setting('max_parallel_workers_per_gather', true) AS workers`)
      .then(({ rows }) => ({
        encoder: this.forcedEncoder ?? (rows[0]?.protobuf ? 'postgis' as const : 'portable' as const),
        tune: rows[0]?.jit === 'on' || Number(rows[0]?.workers ?? 0) > 0,
      }))
      .catch((err) => { this.caps = null; throw err; });
    return this.caps;
  }

  async encoder(): Promise<MvtEncoder> {
    return (await this.capabilities()).encoder;
  }

  /**
   * Runs a tile statement (without JIT and parallel workers where they are on, see capabilities). The settings
   * must not cost round trips (a small tile renders in ~2 ms): the statement goes as one simple-protocol message
   * `SET LOCAL …; SET LOCAL …; SELECT …`, whose statements share an implicit transaction, so the settings end with
   * it and an error rolls all of it back. The simple protocol has no parameters: the values are inlined as
   * literals (numbers computed here, district names escaped by pg).
   */
  private async run<R extends object>(text: string, values: unknown[]): Promise<R[]> {
    const pool = this.deps.db.pool;
    if (!(await this.capabilities()).tune) return (await pool.query<R>(text, values)).rows;
    const sql = `${TILE_SESSION_SETTINGS.map((x) => `SET LOCAL ${x}`).join('; ')}; ${inlineParams(text, values)}`;
    const results = (await pool.query(sql)) as unknown as pg.QueryResult<R>[];
    return results[results.length - 1].rows;
  }

  /** `layerId` is a tiled collection or `all` (every tiled collection in one tile); `scope` a user's districts. */
  async render(layerId: string, z: number, x: number, y: number, scope: string[] | null): Promise<RenderedTile> {
    const scopeKey = scope?.length ? [...scope].sort().join(',') : '*';
    const key = TileCache.key(layerId, scopeKey, z, x, y);
    const live = changeFeed(this.deps).live;
    if (live) {
      const hit = this.cache.get(key);
      if (hit) return { tile: hit, cache: 'hit' };
      const running = this.inflight.get(key);
      if (running && !this.cache.changedSince(running.startedAt, layerId, z, x, y)) {
        return { tile: await running.promise, cache: 'miss' };
      }
    }
    const startedAt = this.cache.sequence;
    const promise = this.renderFromDatabase(layerId, z, x, y, scope?.length ? scope : null);
    const flight: InFlight = { promise, startedAt };
    this.inflight.set(key, flight);
    try {
      const tile = await promise;
      if (live && changeFeed(this.deps).live) this.cache.set(key, layerId, z, x, y, tile, startedAt);
      return { tile, cache: live ? 'miss' : 'bypass' };
    } finally {
      if (this.inflight.get(key) === flight) this.inflight.delete(key);
    }
  }

  /** The statement and parameters for a tile, exactly as the endpoint runs them (the benchmark's raw baseline). */
  async statement(layerId: string, z: number, x: number, y: number, scope: string[] | null = null):
    Promise<{ text: string; values: unknown[]; encoder: MvtEncoder; layers: TileLayer[] }> {
    const [byId, encoder] = await Promise.all([this.layerMap(), this.encoder()]);
    const layers = layerId === COMPOSITE_LAYER ? [...byId.values()] : [byId.get(layerId)!];
    const withScope = scope !== null;
    const sqlKey = `${layerId}|${withScope}|${encoder}`;
    let text = this.sql.get(sqlKey);
    if (!text) {
      text = tileSql(layers, { withScope, encoder });
      this.sql.set(sqlKey, text);
    }
    const [xmin, ymin, xmax, ymax] = bufferedTileBBox4326(z, x, y);
    // degrees of latitude per MVT unit at the tile's centre (the smaller of the two axes' units)
    const latUnitDeg = mvtUnit(z).lonDeg * Math.cos((tileYToLat(y + 0.5, z) * Math.PI) / 180);
    const tileM = MERCATOR_WORLD_M / 2 ** z;
    const params: TileParams = {
      env_xmin: xmin, env_ymin: ymin, env_xmax: xmax, env_ymax: ymax, z, x, y, scope,
      t_xmin: -MERCATOR_WORLD_M / 2 + x * tileM, t_ymax: MERCATOR_WORLD_M / 2 - y * tileM, t_scale: EXTENT / tileM,
      min: MIN_POLYGON_UNITS * latUnitDeg,
    };
    return { ...compile(text, params), encoder, layers };
  }

  /** Data extent of a layer (EPSG:4326), null when it is empty; cached until the layer changes. */
  async extent(layerId: string): Promise<BBox | null> {
    if (this.extents.has(layerId)) return this.extents.get(layerId)!;
    const { rows } = await this.deps.db.pool.query<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
      `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
         FROM (SELECT ST_Extent(geom) AS e FROM ${layerId}) s`);
    const r = rows[0];
    const bbox: BBox | null = r && r.xmin !== null ? [r.xmin, r.ymin, r.xmax, r.ymax] : null;
    if (changeFeed(this.deps).live) this.extents.set(layerId, bbox);
    return bbox;
  }

  private async renderFromDatabase(layerId: string, z: number, x: number, y: number, scope: string[] | null): Promise<CachedTile> {
    const q = await this.statement(layerId, z, x, y, scope);
    const bytes = q.encoder === 'postgis'
      ? (await this.run<{ mvt: Buffer | null }>(q.text, q.values))[0]?.mvt ?? Buffer.alloc(0)
      : await this.encodePortable(q.text, q.values, q.layers);
    return { bytes, etag: bytes.length ? `"${createHash('sha1').update(bytes).digest('base64url')}"` : null };
  }

  private async encodePortable(text: string, values: unknown[], layers: TileLayer[]): Promise<Buffer> {
    const rows = await this.run<{ layer: string; mvt_fid: number; props: PropValue[]; wkb: Buffer }>(text, values);
    const byLayer = new Map(layers.map((l) => [l.id, { name: l.id, keys: l.fields.map((f) => f.name),
      features: [] as { id: number; props: PropValue[]; wkb: Uint8Array }[] }]));
    for (const r of rows) byLayer.get(r.layer)?.features.push({ id: r.mvt_fid, props: r.props, wkb: r.wkb });
    return encodeMvt([...byLayer.values()]);
  }

  private onChanges(notices: ChangeNotice[]): void {
    this.cache.invalidate(notices.map((n) => ({
      collection: n.collection,
      bboxes: n.op === 'truncate' ? 'all' : [n.old, n.new].filter((b): b is BBox => b !== null),
    })));
    for (const n of notices) this.extents.delete(n.collection);
  }
}

/** `$n` placeholders → SQL literals: finite numbers, text arrays (escaped) or NULL. */
export function inlineParams(text: string, values: unknown[]): string {
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`tile parameter is not a finite number: ${v}`);
      return `(${String(v)})`;
    }
    if (Array.isArray(v)) return `ARRAY[${v.map((s) => pg.escapeLiteral(String(s))).join(', ')}]::text[]`;
    return pg.escapeLiteral(String(v));
  };
  return text.replace(/\$(\d+)/g, (_m, n: string) => literal(values[Number(n) - 1]));
}

const services = new WeakMap<AppDeps, TileService>();

/** The tile service of a running app (created on first use, subscribed to its change feed). */
export function tileService(deps: AppDeps): TileService {
  let s = services.get(deps);
  if (!s) services.set(deps, (s = new TileService(deps)));
  return s;
}
