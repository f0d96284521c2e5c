/**
 * The sample road network: expressways and rings hand-traced in WGS 84 from their public routes, Huangpu
 * crossings at the real bridges and tunnels, and a synthetic grid of arterials (≈1.3 km apart inside the Outer
 * Ring, ≈2.6 km outside) standing in for the street network. Everything is noded into one routing graph.
 * Grid streets do not cross the Huangpu, the Yangtze or Dianshan Lake; only the named crossings do.
 */
import { HUANGPU, DIANSHAN_LAKE } from './basemap.ts';
import {
  along, bboxOf, distanceToLineM, haversineM, lineLengthM, metresPerDegree, offsetM, pointInRing, round7,
  segmentCrossesLine, segmentIntersection, toLocalM, type LonLat,
} from './geo.ts';
import type { Land } from './land.ts';
import type { Rng } from './prng.ts';
import { INNER_RING, MIDDLE_RING, OUTER_RING } from './ring.ts';
import { buildGraph, keepMainComponent, type RoadGraph, type RoadLine, type RoadProps } from './roadGraph.ts';

/** People's Square: the graph component kept is the one reaching the city centre. */
export const CITY_CENTRE: LonLat = [121.4692, 31.2323];

type Tunnel = RoadProps['tunnelCategory'];
interface Crossing { name: string; kind: 'bridge' | 'tunnel'; at: LonLat; hazmatAllowed: boolean; tunnelCategory: Tunnel; explicit: boolean; halfLengthM?: number }

/**
 * Huangpu crossings, located by where they meet the river. Tunnels under the Huangpu are closed to hazmat
 * (ADR-style category E, restricted_zones has a no-go polygon for each); the three bridges of the Inner Ring area
 * lie in the no-hazmat zone inside the Inner Ring; the suburban bridges are open.
 */
export const HUANGPU_CROSSINGS: Crossing[] = [
  { name: '外环隧道', kind: 'tunnel', at: [121.4995, 31.371], hazmatAllowed: false, tunnelCategory: 'E', explicit: false },
  { name: '长江西路隧道', kind: 'tunnel', at: [121.538, 31.344], hazmatAllowed: false, tunnelCategory: 'E', explicit: true },
  { name: '军工路隧道', kind: 'tunnel', at: [121.558, 31.318], hazmatAllowed: false, tunnelCategory: 'E', explicit: true },
  { name: '翔殷路隧道', kind: 'tunnel', at: [121.558, 31.304], hazmatAllowed: false, tunnelCategory: 'E', explicit: false },
  { name: '杨浦大桥', kind: 'bridge', at: [121.535, 31.256], hazmatAllowed: false, tunnelCategory: null, explicit: false },
  { name: '大连路隧道', kind: 'tunnel', at: [121.515, 31.2495], hazmatAllowed: false, tunnelCategory: 'E', explicit: true, halfLengthM: 1100 },
  { name: '新建路隧道', kind: 'tunnel', at: [121.5, 31.2485], hazmatAllowed: false, tunnelCategory: 'E', explicit: true, halfLengthM: 1000 },
  { name: '延安东路隧道', kind: 'tunnel', at: [121.497, 31.233], hazmatAllowed: false, tunnelCategory: 'E', explicit: true, halfLengthM: 1200 },
  { name: '复兴东路隧道', kind: 'tunnel', at: [121.504, 31.221], hazmatAllowed: false, tunnelCategory: 'E', explicit: true, halfLengthM: 1200 },
  { name: '南浦大桥', kind: 'bridge', at: [121.4945, 31.199], hazmatAllowed: false, tunnelCategory: null, explicit: false },
  { name: '打浦路隧道', kind: 'tunnel', at: [121.479, 31.1915], hazmatAllowed: false, tunnelCategory: 'E', explicit: true, halfLengthM: 1200 },
  { name: '卢浦大桥', kind: 'bridge', at: [121.4665, 31.1865], hazmatAllowed: false, tunnelCategory: null, explicit: true, halfLengthM: 1500 },
  { name: '龙耀路隧道', kind: 'tunnel', at: [121.4645, 31.168], hazmatAllowed: false, tunnelCategory: 'E', explicit: true },
  { name: '上中路隧道', kind: 'tunnel', at: [121.455, 31.15], hazmatAllowed: false, tunnelCategory: 'E', explicit: false },
  { name: '徐浦大桥', kind: 'bridge', at: [121.4777, 31.0935], hazmatAllowed: true, tunnelCategory: null, explicit: false },
  { name: '闵浦大桥', kind: 'bridge', at: [121.478, 31.0167], hazmatAllowed: true, tunnelCategory: null, explicit: true, halfLengthM: 2000 },
  { name: '奉浦大桥', kind: 'bridge', at: [121.444, 31.0098], hazmatAllowed: true, tunnelCategory: null, explicit: false },
  { name: '闵浦二桥', kind: 'bridge', at: [121.405, 30.9922], hazmatAllowed: true, tunnelCategory: null, explicit: true, halfLengthM: 2500 },
  { name: '松浦大桥', kind: 'bridge', at: [121.31, 30.98], hazmatAllowed: true, tunnelCategory: null, explicit: true, halfLengthM: 2500 },
  { name: '泖港大桥', kind: 'bridge', at: [121.16, 30.97], hazmatAllowed: true, tunnelCategory: null, explicit: true, halfLengthM: 2500 },
];

