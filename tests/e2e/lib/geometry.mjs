// Plain-JS geometry for choosing where on the map to look for a feature (independent of the client's code).

/** Approximate distance in metres between two lon/lat points (equirectangular; fine at city scale). */
export function distanceM([x1, y1], [x2, y2]) {
  const k = Math.PI / 180;
  const dx = (x2 - x1) * Math.cos(((y1 + y2) / 2) * k) * 6_371_000 * k;
  const dy = (y2 - y1) * 6_371_000 * k;
  return Math.hypot(dx, dy);
}

export function bbox(geometry) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === 'number') {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]); minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
    } else c.forEach(visit);
  };
  visit(geometry.coordinates);
  return [[minX, minY], [maxX, maxY]];
}

/** 'point' | 'line' | 'polygon' */
export function kindOf(geometry) {
  if (/Point$/.test(geometry.type)) return 'point';
  if (/LineString$/.test(geometry.type)) return 'line';
  return 'polygon';
}

const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
const linesOf = (g) => (g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []);

/** Ray casting over every ring (holes included): inside when crossings are odd. */
export function pointInPolygonGeometry([x, y], geometry) {
  return polygonsOf(geometry).some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/**
 * A point well inside a polygon: on a few horizontal lines across its bounding box, the middle of the widest
 * inside span (holes and concave parts respected).
 */
function interiorPoint(rings) {
  const ys = rings[0].map((p) => p[1]);
  const minY = Math.min(...ys), maxY = Math.max(...ys);
  let best = null;
  for (const f of [0.5, 0.37, 0.63, 0.25, 0.75]) {
    const y = minY + (maxY - minY) * f + 1e-9;
    const xs = [];
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y)) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1] - xs[k];
      if (!best || w > best.w) best = { w, p: [(xs[k] + xs[k + 1]) / 2, y] };
    }
  }
  return best?.p ?? rings[0][0];
}

/** Where to look for a feature: the point; the middle of a line's longest segment; a point well inside a polygon. */
export function probePoint(geometry) {
  const kind = kindOf(geometry);
  if (kind === 'point') return geometry.type === 'Point' ? geometry.coordinates : geometry.coordinates[0];
  if (kind === 'line') {
    let best = null;
    for (const line of linesOf(geometry)) {
      for (let i = 1; i < line.length; i++) {
        const d = distanceM(line[i - 1], line[i]);
        if (!best || d > best.d) best = { d, p: [(line[i - 1][0] + line[i][0]) / 2, (line[i - 1][1] + line[i][1]) / 2] };
      }
    }
    return best.p;
  }
  const parts = polygonsOf(geometry);
  const area = (rings) => { const [[a, b], [c, d]] = bbox({ coordinates: rings }); return (c - a) * (d - b); };
  const largest = parts.reduce((a, b) => (area(b) > area(a) ? b : a));
  return interiorPoint(largest);
}

/** Length in metres of a line's longest segment (0 for other geometries). */
export function longestSegmentM(geometry) {
  let best = 0;
  for (const line of linesOf(geometry)) for (let i = 1; i < line.length; i++) best = Math.max(best, distanceM(line[i - 1], line[i]));
  return best;
}

/**
 * The feature of a layer to test: deterministic, and chosen so that at the probe point no other feature of the
 * same layer is in the way (points: none within 80 m; polygons: probe not inside another polygon; lines: the
 * longest segment of the layer). Point features are preferred in layers that mix points and polygons.
 */
export function chooseFeature(features) {
  const withGeom = features.filter((f) => f.geometry);
  const points = withGeom.filter((f) => kindOf(f.geometry) === 'point');
  const lines = withGeom.filter((f) => kindOf(f.geometry) === 'line');
  const polygons = withGeom.filter((f) => kindOf(f.geometry) === 'polygon');
  if (points.length) {
    const probes = points.map((f) => probePoint(f.geometry));
    const i = probes.findIndex((p, i) => probes.every((q, j) => i === j || distanceM(p, q) > 80));
    return points[Math.max(i, 0)];
  }
  if (lines.length) return lines.reduce((a, b) => (longestSegmentM(b.geometry) > longestSegmentM(a.geometry) ? b : a));
  if (polygons.length) {
    const ok = polygons.find((f) => {
      const p = probePoint(f.geometry);
      return polygons.every((g) => g === f || !pointInPolygonGeometry(p, g.geometry));
    });
    return ok ?? polygons[0];
  }
  return undefined;
}
