import pg from 'pg';
import type { AppDeps } from '../context.ts';
import type { BBox } from '../tiles/tile-math.ts';
import { CHANGE_CHANNEL, changeFeed, parseChangePayload, type ChangeNotice } from './feed.ts';

/**
 * Listens on `atlas_changes` and turns row changes into (1) immediate invalidation of derived state through the
 * ChangeFeed and (2) `change` events on the EventBus (→ SSE /api/stream), batched per collection every
 * EVENT_BATCH_MS so a bulk import does not flood clients.
 *
 * Real PostgreSQL: a dedicated connection (not from the pool) holds LISTEN and reconnects with backoff; after any
 * reconnect the feed resyncs, because notifications sent while disconnected are lost.
 * Embedded PGlite: the Database's `listen` (see changes/pglite-notify.ts).
 */

export interface ChangeListener { stop(): Promise<void> }

const EVENT_BATCH_MS = 50;
/** A `change` event names at most this many ids; past that it carries only the collection and bbox. */
const MAX_EVENT_IDS = 500;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

export async function startChangeListener(deps: AppDeps, log: (msg: string) => void = () => {}): Promise<ChangeListener> {
  const feed = changeFeed(deps);
  const pending = new Map<string, { ids: Set<number>; bbox: BBox | null; manyIds: boolean }>();
  let flushTimer: NodeJS.Timeout | null = null;

  const flush = () => {
    flushTimer = null;
    for (const [collection, p] of pending) {
      deps.events.publish({ type: 'change', data: {
        collection,
        ...(p.manyIds ? {} : { ids: [...p.ids].sort((a, b) => a - b) }),
        ...(p.bbox ? { bbox: p.bbox } : {}),
      } });
    }
    pending.clear();
  };

  const onPayload = (payload: string) => {
    const notice = parseChangePayload(payload);
    if (!notice) return;
    feed.dispatch([notice]);
    collect(pending, notice);
    flushTimer ??= setTimeout(flush, EVENT_BATCH_MS);
  };

  let stopInner: () => Promise<void>;
  if (deps.db.listen) {
    const unlisten = await deps.db.listen(CHANGE_CHANNEL, onPayload);
    feed.setLive(true);
    stopInner = unlisten;
  } else {
    stopInner = await listenWithDedicatedClient(deps.db.url, onPayload, (live) => feed.setLive(live), log);
  }
  return {
    stop: async () => {
      feed.setLive(false);
      if (flushTimer) { clearTimeout(flushTimer); flush(); }
      await stopInner();
    },
  };
}

function collect(pending: Map<string, { ids: Set<number>; bbox: BBox | null; manyIds: boolean }>, n: ChangeNotice): void {
  let p = pending.get(n.collection);
  if (!p) pending.set(n.collection, (p = { ids: new Set(), bbox: null, manyIds: false }));
  if (n.id === null) p.manyIds = true;
  else if (!p.manyIds) {
    p.ids.add(n.id);
    if (p.ids.size > MAX_EVENT_IDS) { p.manyIds = true; p.ids.clear(); }
  }
  for (const b of [n.old, n.new]) {
    if (b) p.bbox = p.bbox ? [Math.min(p.bbox[0], b[0]), Math.min(p.bbox[1], b[1]), Math.max(p.bbox[2], b[2]), Math.max(p.bbox[3], b[3])] : [...b];
  }
}

/** LISTEN on a connection of its own; reconnects until stopped. Resolves once the first LISTEN is in place. */
async function listenWithDedicatedClient(url: string, onPayload: (payload: string) => void, setLive: (live: boolean) => void,
                                         log: (msg: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'safety-atlas change listener', keepAlive: true });
    c.on('notification', (n) => { if (n.channel === CHANGE_CHANNEL && n.payload !== undefined) onPayload(n.payload); });
    c.on('error', () => {}); // followed by 'end'
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      setLive(false);
      if (!stopped) { log(`change listener: connection lost, reconnecting in ${retryMs} ms`); schedule(); }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) { await c.end().catch(() => {}); return; }
    client = c;
    retryMs = RECONNECT_MIN_MS;
    setLive(true);
  };

  const schedule = () => {
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch((err) => {
        if (stopped) return;
        log(`change listener: ${(err as Error).message}; retrying in ${retryMs} ms`);
        retryMs = Math.min(RECONNECT_MAX_MS, retryMs * 2);
        schedule();
      });
    }, retryMs);
  };

  try {
    await connect();
  } catch (err) {
    // the pool works (startup checked it), so this is transient: keep trying; tiles are not cached meanwhile
    log(`change listener: ${(err as Error).message}; retrying in ${retryMs} ms`);
    schedule();
  }
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const c = client;
    client = null;
    if (c) await c.end().catch(() => {});
  };
}
