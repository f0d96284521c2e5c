import type { BBox } from '../tiles/tile-math.ts';

/**
 * The change feed: row changes of the collection tables, as sent by the triggers of migration
 * 004_change_notify.sql on channel `atlas_changes`, fanned out in-process to whoever keeps derived state (the tile
 * cache) before they are announced to clients as `change` events on the EventBus.
 */

export const CHANGE_CHANNEL = 'atlas_changes';

export type ChangeOp = 'insert' | 'update' | 'delete' | 'truncate';

export interface ChangeNotice {
  collection: string;
  /** row id; null for truncate */
  id: number | null;
  op: ChangeOp;
  /** bbox of the geometry before / after the change (EPSG:4326); null when absent or the table has no geometry */
  old: BBox | null;
  new: BBox | null;
}

const OPS = new Set<ChangeOp>(['insert', 'update', 'delete', 'truncate']);

function toBBox(v: unknown): BBox | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return v as BBox;
}

/** Parses one NOTIFY payload; null when it is not one of ours. */
export function parseChangePayload(payload: string): ChangeNotice | null {
  let v: Record<string, unknown>;
  try { v = JSON.parse(payload); } catch { return null; }
  if (!v || typeof v !== 'object' || typeof v.collection !== 'string' || !OPS.has(v.op as ChangeOp)) return null;
  return {
    collection: v.collection, op: v.op as ChangeOp,
    id: typeof v.id === 'number' ? v.id : null,
    old: toBBox(v.old), new: toBBox(v.new),
  };
}

export interface ChangeSubscriber {
  /** rows changed (called as soon as the notification arrives, before clients hear of it) */
  onChanges(notices: ChangeNotice[]): void;
  /**
   * The feed (re)connected: anything may have changed while it was not listening. `live` says whether changes
   * are being delivered now; derived state must not be kept while it is false.
   */
  onResync(live: boolean): void;
}

/** One feed per running app (keyed by its dependencies object), so tests and benchmarks can run several apps. */
export class ChangeFeed {
  private subscribers = new Set<ChangeSubscriber>();
  private _live = false;

  get live(): boolean { return this._live; }

  subscribe(s: ChangeSubscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  dispatch(notices: ChangeNotice[]): void {
    for (const s of this.subscribers) s.onChanges(notices);
  }

  setLive(live: boolean): void {
    this._live = live;
    for (const s of this.subscribers) s.onResync(live);
  }
}

const feeds = new WeakMap<object, ChangeFeed>();

export function changeFeed(owner: object): ChangeFeed {
  let f = feeds.get(owner);
  if (!f) feeds.set(owner, (f = new ChangeFeed()));
  return f;
}
