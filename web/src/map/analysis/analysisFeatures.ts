import { bbox as turfBbox, buffer, centroid, circle } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon, MultiPolygon, Position } from 'geojson';
import type { RuleStatus, SitingRule } from '../../api/client.ts';

/**
 * The analysis overlay as data (no map, no DOM): the proposed site, one ring per required distance that has a
 * number, the search radius, the offenders and the ring labels. `analysisOverlay.ts` draws it on MapLibre.
 * Distances are metres on the ground (turf `circle` / `buffer`, geodesic enough at city scale).
 */

export type AnalysisRole = 'site' | 'ring' | 'search' | 'offender' | 'label' | 'draft';

export interface Ring {
  radiusM: number;
  /** worst status among the rules that require this distance (fail > unknown > pass) */
  status: RuleStatus;
  /** rule names, in the order the API gave them */
  rules: string[];
}

const worse: Record<RuleStatus, number> = { fail: 2, unknown: 1, pass: 0 };

/** One ring per distinct required distance (rules without a number have no ring), largest first. */
export function ringsOf(rules: readonly Pick<SitingRule, 'requiredM' | 'status' | 'rule'>[]): Ring[] {
  const byRadius = new Map<number, Ring>();
  for (const r of rules) {
    if (r.requiredM === null || !(r.requiredM > 0)) continue;
    const ring = byRadius.get(r.requiredM);
    if (!ring) byRadius.set(r.requiredM, { radiusM: r.requiredM, status: r.status, rules: [r.rule] });
    else {
      if (worse[r.status] > worse[ring.status]) ring.status = r.status;
      if (!ring.rules.includes(r.rule)) ring.rules.push(r.rule);
    }
  }
  return [...byRadius.values()].sort((a, b) => b.radiusM - a.radiusM);
}

/** "1,000 m" / "0.7 m": metres as planners read them. */
export function formatMetres(m: number): string {
  const digits = m >= 100 ? 0 : m >= 10 ? 1 : 2;
  return `${Number(m.toFixed(digits)).toLocaleString('en-US')} m`;
}

/** Outline (as a polygon) of everything within `radiusM` of the site: a circle for a point, a buffer otherwise. */
export function ringPolygon(site: Geometry, radiusM: number): Feature<Polygon | MultiPolygon> | undefined {
  if (site.type === 'Point') return circle(site.coordinates, radiusM / 1000, { steps: 96, units: 'kilometers' });
  const b = buffer({ type: 'Feature', geometry: site, properties: {} }, radiusM, { units: 'meters', steps: 16 });
  return b as Feature<Polygon | MultiPolygon> | undefined;
}

/** The vertex of the outline furthest in the compass direction `bearingDeg` (labels of nested rings fan out). */
export function labelAnchor(outline: Feature<Polygon | MultiPolygon>, bearingDeg: number): Position {
  const rad = (bearingDeg * Math.PI) / 180;
  const dir = [Math.sin(rad), Math.cos(rad)];
  const rings = outline.geometry.type === 'Polygon' ? [outline.geometry.coordinates[0]] : outline.geometry.coordinates.map((p) => p[0]);
  const lat = centroid(outline).geometry.coordinates[1];
  const k = Math.cos((lat * Math.PI) / 180);
  let best: Position = rings[0][0];
  let bestScore = -Infinity;
  for (const ring of rings) for (const p of ring) {
    const score = p[0] * k * dir[0] + p[1] * dir[1];
    if (score > bestScore) { bestScore = score; best = p; }
  }
  return best;
}

/** Lines a label is shifted by (0 = on its anchor), centred on the anchors: −1, 0, 1 for three labels. */
export const MAX_STACK_LINE = 8;
export function stackLine(i: number, n: number): number {
  return Math.max(-MAX_STACK_LINE, Math.min(MAX_STACK_LINE, i - Math.floor((n - 1) / 2)));
}

export interface AnalysisInput {
  site: Geometry | null;
  rings: readonly Ring[];
  /** search radius of the analysis (drawn dashed) */
  searchRadiusM?: number | null;
  offenders?: readonly Feature[];
  /** ring label text, e.g. "20 m · 铁路线路安全保护区" */
  ringLabel?(ring: Ring): string;
  searchLabel?(radiusM: number): string;
}

/** Everything the overlay draws, each feature tagged with `role` (and `status` for rings and offenders). */
export function analysisFeatures(input: AnalysisInput): FeatureCollection {
  const features: Feature[] = [];
  const { site } = input;
  if (!site) return { type: 'FeatureCollection', features };
  const label = input.ringLabel ?? ((r: Ring) => `${formatMetres(r.radiusM)} · ${r.rules[0]}`);
  for (const o of input.offenders ?? []) {
    if (o.geometry) features.push({ type: 'Feature', geometry: o.geometry, properties: { ...o.properties, role: 'offender' } });
  }
  // labels sit at each ring's east point, stacked one line apart (largest ring on top): small rings lie within a
  // few pixels of each other, so labels at the rings alone would overprint
  const largestFirst = [...input.rings].sort((a, b) => b.radiusM - a.radiusM);
  const n = largestFirst.length;
  largestFirst.forEach((ring, i) => {
    const outline = ringPolygon(site, ring.radiusM);
    if (!outline) return;
    features.push({ type: 'Feature', geometry: outline.geometry, properties: { role: 'ring', status: ring.status, radiusM: ring.radiusM } });
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelAnchor(outline, 90) },
      properties: { role: 'label', status: ring.status, radiusM: ring.radiusM, text: label(ring), line: stackLine(i, n) },
    });
  });
  const search = input.searchRadiusM;
  if (search && search > 0 && !input.rings.some((r) => r.radiusM === search)) {
    const outline = ringPolygon(site, search);
    if (outline) {
      features.push({ type: 'Feature', geometry: outline.geometry, properties: { role: 'search', radiusM: search } });
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: labelAnchor(outline, 0) },
        properties: { role: 'label', status: 'search', radiusM: search, text: input.searchLabel?.(search) ?? formatMetres(search), line: 0 },
      });
    }
  }
  features.push({ type: 'Feature', geometry: site, properties: { role: 'site' } });
  return { type: 'FeatureCollection', features };
}

/** [[west, south], [east, north]] of a geometry, for `fitBounds`. */
export function boundsOf(geometry: Geometry): [[number, number], [number, number]] {
  const [w, s, e, n] = turfBbox({ type: 'Feature', geometry, properties: {} });
  return [[w, s], [e, n]];
}
