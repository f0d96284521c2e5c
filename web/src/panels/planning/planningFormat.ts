import { centroid } from '@turf/turf';
import type { Geometry } from 'geojson';
import type { RuleStatus } from '../../api/client.ts';
import { formatMetres, type Ring } from '../../map/analysis/analysisFeatures.ts';

/** A rule's short name for map labels: the part before "：" (the detail names the class of object). */
export function shortRule(rule: string): string {
  const head = rule.split(/[：:]/)[0].trim();
  return head.length > 18 ? `${head.slice(0, 17)}…` : head;
}

/** Ring label: "20 m · 铁路线路安全保护区", "6 m · … +1" when several rules require the same distance. */
export function ringLabel(ring: Ring): string {
  const more = ring.rules.length > 1 ? ` +${ring.rules.length - 1}` : '';
  return `${formatMetres(ring.radiusM)} · ${shortRule(ring.rules[0])}${more}`;
}

/** "121.427500, 31.219000" (6 decimals ≈ 0.1 m). */
export function formatLonLat([lon, lat]: number[]): string {
  return `${lon.toFixed(6)}, ${lat.toFixed(6)}`;
}

/** Where the site is, for the panel and the report: the point, or a polygon's vertex count and centre. */
export function describeSite(site: Geometry, polygonText: (n: number, centre: string) => string): string {
  if (site.type === 'Point') return formatLonLat(site.coordinates);
  const c = centroid({ type: 'Feature', geometry: site, properties: {} }).geometry.coordinates;
  const n = site.type === 'Polygon' ? site.coordinates[0].length - 1 : 0;
  return polygonText(n, formatLonLat(c));
}

/** A metre value in a table cell ("—" when there is none). */
export function cellM(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return Number(m.toFixed(m >= 100 ? 0 : 2)).toLocaleString('en-US');
}

export const statusOrder: Record<RuleStatus, number> = { fail: 0, unknown: 1, pass: 2 };

/**
 * Safety-distance rows as the table lists them: failures first by largest shortfall, then undecided, then kept
 * distances, then features without a rule, each nearest first (the API's order; kept here so the table does not
 * depend on it).
 */
export function sortByShortfall<T extends { status: RuleStatus | null; shortfallM: number | null; actualM: number }>(rows: readonly T[]): T[] {
  const rank = (s: RuleStatus | null) => (s === null ? 3 : statusOrder[s]);
  return [...rows].sort((a, b) => rank(a.status) - rank(b.status) || (b.shortfallM ?? -1) - (a.shortfallM ?? -1) || a.actualM - b.actualM);
}

/** Field of a 422 from the major-hazard calculator → where the form shows it (`items[1].chemical`, `exposedPeople` …). */
export function fieldKey(field: string | undefined): string {
  if (!field) return 'general';
  const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) return `items.${m[1]}.${m[2] ?? 'chemical'}`;
  if (field === 'items') return 'items';
  if (field === 'exposedPeople') return 'exposedPeople';
  return 'general';
}
