import type { Feature, FeatureCollection } from 'geojson';

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

/** `GET /api/config` */
export interface ClientConfig {
  basemapStyleUrl: string | null;
  publicRead: boolean;
  database: 'pglite' | 'postgres';
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
  /** which base map to draw (BASEMAP_STYLE_URL) and how reads are guarded */
  config: () => request<ClientConfig>('/api/config'),
  /**
   * A GeoJSON layer the layer list does not name, by its path: `/api/basemap` (the offline base map: water,
   * rivers, coast with `layer: basemap`, planning areas such as the Outer Ring with `layer: planning_area`).
   */
  geoJsonAt: (path: string) => request<FeatureCollection>(path),
  /** One feature with all its properties (OGC API Features item), e.g. for the panel of a feature picked from a vector tile. */
  feature: (collection: string, id: string | number) =>
    request<Feature>(`/ogc/collections/${encodeURIComponent(collection)}/items/${encodeURIComponent(String(id))}`),
};

// ---- planning (issue 5): siting, safety distances, GB 18218 calculator, registers, chemical parks ----

export type SiteKind = 'hazard_source' | 'hazmat_storage' | 'chemical_plant' | 'gas_station';
export type RuleStatus = 'pass' | 'fail' | 'unknown';
export interface FeatureRef { collection: string; id: number; name: string }

/** One rule of `POST /api/analysis/siting` */
export interface SitingRule {
  rule: string;
  ruleId: number;
  group: string;
  status: RuleStatus;
  requiredM: number | null;
  actualM: number | null;
  shortfallM: number | null;
  offender: FeatureRef | null;
  nearest?: FeatureRef;
  clause: string;
  verified: boolean;
  verification: string;
  note: string | null;
}

export interface SitingResult {
  verdict: RuleStatus;
  kind: SiteKind;
  radiusM: number;
  rules: SitingRule[];
  notes: string[];
}

/** One feature of `POST /api/analysis/safety-distance` (governing rule first) */
export interface SafetyDistanceItem extends FeatureRef {
  kind: string | null;
  rule: string | null;
  ruleId: number | null;
  status: RuleStatus | null;
  requiredM: number | null;
  actualM: number;
  shortfallM: number | null;
  clause: string | null;
  verified: boolean | null;
  /** railways: the area class the protection zone was taken for */
  areaClass?: { code: string; name: string };
  /** with `allRules: true`: every applicable rule, governing first; texts in `ruleIndex` */
  rules?: { ruleId: number; group: string; status: RuleStatus; requiredM: number | null; shortfallM: number | null }[];
}

export interface SafetyDistanceResult {
  hazardSourceId?: number;
  kind: SiteKind;
  radiusM: number;
  count: number;
  results: SafetyDistanceItem[];
  /** with `allRules: true`: the texts of every rule named in `results`, by rule id */
  ruleIndex?: Record<string, { group: string; rule: string; clause: string; effect: 'prohibited' | 'restricted';
    verified: boolean; verification: string; note: string | null }>;
  notes: string[];
}

export interface MajorHazardItemInput { chemical: string; quantityT: number; hazardClass?: string }

export interface MajorHazardResult {
  standard: string;
  ratioSum: number;
  isMajorHazard: boolean;
  alpha: number;
  r: number | null;
  grade: 1 | 2 | 3 | 4 | null;
  gradeLabel?: string | null;
  exposedPeople: number;
  items: { chemical: string; quantityT: number; criticalQuantityT: number; beta: number; ratio: number; weightedRatio: number; explanation: string }[];
  explanation: string[];
}

/** `GET /api/hazard-classes` (GB 18218-2018 Table 2) */
export interface HazardClass { symbol: string; category: string; categoryEn: string; description: string; criticalQuantityT: number; beta: number }

/** `GET /api/hazard-sources` entry */
export interface HazardSourceSummary {
  id: number;
  name: string;
  enterprise: string | null;
  district: string | null;
  grade: 1 | 2 | 3 | 4 | null;
  gradeLabel: string | null;
  location: [number, number] | null;
}

