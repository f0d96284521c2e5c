import { inject } from 'vitest';
import pg from 'pg';

export const apiUrl = () => inject('apiUrl');
export const databaseKind = () => inject('databaseKind');

/** fetch against the shared test server; JSON in and out */
export async function api(path: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(apiUrl() + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, headers: res.headers, body };
}

const tokens = new Map<string, string>();
export async function tokenFor(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const res = await api('/api/auth/login', { method: 'POST', json: { username, password: 'demo' } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${JSON.stringify(res.body)}`);
    tokens.set(username, res.body.token);
  }
  return tokens.get(username)!;
}

/**
 * A database session of the test's own, as psql would have: connected for one piece of work and closed right after.
 * Works on both databases (the embedded one accepts several sockets beside the server's pool: see db/open.ts).
 */
export async function external<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: inject('databaseUrl') });
  c.on('error', () => {});
  await c.connect();
  try { return await fn(c); } finally { await c.end().catch(() => {}); }
}

/** A pg pool onto the same database the server uses. */
let pool: pg.Pool | undefined;
export function db(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
  return pool;
}
