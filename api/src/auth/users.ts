import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from './passwords.ts';

export type Role = 'admin' | 'commander' | 'planner' | 'dispatcher' | 'viewer';
export const roles: Role[] = ['admin', 'commander', 'planner', 'dispatcher', 'viewer'];

export interface User {
  id: number;
  username: string;
  role: Role;
  districts: string[];
}

export const DEMO_PASSWORD = 'demo';
const SESSION_HOURS = 12;

/** Embedded mode's demo users (architecture.md §4): one per role, password "demo", all districts. */
export async function ensureDemoUsers(pool: pg.Pool): Promise<void> {
  for (const role of roles) {
    await pool.query(
      `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING`,
      [role, hashPassword(DEMO_PASSWORD), role]);
  }
}

/** True when any user still has the demo password (refused on non-loopback hosts). */
export async function hasDemoPasswords(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users');
  return rows.some((r) => verifyPassword(DEMO_PASSWORD, r.password_hash));
}

export async function login(pool: pg.Pool, username: string, password: string): Promise<{ token: string; user: User } | null> {
  const { rows } = await pool.query<User & { password_hash: string }>(
    'SELECT id, username, role, districts, password_hash FROM users WHERE username = $1', [username]);
  const row = rows[0];
  if (!row || !verifyPassword(password, row.password_hash)) return null;
  const token = randomBytes(32).toString('hex');
  await pool.query(`INSERT INTO sessions (token, user_id, expires_at) VALUES ($1, $2, now() + interval '${SESSION_HOURS} hours')`,
    [token, row.id]);
  return { token, user: { id: row.id, username: row.username, role: row.role, districts: row.districts } };
}

export async function userForToken(pool: pg.Pool, token: string): Promise<User | null> {
  const { rows } = await pool.query<User>(
    `SELECT u.id, u.username, u.role, u.districts FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token = $1 AND s.expires_at > now()`, [token]);
  return rows[0] ?? null;
}