const EXPRESSWAY = (name: string, speedKmh: number, coords: LonLat[]): RoadLine =>
  ({ name, roadClass: 'expressway', speedKmh, hazmatAllowed: true, tunnelCategory: null, oneway: false, structure: null, coords });

/** Expressways and elevated roads (approximate public routes, WGS 84). */
export const EXPRESSWAYS: RoadLine[] = [
  EXPRESSWAY('G2京沪高速', 100, [[121.4, 31.262], [121.37, 31.266], [121.335, 31.268], [121.3, 31.275], [121.25, 31.287], [121.2, 31.296], [121.16, 31.305], [121.13, 31.312]]),
  EXPRESSWAY('G15沈海高速', 100, [[121.26, 31.47], [121.262, 31.42], [121.258, 31.37], [121.245, 31.32], [121.24, 31.27], [121.245, 31.22], [121.25, 31.17], [121.255, 31.11], [121.262, 31.06], [121.258, 31.0], [121.25, 30.95], [121.235, 30.89], [121.2, 30.83], [121.16, 30.795]]),
  EXPRESSWAY('G1501上海绕城高速', 100, [[121.385, 31.45], [121.33, 31.46], [121.27, 31.44], [121.21, 31.39], [121.16, 31.33], [121.135, 31.26], [121.125, 31.19], [121.14, 31.11], [121.19, 31.04], [121.25, 30.99], [121.33, 30.95], [121.42, 30.925], [121.52, 30.92], [121.62, 30.94], [121.72, 30.99], [121.77, 31.06], [121.78, 31.15], [121.74, 31.24], [121.69, 31.3], [121.62, 31.345], [121.585, 31.36]]),
  EXPRESSWAY('G60沪昆高速', 100, [[121.44, 31.17], [121.41, 31.14], [121.38, 31.115], [121.34, 31.095], [121.3, 31.075], [121.26, 31.055], [121.22, 31.03], [121.17, 30.995], [121.12, 30.96], [121.06, 30.92], [121.012, 30.893]]),
  EXPRESSWAY('G50沪渝高速', 100, [[121.36, 31.19], [121.32, 31.18], [121.27, 31.165], [121.22, 31.15], [121.16, 31.135], [121.1, 31.12], [121.05, 31.11], [121.0, 31.08], [120.96, 31.06], [120.92, 31.045]]),
  EXPRESSWAY('S32申嘉湖高速', 100, [[121.79, 31.15], [121.72, 31.1], [121.65, 31.06], [121.58, 31.035], [121.5, 31.025], [121.45, 31.0], [121.4, 30.96], [121.33, 30.93], [121.25, 30.9], [121.17, 30.87], [121.1, 30.855], [121.04, 30.845]]),
  EXPRESSWAY('S1迎宾高速', 100, [[121.56, 31.2], [121.62, 31.195], [121.68, 31.18], [121.74, 31.165], [121.79, 31.15]]),
  EXPRESSWAY('S2沪芦高速', 100, [[121.6, 31.13], [121.65, 31.08], [121.71, 31.02], [121.78, 30.96], [121.85, 30.9], [121.89, 30.875]]),
  EXPRESSWAY('S4沪金高速', 100, [[121.43, 31.1], [121.44, 31.06], [121.445, 31.02], [121.43, 30.96], [121.4, 30.9], [121.37, 30.84], [121.345, 30.78], [121.335, 30.74]]),
  EXPRESSWAY('S5沪嘉高速', 100, [[121.42, 31.29], [121.38, 31.31], [121.33, 31.34], [121.28, 31.37], [121.25, 31.385]]),
  EXPRESSWAY('延安高架路', 80, [[121.36, 31.2], [121.4, 31.208], [121.43, 31.215], [121.455, 31.222], [121.475, 31.229], [121.487, 31.233]]),
  EXPRESSWAY('南北高架路', 80, [[121.462, 31.3], [121.463, 31.27], [121.465, 31.245], [121.467, 31.225], [121.468, 31.2], [121.462, 31.19], [121.452, 31.185], [121.44, 31.175]]),
];

