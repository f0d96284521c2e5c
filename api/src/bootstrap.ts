import { serve, type ServerType } from '@hono/node-server';
import { migrate, seedSampleCity, isSeeded } from '@safety-atlas/geodata';
import { openDatabase, StartupError, type Database } from './db/open.ts';
import { isLoopback, type Settings } from './config.ts';
import { ensureDemoUsers, hasDemoPasswords } from './auth/users.ts';
import { createApp } from './app.ts';
import { EventBus } from './events.ts';
import { startChangeListener } from './changes/listener.ts';
import { recomputeStaleHazardSources } from './hazards/recompute.ts';
import { watchExposure } from './hazards/exposureWatcher.ts';
import type { AppDeps } from './context.ts';

export interface Running {
  deps: AppDeps;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds the sample city when empty, then prepares the app's dependencies. */
export async function prepare(settings: Settings, log: (msg: string) => void = () => {}): Promise<AppDeps> {
  const t0 = Date.now();
  const db = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, log });
  try {
    log(`database ready (${db.kind}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await migrate(db.pool, log);
    if (!(await isSeeded(db.pool))) {
      log('loading the sample city (first start)…');
      const t1 = Date.now();
      await seedSampleCity(db.pool, log);
      log(`sample city loaded in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    await recomputeStaleHazardSources(db.pool, log); // GB 18218 grades of sources never computed (fresh seed)
    const { rows: userRows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (db.kind === 'pglite' || userRows[0].n === 0) await ensureDemoUsers(db.pool);
    if (!isLoopback(settings.host) && (await hasDemoPasswords(db.pool))) {
      throw new StartupError(`refusing to listen on ${settings.host} with demo passwords: change every user's password ` +
        'or bind HOST to 127.0.0.1.');
    }
    const { rows } = await db.pool.query<{ v: string }>('SELECT postgis_lib_version() AS v');
    return { db, settings, events: new EventBus(), postgisVersion: rows[0].v };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Serves the app over HTTP on settings.host:settings.port (port 0 picks a free one). */
export async function listen(deps: AppDeps): Promise<Running> {
  const app = createApp(deps);
  const { host, port } = deps.settings;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new StartupError(`port ${port} on ${host} is already in use: stop the other server or start with PORT=<free port>.`)
        : err);
    });
  });
  const changes = await startChangeListener(deps); // row changes → tile cache invalidation + SSE `change` events
  const stopExposure = watchExposure(deps); // population changes → GB 18218 regrade of the sources nearby
  const addr = server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    deps, url, port: actualPort,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); (server as { closeAllConnections?: () => void }).closeAllConnections?.(); });
      stopExposure();
      await changes.stop();
      await deps.db.close();
    },
  };
}

export type { Database };
