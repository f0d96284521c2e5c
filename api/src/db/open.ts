import pg from 'pg';
import { listenEmbedded } from '../changes/pglite-notify.ts';

// int8 (count(*), bigserial ids) as JS numbers: our counts and ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  pool: pg.Pool;
  kind: DatabaseKind;
  /** postgres:// URL other processes (psql, tests) can use to reach the same database */
  url: string;
  close(): Promise<void>;
  /**
   * LISTEN on `channel` from inside this process; resolves to an unlisten function. Only the embedded database
   * has it (pglite-socket cannot deliver notifications to a separate connection: see changes/pglite-notify.ts);
   * on PostgreSQL, LISTEN on a dedicated connection to `url`.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

/** A startup problem with a one-line explanation and what to do about it. */
export class StartupError extends Error {}

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; undefined means in-memory */
  dataDir?: string;
  log?: (msg: string) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openEmbedded(opts.dataDir, opts.log ?? (() => {}));
}

async function openPostgres(url: string): Promise<Database> {
  // JIT compilation costs 0.3–1.3 s on our short spatial statements (measured in scripts/bench/tiles.ts and
  // analysis.ts) and never pays off at this size: off for the whole pool.
  const pool = new pg.Pool({ connectionString: url, max: 8, options: '-c jit=off' });
  pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing the process
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StartupError(`cannot reach the database at ${redact(url)}: ${(err as Error).message}. ` +
      'Check DATABASE_URL and that PostgreSQL is running, or unset DATABASE_URL to use the embedded database.');
  }
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new StartupError(`PostGIS is missing in ${redact(url)} (${(err as Error).message}). ` +
      'Install it (Debian: apt-get install postgresql-15-postgis-3) or run CREATE EXTENSION postgis as a superuser.');
  }
  // pgRouting is optional: routing falls back to a TypeScript graph search without it.
  await pool.query('CREATE EXTENSION IF NOT EXISTS pgrouting').catch(() => {});
  return { pool, kind: 'postgres', url, close: () => pool.end() };
}

async function openEmbedded(dataDir: string | undefined, log: (msg: string) => void): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  if (dataDir) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  log(dataDir ? `opening embedded PGlite + PostGIS in ${dataDir}` : 'opening in-memory PGlite + PostGIS');
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create({ dataDir, extensions: { postgis } });
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (err) {
    throw new StartupError(`the embedded database in ${dataDir ?? 'memory'} cannot be opened ` +
      `(${(err as Error).message || String(err)}): it is corrupt or from another version. ` +
      `Stop the server, delete ${dataDir} and run scripts/start again to recreate the sample city.`);
  }
  // PGlite is a single session. pglite-socket queues every message and, while a transaction is open, serves only the
  // connection that opened it; still, the API's own pool keeps ONE connection so its extended-protocol messages never
  // interleave with each other. Extra sockets are for other clients (tests, psql) that connect beside the server.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  const port = Number(conn.split(':').pop());
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max: 1 });
  pool.on('error', () => {});
  return {
    pool, kind: 'pglite', url,
    listen: (channel, onPayload) => listenEmbedded(db, channel, onPayload),
    close: async () => { await pool.end().catch(() => {}); await server.stop().catch(() => {}); await db.close().catch(() => {}); },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@');
}
