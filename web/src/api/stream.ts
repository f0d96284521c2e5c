/**
 * The live feed of the API: Server-Sent Events on `GET /api/stream` (architecture.md §4). The server sends
 * `hello` on every (re)connection, `change` {collection, ids?, bbox?} after rows of a collection were written
 * (by the API, psql or an importer: a database trigger announces them), `position` and `alert` for tracking,
 * and `ping` to keep proxies from closing the connection.
 *
 * The stream is a read like any other: when reads need a token (PUBLIC_READ=false) it goes in `?access_token=`,
 * because EventSource cannot send an Authorization header.
 */

import { getToken } from './client.ts';

/** After the server refused the stream (e.g. 401 before sign-in), try again this much later with the current token. */
const RETRY_REFUSED_MS = 3000;

/** `change` event: rows of `collection` were inserted, updated or deleted. */
export interface ChangeEvent {
  collection: string;
  /** changed row ids; absent when a bulk change named too many (or a truncate) */
  ids?: number[];
  /** bbox (EPSG:4326) of the changed geometries before and after the change */
  bbox?: [number, number, number, number];
}

export interface StreamHandlers {
  change?(event: ChangeEvent): void;
  position?(data: unknown): void;
  alert?(data: unknown): void;
  /**
   * The connection came back after a drop: events sent meanwhile are lost, so whatever the client derived from
   * them must be reloaded. Not called for the first connection.
   */
  resync?(): void;
  /** connection state, for a status indicator */
  status?(connected: boolean): void;
}

export interface StreamOptions {
  /** where the API is (default: this page's origin) */
  origin?: string;
  /** EventSource implementation (tests) */
  eventSource?: typeof EventSource;
  /** the bearer token to send (default: the signed-in user's) */
  token?: () => string | null;
}

/** Parses a `change` event's data; null when it is not a change of a collection. */
export function parseChange(data: string): ChangeEvent | null {
  let v: unknown;
  try { v = JSON.parse(data); } catch { return null; }
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.collection !== 'string' || !o.collection) return null;
  const ids = Array.isArray(o.ids) && o.ids.every((i) => typeof i === 'number') ? (o.ids as number[]) : undefined;
  const bbox = Array.isArray(o.bbox) && o.bbox.length === 4 && o.bbox.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? (o.bbox as [number, number, number, number]) : undefined;
  return { collection: o.collection, ...(ids ? { ids } : {}), ...(bbox ? { bbox } : {}) };
}

/**
 * Subscribes to `/api/stream`; returns the unsubscribe function. EventSource reconnects by itself after a drop
 * (the server's `hello` then tells us, and `resync` runs).
 */
export function subscribeStream(handlers: StreamHandlers, options: StreamOptions = {}): () => void {
  const Source = options.eventSource ?? globalThis.EventSource;
  if (!Source) return () => {};
  const origin = options.origin ?? window.location.origin;
  const token = options.token ?? getToken;
  let hellos = 0;
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const connect = () => {
    const t = token();
    source = new Source(`${origin}/api/stream${t ? `?access_token=${encodeURIComponent(t)}` : ''}`);
    source.addEventListener('hello', () => {
      hellos++;
      handlers.status?.(true);
      if (hellos > 1) handlers.resync?.();
    });
    source.addEventListener('change', (e) => {
      const change = parseChange((e as MessageEvent<string>).data);
      if (change) handlers.change?.(change);
    });
    source.addEventListener('position', (e) => handlers.position?.(safeJson((e as MessageEvent<string>).data)));
    source.addEventListener('alert', (e) => handlers.alert?.(safeJson((e as MessageEvent<string>).data)));
    source.addEventListener('error', () => {
      handlers.status?.(false);
      // a network drop is retried by EventSource itself; a refused request (401, 5xx) closes it for good
      if (source && source.readyState === 2 /* CLOSED */ && !closed) {
        source.close();
        hellos = Math.max(hellos, 1); // the next hello is a reconnection: reload what was missed
        retry = setTimeout(connect, RETRY_REFUSED_MS);
      }
    });
  };
  connect();
  return () => { closed = true; clearTimeout(retry); source?.close(); };
}

function safeJson(data: string): unknown {
  try { return JSON.parse(data); } catch { return undefined; }
}
