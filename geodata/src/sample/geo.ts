/**
 * Small planar/spherical helpers for generating the sample city in TypeScript (WGS 84 lon/lat, metres).
 * Distances use the haversine formula on a 6 371 008.8 m sphere; local offsets use an equirectangular
 * approximation, which is far below a metre off at the scales used here (< 50 km).
 */
export type LonLat = [number, number];
export type Ring = LonLat[];
export type PolygonCoords = Ring[];
export type MultiPolygonCoords = PolygonCoords[];

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function haversineM(a: LonLat, b: LonLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

export function lineLengthM(line: readonly LonLat[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += haversineM(line[i - 1], line[i]);
  return s;
}

/** metres per degree of longitude / latitude at a latitude */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  const m = EARTH_RADIUS_M * RAD;
  return { lon: m * Math.cos(lat * RAD), lat: m };
}

/** The point dxM east and dyM north of p. */
export function offsetM(p: LonLat, dxM: number, dyM: number): LonLat {
  const k = metresPerDegree(p[1]);
  return [round7(p[0] + dxM / k.lon), round7(p[1] + dyM / k.lat)];
}

/** local metric coordinates of p relative to origin (x east, y north) */
export function toLocalM(origin: LonLat, p: LonLat): [number, number] {
  const k = metresPerDegree(origin[1]);
  return [(p[0] - origin[0]) * k.lon, (p[1] - origin[1]) * k.lat];
}

/** Initial bearing from a to b in degrees clockwise from north, 0–359. */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const [x, y] = toLocalM(a, b);
  const deg = Math.round((Math.atan2(x, y) * 180) / Math.PI);
  return ((deg % 360) + 360) % 360;
}

export function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

export function roundPoint(p: LonLat): LonLat {
  return [round7(p[0]), round7(p[1])];
}

/** Even-odd ray casting on one ring (planar lon/lat: fine for a city). */
export function pointInRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(p: LonLat, polygon: PolygonCoords): boolean {
  if (!pointInRing(p, polygon[0])) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(p, polygon[h])) return false;
  return true;
}

export function pointInMultiPolygon(p: LonLat, mp: MultiPolygonCoords): boolean {
  return mp.some((poly) => pointInPolygon(p, poly));
}

function ringAreaAndCentroid(ring: readonly LonLat[]): { area: number; cx: number; cy: number } {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  a /= 2;
  return a === 0 ? { area: 0, cx: ring[0][0], cy: ring[0][1] } : { area: a, cx: cx / (6 * a), cy: cy / (6 * a) };
}

/** Area-weighted centroid of a (multi)polygon's outer rings, in lon/lat (planar; fine at city scale). */
export function centroid(mp: MultiPolygonCoords): LonLat {
  let A = 0, X = 0, Y = 0;
  for (const poly of mp) {
    for (let r = 0; r < poly.length; r++) {
      const { area, cx, cy } = ringAreaAndCentroid(poly[r]);
      const sign = r === 0 ? 1 : -1;
      const w = sign * Math.abs(area);
      A += w; X += cx * w; Y += cy * w;
    }
  }
  return [X / A, Y / A];
}

/** Approximate area of a ring in square metres (local projection around its first vertex). */
export function ringAreaM2(ring: readonly LonLat[]): number {
  const o = ring[0];
  const pts = ring.map((p) => toLocalM(o, p));
  let a = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) a += pts[j][0] * pts[i][1] - pts[i][0] * pts[j][1];
  return Math.abs(a / 2);
}

export interface BBox { minLon: number; minLat: number; maxLon: number; maxLat: number }

export function bboxOf(points: Iterable<LonLat>): BBox {
  const b = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const [x, y] of points) {
    if (x < b.minLon) b.minLon = x;
    if (y < b.minLat) b.minLat = y;
    if (x > b.maxLon) b.maxLon = x;
    if (y > b.maxLat) b.maxLat = y;
  }
  return b;
}

/** Closes a ring (first point repeated at the end) if needed. */
export function closeRing(ring: LonLat[]): LonLat[] {
  const a = ring[0], b = ring[ring.length - 1];
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, [a[0], a[1]]];
}

/** Rectangle of widthM × heightM centred on c, rotated angleDeg clockwise from north (closed ring). */
export function rectangle(c: LonLat, widthM: number, heightM: number, angleDeg = 0): Ring {
  const t = (angleDeg * Math.PI) / 180;
  const corners: [number, number][] = [[-widthM / 2, -heightM / 2], [widthM / 2, -heightM / 2], [widthM / 2, heightM / 2], [-widthM / 2, heightM / 2]];
  // rotate clockwise by t: x' = x cos t + y sin t, y' = -x sin t + y cos t
  const ring = corners.map(([x, y]) => offsetM(c, x * Math.cos(t) + y * Math.sin(t), -x * Math.sin(t) + y * Math.cos(t)));
  return closeRing(ring);
}