/** G40 沪陕高速 across the Yangtze: Pudong → 上海长江隧道 → Changxing Island (with 潘园公路) → 上海长江大桥 → Chongming → 崇启大桥. */
export const G40: RoadLine[] = [
  EXPRESSWAY('G40沪陕高速', 100, [[121.6, 31.33], [121.63, 31.335], [121.655, 31.34]]),
  { ...EXPRESSWAY('上海长江隧道', 80, [[121.655, 31.34], [121.672, 31.368], [121.69, 31.395]]), hazmatAllowed: false, tunnelCategory: 'E', structure: 'tunnel' },
  EXPRESSWAY('G40沪陕高速(长兴岛)', 100, [[121.69, 31.395], [121.71, 31.398], [121.725, 31.4]]),
  { ...EXPRESSWAY('上海长江大桥', 100, [[121.725, 31.4], [121.76, 31.431], [121.795, 31.462]]), hazmatAllowed: false, structure: 'bridge' },
  { ...EXPRESSWAY('潘园公路', 60, [[121.56, 31.462], [121.62, 31.436], [121.67, 31.412], [121.725, 31.4], [121.77, 31.375]]), roadClass: 'arterial' },
  EXPRESSWAY('G40沪陕高速(崇明)', 100, [[121.795, 31.462], [121.75, 31.52], [121.7, 31.56], [121.66, 31.6], [121.62, 31.66], [121.605, 31.712]]),
];

const ring = (name: string, coords: LonLat[], speedKmh: number): RoadLine =>
  ({ name, roadClass: 'ring', speedKmh, hazmatAllowed: true, tunnelCategory: null, oneway: false, structure: null, coords });

export const RING_ROADS: RoadLine[] = [
  ring('S20外环高速', OUTER_RING, 80),
  ring('中环路', MIDDLE_RING, 80),
  ring('内环高架路', INNER_RING, 80),
];

/** Splits every segment of `line` that crosses the Huangpu into approach / structure (±300 m) / approach. */
export function splitAtHuangpu(line: RoadLine): RoadLine[] {
  const pieces: RoadLine[] = [];
  let current: LonLat[] = [line.coords[0]];
  for (let i = 1; i < line.coords.length; i++) {
    const a = line.coords[i - 1], b = line.coords[i];
    let hitAt: LonLat | null = null;
    for (let k = 1; k < HUANGPU.length && !hitAt; k++) {
      const h = segmentIntersection(a, b, HUANGPU[k - 1], HUANGPU[k]);
      if (h) hitAt = h.p;
    }
    if (!hitAt || line.structure) { current.push(b); continue; }
    const segLen = haversineM(a, b);
    const dHit = haversineM(a, hitAt);
    const half = Math.min(300, dHit * 0.9, (segLen - dHit) * 0.9);
    const lerp = (d: number): LonLat => [round7(a[0] + ((b[0] - a[0]) * d) / segLen), round7(a[1] + ((b[1] - a[1]) * d) / segLen)];
    const s0 = lerp(dHit - half), s1 = lerp(dHit + half);
    current.push(s0);
    pieces.push({ ...line, coords: current });
    const named = HUANGPU_CROSSINGS
      .map((c) => ({ c, d: haversineM(c.at, hitAt!) }))
      .filter((x) => x.d < 1500)
      .sort((x, y) => x.d - y.d)[0]?.c;
    pieces.push({
      ...line,
      name: named?.name ?? `${line.name}黄浦江大桥`,
      structure: named?.kind ?? 'bridge',
      hazmatAllowed: named ? named.hazmatAllowed : true,
      tunnelCategory: named ? named.tunnelCategory : null,
      coords: [s0, s1],
    });
    current = [s1, b];
  }
  pieces.push({ ...line, coords: current });
  return pieces.filter((p) => p.coords.length >= 2 && lineLengthM(p.coords) > 1);
}

