// Starts the real SafetyAtlas API (which also serves the built web client at `/`) for end-to-end tests.
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** `pnpm --filter @safety-atlas/web build` → web/dist, which the API serves at `/`. */
export function buildWebClient() {
  execFileSync('pnpm', ['--filter', '@safety-atlas/web', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Spawns `node --import tsx api/src/server.ts` on a free loopback port, with the embedded in-memory PGlite
 * (or the PostgreSQL named by DATABASE_URL), JT/T 808 ingest off and public reads on. Resolves once
 * `/api/health` answers. `ATLAS_URL` skips all this and uses a server that is already running.
 *
 * `withDatabase: true` starts it through lib/serve.mjs instead, which also prints the database URL: the result's
 * `databaseUrl` lets a test write rows beside the server (for the embedded PGlite, its pglite-socket; with
 * ATLAS_URL, DATABASE_URL must name the server's database, else `databaseUrl` is undefined).
 */
export async function startServer({ timeoutMs = 180_000, withDatabase = false } = {}) {
  if (process.env.ATLAS_URL) {
    return { url: process.env.ATLAS_URL.replace(/\/$/, ''), databaseUrl: process.env.DATABASE_URL, stop: async () => {}, log: () => '' };
  }
  const env = {
    ...process.env, HOST: '127.0.0.1', PORT: '0', JT808_PORT: '0', PGLITE_DIR: 'memory', PUBLIC_READ: 'true',
  };
  const entry = withDatabase ? 'tests/e2e/lib/serve.mjs' : 'api/src/server.ts';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = /is running: (http:\/\/[^\s/]+)\//.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`API exited (${code ?? signal}) before listening:\n${output}`)); });
  });
  const health = await fetch(`${url}/api/health`);
  if (!health.ok) throw new Error(`/api/health answered ${health.status}`);
  const databaseUrl = /\[safety-atlas\] database: (\S+)/.exec(output)?.[1];
  if (withDatabase && !databaseUrl) throw new Error(`the server did not name its database:\n${output}`);
  return {
    url,
    databaseUrl,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
