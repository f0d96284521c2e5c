/**
 * LISTEN/NOTIFY for the embedded database.
 *
 * The API reaches PGlite through pglite-socket, which streams the backend's raw protocol output to whichever socket
 * client sent the statement. PGlite is a single backend session, so a NotificationResponse produced by a commit
 * from any client (the API's pool, a test's pg client, psql) is written into *that* client's stream: a separate
 * `pg` client that ran LISTEN never sees it, and PGlite's own `listen()` callbacks only see statements run through
 * PGlite's JS API (checked against PGlite 0.5.8 + pglite-socket 0.2.11: with maxConnections 1 a second client
 * cannot even connect; with several, only the writing client received the notification).
 *
 * So the embedded listener taps the backend's output stream: it wraps `execProtocolRawStream` (the call the socket
 * server makes for every client message) and picks NotificationResponse ('A') messages out of the bytes as they
 * pass, without buffering anything else. PGlite's own `listen()` issues the LISTEN and covers the JS-API path.
 */

type Callback = (payload: string) => void;

/** The part of a PGlite instance this module uses (structural, so it does not depend on PGlite's class types). */
export interface PGliteNotifySource {
  execProtocolRawStream(message: Uint8Array, options?: { syncToFs?: boolean; onRawData: (data: Uint8Array) => void }): Promise<void>;
  listen(channel: string, callback: (payload: string) => void): Promise<(...args: never[]) => Promise<void>>;
}

const NOTIFICATION_RESPONSE = 0x41; // 'A'
const MAX_MESSAGE_BYTES = 1 << 30;

/**
 * Incremental scanner over a PostgreSQL backend→frontend message stream (type byte, int32 length, body). Bodies
 * of other messages are skipped as they stream by; NotificationResponse bodies (int32 pid, channel\0, payload\0)
 * are collected and reported.
 */
export class NotificationScanner {
  private header = Buffer.alloc(5);
  private headerLen = 0;
  private remaining = 0;
  private body: Buffer[] | null = null;

  constructor(private onNotification: (channel: string, payload: string) => void) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.headerLen < 5) {
        const n = Math.min(5 - this.headerLen, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.headerLen);
        this.headerLen += n;
        i += n;
        if (this.headerLen < 5) break;
        const length = this.header.readInt32BE(1);
        if (length < 4 || length > MAX_MESSAGE_BYTES) { this.headerLen = 0; return; } // not a protocol stream: drop the chunk
        this.remaining = length - 4;
        this.body = this.header[0] === NOTIFICATION_RESPONSE ? [] : null;
        if (this.remaining === 0) this.finish();
        continue;
      }
      const n = Math.min(this.remaining, chunk.length - i);
      if (this.body) this.body.push(Buffer.from(chunk.subarray(i, i + n)));
      this.remaining -= n;
      i += n;
      if (this.remaining === 0) this.finish();
    }
  }

  private finish(): void {
    const body = this.body ? Buffer.concat(this.body) : null;
    this.headerLen = 0;
    this.body = null;
    if (!body || body.length < 6) return;
    const channelEnd = body.indexOf(0, 4);
    const payloadEnd = channelEnd < 0 ? -1 : body.indexOf(0, channelEnd + 1);
    if (payloadEnd < 0) return;
    this.onNotification(body.toString('utf8', 4, channelEnd), body.toString('utf8', channelEnd + 1, payloadEnd));
  }
}

const taps = new WeakMap<object, Map<string, Set<Callback>>>();

function installTap(db: PGliteNotifySource): Map<string, Set<Callback>> {
  let channels = taps.get(db);
  if (channels) return channels;
  const subscribers = (channels = new Map<string, Set<Callback>>());
  taps.set(db, subscribers);
  // One scanner for the whole backend stream: a message may be flushed across two calls (extended protocol).
  const scanner = new NotificationScanner((channel, payload) => {
    for (const cb of subscribers.get(channel) ?? []) queueMicrotask(() => cb(payload));
  });
  const raw = db.execProtocolRawStream.bind(db);
  db.execProtocolRawStream = (message, options) => raw(message, {
    ...options,
    onRawData: (data: Uint8Array) => { scanner.push(data); options?.onRawData(data); },
  });
  return subscribers;
}

/** LISTEN on `channel` of an embedded PGlite; `callback` gets every payload committed by any client. */
export async function listenEmbedded(db: PGliteNotifySource, channel: string, callback: Callback): Promise<() => Promise<void>> {
  const subscribers = installTap(db);
  if (!subscribers.has(channel)) subscribers.set(channel, new Set());
  subscribers.get(channel)!.add(callback);
  const unlisten = await db.listen(channel, callback);
  return async () => {
    subscribers.get(channel)?.delete(callback);
    await unlisten();
  };
}
