import { MAX_ZOOM, rangeContains, rangeSize, tileRangeForBBox, type BBox, type TileRange } from './tile-math.ts';

/**
 * In-process LRU of rendered tiles, bounded by bytes, with exact invalidation: a changed row's old and new bboxes
 * drop the tiles (of its layer and of the composite `all` layer) whose buffered square they touch, at every zoom.
 *
 * Renders race with changes: a render that read the database before a change committed must not be cached after
 * that change's invalidation has run. Every invalidation gets a sequence number and is remembered for a while; a
 * render records the sequence it started at and is stored only when no later invalidation touches its tile.
 */

export interface CachedTile {
  /** MVT bytes; empty for an empty tile (served as 204) */
  bytes: Buffer;
  etag: string | null;
}

/** One row change as far as tiles care: which layer, and where it was / is. */
export interface TileChange {
  collection: string;
  /** bboxes of the old and new geometry (EPSG:4326); none means "anywhere" (truncate, reconnect) */
  bboxes: BBox[] | 'all';
}

interface Entry {
  key: string;
  layer: string;
  z: number; x: number; y: number;
  tile: CachedTile;
  cost: number;
}

interface Invalidation { seq: number; collection: string; ranges: TileRange[] | 'all' }

const ENTRY_OVERHEAD_BYTES = 160;
const REMEMBERED_INVALIDATIONS = 4096;
export const COMPOSITE_LAYER = 'all';
/** collection of an invalidation that concerns every layer (clear) */
const ANY_COLLECTION = '*';

export interface TileCacheStats { entries: number; bytes: number; maxBytes: number; hits: number; misses: number; invalidated: number }

export class TileCache {
  private entries = new Map<string, Entry>(); // insertion order = LRU order (oldest first)
  private byZoom: Set<Entry>[] = Array.from({ length: MAX_ZOOM + 1 }, () => new Set());
  private byTile = new Map<string, Set<Entry>>(); // "z/x/y" → entries of every layer and scope
  private bytes = 0;
  private seq = 0;
  private recent: Invalidation[] = [];
  private hits = 0;
  private misses = 0;
  private invalidated = 0;

  constructor(readonly maxBytes: number) {}

  static key(layer: string, scope: string, z: number, x: number, y: number): string {
    return `${layer}|${scope}|${z}/${x}/${y}`;
  }

  get(key: string): CachedTile | undefined {
    const e = this.entries.get(key);
    if (!e) { this.misses++; return undefined; }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.tile;
  }

  /** The sequence a render starts at: pass it back to `set`. */
  get sequence(): number { return this.seq; }

  /** Stores a render unless a change that touches it was invalidated since `startedAt`. Returns whether it was stored. */
  set(key: string, layer: string, z: number, x: number, y: number, tile: CachedTile, startedAt: number): boolean {
    if (this.changedSince(startedAt, layer, z, x, y)) return false;
    const cost = tile.bytes.length + key.length + ENTRY_OVERHEAD_BYTES;
    if (cost > this.maxBytes) return false;
    this.remove(key);
    const e: Entry = { key, layer, z, x, y, tile, cost };
    this.entries.set(key, e);
    this.byZoom[z].add(e);
    const tk = `${z}/${x}/${y}`;
    let atTile = this.byTile.get(tk);
    if (!atTile) this.byTile.set(tk, (atTile = new Set()));
    atTile.add(e);
    this.bytes += cost;
    for (const [k] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(k);
    }
    return true;
  }

  /** True when an invalidation after `startedAt` touches this tile (or when too many happened to tell). */
  changedSince(startedAt: number, layer: string, z: number, x: number, y: number): boolean {
    if (this.seq === startedAt) return false;
    const oldest = this.recent[0]?.seq ?? this.seq + 1;
    if (oldest > startedAt + 1) return true; // forgotten invalidations: assume the worst
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i].seq > startedAt; i--) {
      if (touches(this.recent[i], layer, z, x, y)) return true;
    }
    return false;
  }

  /** Drops every cached tile the changes touch; returns how many were dropped. */
  invalidate(changes: TileChange[]): number {
    let dropped = 0;
    for (const change of changes) {
      const ranges: TileRange[] | 'all' = change.bboxes === 'all' ? 'all' : [];
      if (ranges !== 'all') {
        for (let z = 0; z <= MAX_ZOOM; z++) for (const b of change.bboxes as BBox[]) ranges.push(tileRangeForBBox(b, z));
      }
      const inv: Invalidation = { seq: ++this.seq, collection: change.collection, ranges };
      this.recent.push(inv);
      // trimmed in chunks: a bulk import sends one invalidation per row
      if (this.recent.length > 2 * REMEMBERED_INVALIDATIONS) this.recent.splice(0, this.recent.length - REMEMBERED_INVALIDATIONS);
      dropped += this.dropTouched(inv);
    }
    this.invalidated += dropped;
    return dropped;
  }

  /** Drops everything (e.g. after the change feed reconnected and may have missed notifications). */
  clear(): void {
    this.seq++;
    this.recent.push({ seq: this.seq, collection: ANY_COLLECTION, ranges: 'all' });
    this.entries.clear();
    this.byTile.clear();
    for (const s of this.byZoom) s.clear();
    this.bytes = 0;
  }

  stats(): TileCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses,
      invalidated: this.invalidated };
  }

  private dropTouched(inv: Invalidation): number {
    let dropped = 0;
    if (inv.ranges === 'all') {
      for (const e of [...this.entries.values()]) {
        if (touches(inv, e.layer, e.z, e.x, e.y)) { this.remove(e.key); dropped++; }
      }
      return dropped;
    }
    for (const r of inv.ranges) {
      const atZoom = this.byZoom[r.z];
      if (!atZoom.size) continue;
      // walk whichever is smaller: the tile range or the cached tiles of that zoom
      const hit = (e: Entry) => e.layer === inv.collection || e.layer === COMPOSITE_LAYER;
      if (rangeSize(r) < atZoom.size) {
        for (let x = r.minX; x <= r.maxX; x++) {
          for (let y = r.minY; y <= r.maxY; y++) {
            const atTile = this.byTile.get(`${r.z}/${x}/${y}`);
            if (atTile) for (const e of [...atTile]) if (hit(e)) { this.remove(e.key); dropped++; }
          }
        }
      } else {
        for (const e of [...atZoom]) if (hit(e) && rangeContains(r, e.x, e.y)) { this.remove(e.key); dropped++; }
      }
    }
    return dropped;
  }

  private remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.byZoom[e.z].delete(e);
    const tk = `${e.z}/${e.x}/${e.y}`;
    const atTile = this.byTile.get(tk);
    atTile?.delete(e);
    if (atTile && !atTile.size) this.byTile.delete(tk);
    this.bytes -= e.cost;
  }
}

function touches(inv: Invalidation, layer: string, z: number, x: number, y: number): boolean {
  if (inv.collection !== ANY_COLLECTION && layer !== inv.collection && layer !== COMPOSITE_LAYER) return false;
  if (inv.ranges === 'all') return true;
  return inv.ranges.some((r) => r.z === z && rangeContains(r, x, y));
}