export interface HazardViolation {
  rule: string; group: string; clause: string; verified: boolean; verification: string;
  requiredM: number | null; actualM: number | null; shortfallM: number | null; offender: FeatureRef | null;
}

export interface HazardViolations {
  generatedAt: string;
  count: number;
  violationCount: number;
  sources: { hazardSourceId: number; name: string; enterprise: { id: number; name: string } | null; district: string | null; grade: number | null; violations: HazardViolation[] }[];
}

export interface HazardViolationStats {
  generatedAt: string;
  total: { sources: number; violations: number };
  byDistrict: { district: string | null; sources: number; violations: number; byRule: Record<string, number> }[];
}

export interface ChemicalPark {
  id: number;
  name: string;
  nameEn: string | null;
  district: string | null;
  score: number | null;
  riskGrade: 'A' | 'B' | 'C' | 'D' | null;
  gradeLabel: string | null;
  gradeLabelEn: string | null;
  gradeVerified: boolean;
  enclosed: boolean;
  areaKm2: number;
  enterprises: number;
}

/** Downloads a CSV (or any file) with the bearer token and hands the browser a blob URL to save. */
async function download(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try { res = await fetch(path, { headers: authHeaders() }); } catch (err) {
    throw new ApiError(0, 'network', (err as Error).message || 'network error');
  }
  if (!res.ok) {
    let e: { code?: string; message?: string; field?: string } | undefined;
    try { e = ((await res.json()) as { error?: typeof e }).error; } catch { /* not JSON */ }
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `${res.status} ${res.statusText}`, e?.field);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="([^"]+)"/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const planningApi = {
  siting: (geometry: import('geojson').Geometry, kind: SiteKind) =>
    request<SitingResult>('/api/analysis/siting', { method: 'POST', json: { geometry, kind } }),
  safetyDistance: (site: { geometry: import('geojson').Geometry } | { hazardSourceId: number }, kind?: SiteKind, radiusM?: number) =>
    request<SafetyDistanceResult>('/api/analysis/safety-distance', { method: 'POST', json: { ...site, ...(kind ? { kind } : {}), ...(radiusM ? { radiusM } : {}) } }),
  majorHazard: (items: MajorHazardItemInput[], exposedPeople: number) =>
    request<MajorHazardResult>('/api/analysis/major-hazard', { method: 'POST', json: { items, exposedPeople } }),
  searchChemicals: (q: string, limit = 12) =>
    request<Chemical[]>(`/api/chemicals?q=${encodeURIComponent(q)}&limit=${limit}`),
  hazardClasses: () => request<HazardClass[]>('/api/hazard-classes'),
  hazardSources: () => request<HazardSourceSummary[]>('/api/hazard-sources?limit=10000'),
  violations: () => request<HazardViolations>('/api/registers/hazard-violations'),
  violationStats: () => request<HazardViolationStats>('/api/registers/hazard-violations/stats'),
  /** saves the register as CSV (through fetch, so a token is sent when reads need one) */
  downloadViolationsCsv: () => download('/api/registers/hazard-violations?format=csv', 'hazard-violations.csv'),
  parks: () => request<{ parks: ChemicalPark[]; gradeSource: string }>('/api/chemical-parks'),
  patchPark: (id: number, patch: { score?: number | null; enclosed?: boolean }) =>
    request<{ park: ChemicalPark; gradeSource: string }>(`/api/chemical-parks/${id}`, { method: 'PATCH', json: patch }),
  /** one feature's geometry through OGC API Features (offender highlight); undefined when the collection is not published */
  feature: async (collection: string, id: number): Promise<import('geojson').Feature | undefined> => {
    try { return await request<import('geojson').Feature>(`/ogc/collections/${encodeURIComponent(collection)}/items/${id}`); } catch { return undefined; }
  },
};