/** Irregular blob (star-shaped polygon) of mean radius radiusM around c; jitter in [0,1) values supplied by the caller. */
export function blob(c: LonLat, radiusM: number, jitter: readonly number[]): Ring {
  const n = jitter.length;
  const ring: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = radiusM * (0.75 + 0.5 * jitter[i]);
    ring.push(offsetM(c, r * Math.sin(a), r * Math.cos(a)));
  }
  return closeRing(ring);
}

/** Point at fraction f (0–1) of a line's length, with the index of the segment it lies on. */
export function along(line: readonly LonLat[], f: number): { point: LonLat; index: number } {
  const total = lineLengthM(line);
  let target = Math.max(0, Math.min(1, f)) * total;
  for (let i = 1; i < line.length; i++) {
    const d = haversineM(line[i - 1], line[i]);
    if (target <= d || i === line.length - 1) {
      const t = d === 0 ? 0 : Math.min(1, target / d);
      const a = line[i - 1], b = line[i];
      return { point: [round7(a[0] + (b[0] - a[0]) * t), round7(a[1] + (b[1] - a[1]) * t)], index: i - 1 };
    }
    target -= d;
  }
  return { point: line[line.length - 1], index: line.length - 2 };
}

/** Inserts vertices so that no segment is longer than maxStepM. */
export function densify(line: readonly LonLat[], maxStepM: number): LonLat[] {
  const out: LonLat[] = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1], b = line[i];
    const n = Math.ceil(haversineM(a, b) / maxStepM);
    for (let k = 1; k < n; k++) out.push([round7(a[0] + ((b[0] - a[0]) * k) / n), round7(a[1] + ((b[1] - a[1]) * k) / n)]);
    out.push(b);
  }
  return out;
}

/** Intersection of segments ab and cd (planar), with the parameters along each; null when parallel or apart. */
export function segmentIntersection(a: LonLat, b: LonLat, c: LonLat, d: LonLat): { p: LonLat; t: number; u: number } | null {
  const rx = b[0] - a[0], ry = b[1] - a[1];
  const sx = d[0] - c[0], sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (den === 0) return null;
  const qx = c[0] - a[0], qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return { p: [a[0] + t * rx, a[1] + t * ry], t, u };
}

/** Shortest distance in metres from p to segment ab (local projection). */
export function distanceToSegmentM(p: LonLat, a: LonLat, b: LonLat): number {
  const [bx, by] = toLocalM(a, b);
  const [px, py] = toLocalM(a, p);
  const len2 = bx * bx + by * by;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
  return Math.hypot(px - t * bx, py - t * by);
}

export function distanceToLineM(p: LonLat, line: readonly LonLat[]): number {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, distanceToSegmentM(p, line[i - 1], line[i]));
  return best;
}

/** Does segment ab cross the polyline? */
export function segmentCrossesLine(a: LonLat, b: LonLat, line: readonly LonLat[]): boolean {
  for (let i = 1; i < line.length; i++) if (segmentIntersection(a, b, line[i - 1], line[i])) return true;
  return false;
}

/** A copy of the line shifted sideways by offsetM (positive = to the right of the direction of travel). */
export function offsetLine(line: readonly LonLat[], offsetMeters: number): LonLat[] {
  return line.map((p, i) => {
    const a = line[Math.max(0, i - 1)], b = line[Math.min(line.length - 1, i + 1)];
    const [dx, dy] = toLocalM(a, b);
    const len = Math.hypot(dx, dy) || 1;
    // right-hand normal of (dx, dy) is (dy, -dx)
    return offsetM(p, (dy / len) * offsetMeters, (-dx / len) * offsetMeters);
  });
}

export type Geometry =
  | { type: 'Point'; coordinates: LonLat }
  | { type: 'LineString'; coordinates: LonLat[] }
  | { type: 'Polygon'; coordinates: LonLat[][] }
  | { type: 'MultiPolygon'; coordinates: LonLat[][][] };

export const point = (p: LonLat): Geometry => ({ type: 'Point', coordinates: p });
export const lineString = (c: LonLat[]): Geometry => ({ type: 'LineString', coordinates: c });
export const polygon = (ring: LonLat[]): Geometry => ({ type: 'Polygon', coordinates: [closeRing(ring)] });
