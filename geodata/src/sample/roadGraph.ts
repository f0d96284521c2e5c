/**
 * Turns road polylines into a routing graph: every crossing of two polylines becomes a node (an at-grade junction
 * in this sample), every polyline is split at every node, node ids are shared by all segments that meet there.
 * Pure TypeScript so the graph is known before it reaches the database (and testable without one).
 */
import { haversineM, lineLengthM, round7, segmentIntersection, type LonLat } from './geo.ts';

export interface RoadProps {
  name: string;
  roadClass: 'expressway' | 'ring' | 'arterial' | 'secondary' | 'local';
  speedKmh: number;
  hazmatAllowed: boolean;
  tunnelCategory: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  oneway: boolean;
  /** bridge / tunnel / null, for labels and the README; not a column */
  structure?: 'bridge' | 'tunnel' | null;
}

export interface RoadLine extends RoadProps { coords: LonLat[] }

export interface RoadSegment extends RoadProps {
  id: number;
  source: number;
  target: number;
  lengthM: number;
  coords: LonLat[];
}

export interface RoadGraph {
  segments: RoadSegment[];
  /** node id → coordinate (index 0 unused) */
  nodes: LonLat[];
}

const key = (p: LonLat) => `${p[0]},${p[1]}`;

interface Cut { seg: number; t: number; p: LonLat }

/** Nodes the lines at all their mutual crossings and shared vertices, then splits them into segments. */
export function buildGraph(lines: RoadLine[]): RoadGraph {
  const lineCoords = lines.map((l) => l.coords.map((p) => [round7(p[0]), round7(p[1])] as LonLat));
  const cuts: Cut[][] = lineCoords.map(() => []);
  // spatial hash of segments (cell ≈ 1 km); segments are numbered globally so pairs can be keyed by number
  const cell = 0.01;
  const grid = new Map<number, number[]>();
  const segLine: number[] = [], segIndex: number[] = [];
  lineCoords.forEach((c, li) => {
    for (let s = 0; s + 1 < c.length; s++) {
      const g = segLine.length;
      segLine.push(li);
      segIndex.push(s);
      const a = c[s], b = c[s + 1];
      const x0 = Math.floor(Math.min(a[0], b[0]) / cell), x1 = Math.floor(Math.max(a[0], b[0]) / cell);
      const y0 = Math.floor(Math.min(a[1], b[1]) / cell), y1 = Math.floor(Math.max(a[1], b[1]) / cell);
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) {
        const k = x * 100_000 + y;
        let list = grid.get(k);
        if (!list) grid.set(k, (list = []));
        list.push(g);
      }
    }
  });
  const total = segLine.length;
  const seen = new Set<number>();
  const atEnd = (c: LonLat[], s: number, t: number) => (s === 0 && t <= 1e-9) || (s === c.length - 2 && t >= 1 - 1e-9);
  const snap = (c: LonLat[], s: number, t: number, p: LonLat): LonLat => (t <= 1e-9 ? c[s] : t >= 1 - 1e-9 ? c[s + 1] : p);
  for (const list of grid.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const ga = Math.min(list[i], list[j]), gb = Math.max(list[i], list[j]);
        const la = segLine[ga], lb = segLine[gb];
        if (la === lb) continue;
        const pairKey = ga * total + gb;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const sa = segIndex[ga], sb = segIndex[gb];
        const A = lineCoords[la], B = lineCoords[lb];
        const hit = segmentIntersection(A[sa], A[sa + 1], B[sb], B[sb + 1]);
        if (!hit) continue;
        // bridges and tunnels are grade-separated: streets they pass over or under do not join them
        if ((lines[la].structure && !atEnd(A, sa, hit.t)) || (lines[lb].structure && !atEnd(B, sb, hit.u))) continue;
        // an existing vertex wins, so both lines carry the very same coordinate
        const pa = snap(A, sa, hit.t, hit.p);
        const pb = snap(B, sb, hit.u, hit.p);
        const p: LonLat = pa !== hit.p ? pa : pb !== hit.p ? pb : [round7(hit.p[0]), round7(hit.p[1])];
        cuts[la].push({ seg: sa, t: hit.t, p });
        cuts[lb].push({ seg: sb, t: hit.u, p });
      }
    }
  }
  // vertices with cuts inserted, and which of them are nodes
  const expanded: LonLat[][] = [];
  const nodeKeys = new Set<string>();
  const vertexUse = new Map<string, number>();
  lineCoords.forEach((c, li) => {
    const bySeg = new Map<number, Cut[]>();
    for (const cut of cuts[li]) {
      const list = bySeg.get(cut.seg) ?? [];
      list.push(cut);
      bySeg.set(cut.seg, list);
    }
    const out: LonLat[] = [];
    const push = (p: LonLat) => {
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    };
    for (let s = 0; s < c.length; s++) {
      push(c[s]);
      if (s + 1 < c.length) for (const cut of (bySeg.get(s) ?? []).sort((a, b) => a.t - b.t)) push(cut.p);
    }
    expanded.push(out);
    for (const cut of cuts[li]) nodeKeys.add(key(cut.p));
    nodeKeys.add(key(out[0]));
    nodeKeys.add(key(out[out.length - 1]));
    for (const p of new Set(out.map(key))) vertexUse.set(p, (vertexUse.get(p) ?? 0) + 1);
  });
  for (const [k, n] of vertexUse) if (n > 1) nodeKeys.add(k);

  const nodeIds = new Map<string, number>();
  const nodes: LonLat[] = [[0, 0]];
  const nodeId = (p: LonLat) => {
    const k = key(p);
    let id = nodeIds.get(k);
    if (id === undefined) {
      id = nodes.length;
      nodes.push(p);
      nodeIds.set(k, id);
    }
    return id;
  };
  const segments: RoadSegment[] = [];
  expanded.forEach((c, li) => {
    const { coords: _ignored, ...props } = lines[li];
    let start = 0;
    for (let v = 1; v < c.length; v++) {
      if (!nodeKeys.has(key(c[v])) && v < c.length - 1) continue;
      const part = c.slice(start, v + 1);
      start = v;
      const lengthM = lineLengthM(part);
      if (part.length < 2 || lengthM < 0.5) continue;
      segments.push({ ...props, id: segments.length + 1, source: nodeId(part[0]), target: nodeId(part[part.length - 1]), lengthM: Math.round(lengthM * 10) / 10, coords: part });
    }
  });
  return { segments, nodes };
}

