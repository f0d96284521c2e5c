import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { readJson, unprocessable } from '../errors.ts';

/** Small request-validation helpers for the planning routes: every failure is a 422 naming the field. */

export async function readObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unprocessable('请求体必须是 JSON 对象 (the body must be a JSON object)');
  }
  return body as Record<string, unknown>;
}

export function numberIn(v: unknown, field: string, min: number, max: number, opts: { exclusiveMin?: boolean } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw unprocessable(`${field} 必须是数值 (${field} must be a number)`, field);
  if (v < min || v > max || (opts.exclusiveMin && v === min)) {
    throw unprocessable(`${field} 须在 ${opts.exclusiveMin ? '(' : '['}${min}, ${max}] 范围内 (${field} out of range)`, field);
  }
  return v;
}

export function positiveInt(v: unknown, field: string): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0 || n > 2_147_483_647) {
    throw unprocessable(`${field} 必须是正整数 (${field} must be a positive integer)`, field);
  }
  return n;
}

/**
 * Districts a request covers: the `district` query parameter (comma-separated) narrowed to the user's districts
 * when the user is district-scoped (architecture.md §4). null = all districts.
 */
export function requestDistricts(c: Context<AppEnv>): string[] | null {
  const asked = c.req.query('district')?.split(',').map((d) => d.trim()).filter(Boolean) ?? [];
  const own = c.var.user?.districts ?? [];
  if (own.length === 0) return asked.length ? asked : null;
  return asked.length ? asked.filter((d) => own.includes(d)) : own;
}
