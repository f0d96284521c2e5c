import type { TestProject } from 'vitest/node';
import { loadSettings } from '../src/config.ts';
import { prepare, listen } from '../src/bootstrap.ts';

/**
 * One database and one API server for every test file: PGlite + PostGIS takes ~11 s to start, so it is started
 * once here (in memory), or the real PostgreSQL named by DATABASE_URL is used. Tests talk to the server over HTTP.
 */
export default async function setup(project: TestProject) {
  const settings = { ...loadSettings({ ...process.env, PGLITE_DIR: 'memory' }), host: '127.0.0.1', port: 0, jt808Port: 0, publicRead: true };
  const deps = await prepare(settings, (m) => { if (process.env.DEBUG) console.log(m); });
  const running = await listen(deps);
  project.provide('apiUrl', running.url);
  project.provide('databaseUrl', deps.db.url);
  project.provide('databaseKind', deps.db.kind);
  return async () => { await running.close(); };
}

declare module 'vitest' {
  export interface ProvidedContext { apiUrl: string; databaseUrl: string; databaseKind: 'pglite' | 'postgres' }
}