/** A straight crossing of the Huangpu at a named bridge/tunnel, perpendicular to the river, with approaches. */
function explicitCrossing(c: Crossing): RoadLine {
  // nearest river segment gives the direction
  let best = 1;
  let bestD = Infinity;
  for (let k = 1; k < HUANGPU.length; k++) {
    const d = distanceToLineM(c.at, [HUANGPU[k - 1], HUANGPU[k]]);
    if (d < bestD) { bestD = d; best = k; }
  }
  const [dx, dy] = toLocalM(HUANGPU[best - 1], HUANGPU[best]);
  const len = Math.hypot(dx, dy);
  const nx = -dy / len, ny = dx / len;
  const half = c.halfLengthM ?? 1500;
  return {
    name: `${c.name}接线`, roadClass: 'arterial', speedKmh: 50, hazmatAllowed: true, tunnelCategory: null, oneway: false, structure: null,
    coords: [offsetM(c.at, -nx * half, -ny * half), offsetM(c.at, nx * half, ny * half)],
  };
}

/** Extends both ends of a crossing to the nearest street junction on its own bank, so the approaches join the grid. */
function joinToGrid(line: RoadLine, gridNodes: LonLat[]): RoadLine {
  const nearest = (p: LonLat) => {
    let best: LonLat | undefined, bestD = Infinity;
    for (const q of gridNodes) {
      if (Math.abs(q[0] - p[0]) > 0.03 || Math.abs(q[1] - p[1]) > 0.03) continue;
      const d = haversineM(p, q);
      if (d < bestD && !segmentCrossesLine(p, q, HUANGPU)) { bestD = d; best = q; }
    }
    return best;
  };
  const c = line.coords;
  const a = nearest(c[0]), b = nearest(c[c.length - 1]);
  return { ...line, coords: [...(a ? [a] : []), ...c, ...(b ? [b] : [])] };
}

interface GridSpec { name: string; spacingM: number; inside: (p: LonLat) => boolean; urban: boolean }

/** Synthetic street grid over Shanghai's land, clipped to the Outer Ring where the two grids meet. */
function gridStreets(land: Land, rand: Rng, spec: GridSpec): RoadLine[] {
  const origin: LonLat = [120.85, 30.67];
  const k = metresPerDegree(31.2);
  const dLon = spec.spacingM / k.lon, dLat = spec.spacingM / k.lat;
  const nx = Math.ceil((122.02 - origin[0]) / dLon), ny = Math.ceil((31.88 - origin[1]) / dLat);
  // the urban grid only needs the Outer Ring's box (one cell of margin)
  const box = spec.urban ? bboxOf(OUTER_RING) : { minLon: -Infinity, maxLon: Infinity, minLat: -Infinity, maxLat: Infinity };
  const i0 = Math.max(0, Math.floor((box.minLon - origin[0]) / dLon) - 1), i1 = Math.min(nx, Math.ceil((box.maxLon - origin[0]) / dLon) + 1);
  const j0 = Math.max(0, Math.floor((box.minLat - origin[1]) / dLat) - 1), j1 = Math.min(ny, Math.ceil((box.maxLat - origin[1]) / dLat) + 1);
  const node = new Map<string, { p: LonLat; ok: boolean; inside: boolean }>();
  const riverClearM = spec.urban ? 200 : 300;
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const jx = (rand.next() - 0.5) * 0.24 * dLon, jy = (rand.next() - 0.5) * 0.24 * dLat;
      const p: LonLat = [round7(origin[0] + i * dLon + jx), round7(origin[1] + j * dLat + jy)];
      const inside = spec.inside(p);
      const ok = land.onLand(p) && !pointInRing(p, DIANSHAN_LAKE) && distanceToLineM(p, HUANGPU) > riverClearM;
      node.set(`${i},${j}`, { p, ok, inside });
    }
  }
  const lines: RoadLine[] = [];
  const edgeOk = (a: LonLat, b: LonLat) => {
    for (const f of [0.25, 0.5, 0.75]) {
      const q: LonLat = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
      if (!land.onLand(q) || pointInRing(q, DIANSHAN_LAKE)) return false;
    }
    return !segmentCrossesLine(a, b, HUANGPU);
  };
  const clipToRing = (from: LonLat, to: LonLat): LonLat | null => {
    for (let r = 1; r < OUTER_RING.length; r++) {
      const h = segmentIntersection(from, to, OUTER_RING[r - 1], OUTER_RING[r]);
      if (h) return [round7(h.p[0]), round7(h.p[1])];
    }
    return null;
  };
  for (let i = i0; i <= i1; i++) {
    for (let j = j0; j <= j1; j++) {
      const a = node.get(`${i},${j}`)!;
      for (const [di, dj] of [[1, 0], [0, 1]] as const) {
        const b = node.get(`${i + di},${j + dj}`);
        if (!b || !a.ok || !b.ok) continue;
        let p = a.p, q = b.p;
        if (a.inside !== b.inside) {
          // the grid meets the Outer Ring: keep the part on this grid's side, ending on the ring
          const cut = clipToRing(a.p, b.p);
          if (!cut) continue;
          if (a.inside) q = cut; else p = cut;
        } else if (!a.inside) continue;
        if (!edgeOk(p, q)) continue;
        const mid: LonLat = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
        const district = land.districtAt(mid) ?? land.districtAt(p) ?? land.districtAt(q);
        const ew = dj === 0;
        const index = ew ? j : i;
        const major = spec.urban ? index % 2 === 0 : index % 3 === 0;
        lines.push({
          name: `${district?.short ?? ''}${ew ? '纬' : '经'}${index}路`,
          roadClass: major ? 'arterial' : 'secondary',
          speedKmh: spec.urban ? (major ? 50 : 40) : (major ? 60 : 50),
          hazmatAllowed: true, tunnelCategory: null, oneway: false, structure: null,
          coords: [p, q],
        });
      }
    }
  }
  return lines;
}

