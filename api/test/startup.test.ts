import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

const serverTs = path.resolve(__dirname, '../src/server.ts');

/** Runs the real server entry point and returns its exit code and output. */
function runServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverTs], {
      env: { ...process.env, DATABASE_URL: undefined, JT808_PORT: '0', ...env } as NodeJS.ProcessEnv,
      cwd: path.resolve(__dirname, '..'),
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

const lastLine = (out: string) => out.trim().split('\n').filter((l) => l.includes('cannot start')).pop() ?? out;

describe('startup errors are one clear line', () => {
  it('database unreachable', async () => {
    const { code, out } = await runServer({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none', PORT: '0' });
    expect(code).toBe(1);
    expect(lastLine(out)).toMatch(/cannot reach the database at postgresql:\/\/postgres@127\.0\.0\.1:1\/none.*unset DATABASE_URL/);
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, out } = await runServer({ DATABASE_URL: inject('databaseKind') === 'postgres' ? inject('databaseUrl') : undefined,
        PGLITE_DIR: 'memory', PORT: String(port) }, 120_000);
      expect(code).toBe(1);
      expect(lastLine(out)).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  }, 150_000);

  it('corrupt embedded data directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atlas-corrupt-'));
    await writeFile(path.join(dir, 'PG_VERSION'), 'not a version\n');
    await writeFile(path.join(dir, 'postgresql.conf'), '\u0000\u0001garbage = = =\n');
    try {
      const { code, out } = await runServer({ PGLITE_DIR: dir, PORT: '0' }, 120_000);
      expect(code).toBe(1);
      expect(lastLine(out)).toMatch(/embedded database .* cannot be opened.*delete .* and run scripts\/start again/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('refuses demo passwords on a non-loopback address', async () => {
    if (inject('databaseKind') !== 'postgres') return; // the PGlite variant would need a second 11 s database start
    const { code, out } = await runServer({ DATABASE_URL: inject('databaseUrl'), HOST: '0.0.0.0', PORT: '0' });
    expect(code).toBe(1);
    expect(lastLine(out)).toMatch(/refusing to listen on 0\.0\.0\.0 with demo passwords/);
  });

  it('PostGIS missing', async () => {
    if (inject('databaseKind') !== 'postgres') return; // only a real server can lack the extension
    const admin = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
    const db = `atlas_nopostgis_${process.pid}`;
    try {
      await admin.query('DROP ROLE IF EXISTS atlas_nosuper');
      await admin.query("CREATE ROLE atlas_nosuper LOGIN PASSWORD 'x' NOSUPERUSER");
      await admin.query(`CREATE DATABASE ${db} OWNER atlas_nosuper`);
      const url = new URL(inject('databaseUrl'));
      url.username = 'atlas_nosuper'; url.password = 'x'; url.pathname = `/${db}`;
      const { code, out } = await runServer({ DATABASE_URL: url.toString(), PORT: '0' });
      expect(code).toBe(1);
      expect(lastLine(out)).toMatch(/PostGIS is missing in .*apt-get install postgresql-15-postgis-3/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin.query('DROP ROLE IF EXISTS atlas_nosuper');
      await admin.end();
    }
  });
});
