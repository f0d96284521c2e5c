import type { FeatureCollection } from 'geojson';

/**
 * The one module the web client uses to talk to the API (architecture.md §4). Same origin: the API serves the
 * built client at `/`, and `vite` dev proxies /api, /ogc and /tiles to it.
 */

/** `GET /api/layers` entry */
export interface LayerInfo {
  id: string;
  title: string;
  titleEn?: string;
  count: number;
  geometryType: string | null;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  postgis: string;
}

/** `GET /api/chemicals` entry (GB 18218-2018 Table 1) */
export interface Chemical {
  id: number;
  name: string;
  nameEn: string | null;
  aliases: string[];
  cas: string[];
  unNumber: string | null;
  criticalQuantityT: number;
}

export interface User {
  username: string;
  role: 'admin' | 'commander' | 'planner' | 'dispatcher' | 'viewer';
  districts: string[];
}

/** An error answer of the API (`{"error":{"code","message","field"?}}`) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public field?: string) {
    super(message);
  }
}

const tokenKey = 'safety-atlas.token';

export function getToken(): string | null {
  try { return sessionStorage.getItem(tokenKey); } catch { return null; }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(tokenKey, token);
    else sessionStorage.removeItem(tokenKey);
  } catch { /* storage unavailable: token lives for this page only */ }
  memoryToken = token;
}
let memoryToken: string | null = null;
const currentToken = () => getToken() ?? memoryToken;

/** Authorization header for requests made outside this module (MapLibre tile requests). */
export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  for (const [k, v] of Object.entries(authHeaders())) headers.set(k, v);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message || 'network error');
  }
  const text = await res.text();
  let body: unknown;
  try { body = text ? JSON.parse(text) : undefined; } catch { body = undefined; }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `${res.status} ${res.statusText}`, e?.field);
  }
  if (body === undefined) throw new ApiError(res.status, 'bad_response', `expected JSON from ${path}`);
  return body as T;
}

export const api = {
  health: () => request<Health>('/api/health'),
  layers: () => request<LayerInfo[]>('/api/layers'),
  /** A whole layer as a FeatureCollection; properties are the table's columns. */
  layerGeoJson: (id: string) => request<FeatureCollection>(`/api/layers/${encodeURIComponent(id)}/geojson`),
  login: (username: string, password: string) =>
    request<{ token: string; user: User }>('/api/auth/login', { method: 'POST', json: { username, password } }),
  me: () => request<User>('/api/auth/me'),
  /** the whole chemicals catalogue (85 Table-1 rows and the Table-2 classes fit in one page) */
  chemicals: () => request<Chemical[]>('/api/chemicals?limit=500'),
};