/** Connected components of the undirected graph: node id → component label (smallest node id in it). */
export function components(graph: RoadGraph): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== undefined && parent.get(y) !== r) { const n = parent.get(y)!; parent.set(y, r); y = n; }
    return r;
  };
  for (const s of graph.segments) {
    if (!parent.has(s.source)) parent.set(s.source, s.source);
    if (!parent.has(s.target)) parent.set(s.target, s.target);
    const a = find(s.source), b = find(s.target);
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const out = new Map<number, number>();
  for (const n of parent.keys()) out.set(n, find(n));
  return out;
}

/** Keeps the component containing the node nearest to `anchor`, renumbering segments and nodes densely. */
export function keepMainComponent(graph: RoadGraph, anchor: LonLat): { graph: RoadGraph; droppedSegments: number } {
  const comp = components(graph);
  let best = -1, bestD = Infinity;
  for (const n of comp.keys()) {
    const d = haversineM(graph.nodes[n], anchor);
    if (d < bestD) { bestD = d; best = n; }
  }
  const main = comp.get(best);
  const kept = graph.segments.filter((s) => comp.get(s.source) === main);
  const remap = new Map<number, number>();
  const nodes: LonLat[] = [[0, 0]];
  const id = (n: number) => {
    let m = remap.get(n);
    if (m === undefined) { m = nodes.length; nodes.push(graph.nodes[n]); remap.set(n, m); }
    return m;
  };
  const segments = kept.map((s, i) => ({ ...s, id: i + 1, source: id(s.source), target: id(s.target) }));
  return { graph: { segments, nodes }, droppedSegments: graph.segments.length - kept.length };
}

/** Dijkstra on travel time (length / speed), honouring one-way segments and, optionally, hazmat bans. */
export function shortestPath(graph: RoadGraph, from: number, to: number, opts: { hazmat?: boolean } = {}): RoadSegment[] | null {
  const adj = new Map<number, { seg: RoadSegment; to: number }[]>();
  const add = (a: number, b: number, seg: RoadSegment) => {
    const l = adj.get(a) ?? [];
    l.push({ seg, to: b });
    adj.set(a, l);
  };
  for (const s of graph.segments) {
    if (opts.hazmat && !s.hazmatAllowed) continue;
    add(s.source, s.target, s);
    if (!s.oneway) add(s.target, s.source, s);
  }
  const dist = new Map<number, number>([[from, 0]]);
  const prev = new Map<number, { seg: RoadSegment; from: number }>();
  // binary heap of [cost, node]
  const heap: [number, number][] = [[0, from]];
  const pushH = (e: [number, number]) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (heap[p][0] <= heap[i][0]) break; [heap[p], heap[i]] = [heap[i], heap[p]]; i = p; }
  };
  const popH = (): [number, number] => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  while (heap.length) {
    const [d, n] = popH();
    if (n === to) break;
    if (d > (dist.get(n) ?? Infinity)) continue;
    for (const { seg, to: m } of adj.get(n) ?? []) {
      const nd = d + seg.lengthM / (seg.speedKmh / 3.6);
      if (nd < (dist.get(m) ?? Infinity)) {
        dist.set(m, nd);
        prev.set(m, { seg, from: n });
        pushH([nd, m]);
      }
    }
  }
  if (!dist.has(to)) return null;
  const path: RoadSegment[] = [];
  for (let n = to; n !== from;) {
    const p = prev.get(n)!;
    path.push(p.seg);
    n = p.from;
  }
  return path.reverse();
}

/** Coordinates of a path of segments walked from node `from`. */
export function pathCoords(path: RoadSegment[], from: number): LonLat[] {
  const out: LonLat[] = [];
  let at = from;
  for (const s of path) {
    const c = s.source === at ? s.coords : s.coords.slice().reverse();
    at = s.source === at ? s.target : s.source;
    for (const p of out.length ? c.slice(1) : c) out.push(p);
  }
  return out;
}

export { haversineM };