export interface RoadNetwork {
  graph: RoadGraph;
  /** segments in pieces dropped because they were not connected to the city (islands without a fixed link) */
  droppedSegments: number;
}

export function buildRoads(land: Land, rand: Rng): RoadNetwork {
  const inOuter = (p: LonLat) => pointInRing(p, OUTER_RING);
  const urban = gridStreets(land, rand, { name: 'urban', spacingM: 1300, inside: inOuter, urban: true });
  const suburban = gridStreets(land, rand, { name: 'suburban', spacingM: 2600, inside: (p) => !inOuter(p), urban: false });
  const gridNodes = [...urban, ...suburban].flatMap((l) => [l.coords[0], l.coords[l.coords.length - 1]]);
  const crossings = HUANGPU_CROSSINGS.filter((c) => c.explicit).map((c) => joinToGrid(explicitCrossing(c), gridNodes));
  const named: RoadLine[] = [...RING_ROADS, ...EXPRESSWAYS, ...crossings];
  const lines = [...named.flatMap(splitAtHuangpu), ...G40, ...urban, ...suburban];
  const full = buildGraph(lines);
  const { graph, droppedSegments } = keepMainComponent(full, CITY_CENTRE);
  markOneway(graph, rand);
  return { graph, droppedSegments };
}

/**
 * A few one-way streets in the old city inside the Inner Ring, never two at one junction and only between
 * junctions with at least three streets, so every junction stays reachable both ways.
 */
function markOneway(graph: RoadGraph, rand: Rng): void {
  const degree = new Map<number, number>();
  for (const s of graph.segments) {
    degree.set(s.source, (degree.get(s.source) ?? 0) + 1);
    degree.set(s.target, (degree.get(s.target) ?? 0) + 1);
  }
  const used = new Set<number>();
  let n = 0;
  for (const s of graph.segments) {
    if (n >= 24) break;
    if (s.roadClass !== 'secondary' || !pointInRing(s.coords[0], INNER_RING)) continue;
    if ((degree.get(s.source) ?? 0) < 3 || (degree.get(s.target) ?? 0) < 3 || used.has(s.source) || used.has(s.target)) continue;
    if (!rand.chance(0.5)) continue;
    s.oneway = true;
    used.add(s.source);
    used.add(s.target);
    n++;
  }
}

/** Node ids with their coordinates, for nearest-node lookups. */
export function nearestNode(graph: RoadGraph, p: LonLat): { id: number; distanceM: number } {
  let id = 1, best = Infinity;
  for (let n = 1; n < graph.nodes.length; n++) {
    const q = graph.nodes[n];
    if (Math.abs(q[0] - p[0]) > 0.05 || Math.abs(q[1] - p[1]) > 0.05) continue;
    const d = haversineM(p, q);
    if (d < best) { best = d; id = n; }
  }
  return { id, distanceM: best };
}

export { along };
