/**
 * Railways hand-traced in WGS 84 from their public routes (a few hundred metres of accuracy): the Beijing–Shanghai
 * high-speed line and the Shanghai–Nanjing intercity (west via Anting), the Shanghai–Kunming high-speed line and
 * the conventional Shanghai–Hangzhou line (south-west via Songjiang), the Jinshan Railway (to Jinshanwei), the
 * Pudong Railway (freight, south Pudong to Luchaogang), the Shanghai–Nantong Railway (north via Anting/Taicang)
 * and the He–Yang freight branch. Level crossings (道口) are where the non-high-speed lines meet streets;
 * their guards, traffic and hidden-danger statuses are synthetic.
 */
import { segmentIntersection, type LonLat } from './geo.ts';
import { dateBetween, type Ctx } from './places.ts';
import type { Rng } from './prng.ts';

export interface Railway {
  id: number;
  name: string;
  kind: 'high_speed' | 'other';
  operator: string;
  coords: LonLat[];
}

export interface RailCrossing {
  id: number;
  name: string;
  road: string;
  railwayId: number;
  guarded: boolean;
  dailyTrains: number;
  dailyVehicles: number;
  hiddenDangerStatus: 'none' | 'open' | 'rectifying' | 'closed';
  district: string;
  location: LonLat;
  /** when the hidden danger was found (not a column; used for hidden_dangers) */
  foundAt: string | null;
}

const OPERATOR = '中国铁路上海局集团有限公司';

export const RAILWAYS: Railway[] = [
  { id: 1, name: '京沪高速铁路', kind: 'high_speed', operator: OPERATOR, coords: [[121.32, 31.196], [121.295, 31.225], [121.255, 31.262], [121.21, 31.285], [121.165, 31.303], [121.12, 31.318]] },
  { id: 2, name: '沪宁城际铁路', kind: 'high_speed', operator: OPERATOR, coords: [[121.4555, 31.2505], [121.43, 31.257], [121.4, 31.264], [121.36, 31.28], [121.32, 31.295], [121.26, 31.3], [121.2, 31.302], [121.165, 31.306], [121.12, 31.322]] },
  { id: 3, name: '沪昆高速铁路', kind: 'high_speed', operator: OPERATOR, coords: [[121.32, 31.194], [121.305, 31.15], [121.28, 31.1], [121.25, 31.04], [121.228, 30.99], [121.18, 30.95], [121.12, 30.92], [121.06, 30.9], [121.015, 30.887]] },
  { id: 4, name: '沪昆铁路（沪杭线）', kind: 'other', operator: OPERATOR, coords: [[121.4295, 31.155], [121.405, 31.132], [121.385, 31.113], [121.34, 31.085], [121.29, 31.06], [121.235, 31.025], [121.18, 30.985], [121.12, 30.945], [121.06, 30.91], [121.012, 30.89]] },
  { id: 5, name: '京沪铁路（沪宁线）', kind: 'other', operator: OPERATOR, coords: [[121.4555, 31.2495], [121.42, 31.262], [121.38, 31.278], [121.33, 31.3], [121.28, 31.305], [121.22, 31.3], [121.17, 31.298], [121.13, 31.31]] },
  { id: 6, name: '金山铁路', kind: 'other', operator: OPERATOR, coords: [[121.385, 31.113], [121.355, 31.09], [121.325, 31.07], [121.3, 31.02], [121.295, 30.96], [121.298, 30.92], [121.3, 30.87], [121.315, 30.81], [121.325, 30.76], [121.332, 30.735]] },
  { id: 7, name: '浦东铁路（货运）', kind: 'other', operator: '上海浦东铁路有限公司', coords: [[121.385, 31.05], [121.43, 31.03], [121.455, 31.0], [121.5, 30.975], [121.55, 30.96], [121.62, 30.94], [121.7, 30.925], [121.78, 30.905], [121.85, 30.885], [121.895, 30.872]] },
  { id: 8, name: '沪通铁路', kind: 'other', operator: OPERATOR, coords: [[121.165, 31.3], [121.158, 31.34], [121.15, 31.38], [121.14, 31.42], [121.13, 31.45]] },
  { id: 9, name: '何杨支线（货运）', kind: 'other', operator: OPERATOR, coords: [[121.33, 31.3], [121.37, 31.32], [121.41, 31.33], [121.45, 31.335], [121.49, 31.325], [121.515, 31.31]] },
  { id: 10, name: '闵行支线（货运）', kind: 'other', operator: OPERATOR, coords: [[121.385, 31.113], [121.395, 31.08], [121.405, 31.05], [121.42, 31.025]] },
];

/** Level crossings where non-high-speed lines meet arterial/secondary streets (expressways are grade-separated). */
export function buildRailCrossings(ctx: Ctx, rand: Rng): RailCrossing[] {
  const candidates: { railway: Railway; road: string; at: LonLat }[] = [];
  const streets = ctx.graph.segments.filter((s) => (s.roadClass === 'arterial' || s.roadClass === 'secondary' || s.roadClass === 'local') && !s.structure);
  for (const r of RAILWAYS.filter((x) => x.kind === 'other')) {
    for (const s of streets) {
      for (let i = 1; i < r.coords.length; i++) {
        for (let k = 1; k < s.coords.length; k++) {
          const hit = segmentIntersection(r.coords[i - 1], r.coords[i], s.coords[k - 1], s.coords[k]);
          if (hit) candidates.push({ railway: r, road: s.name, at: [Math.round(hit.p[0] * 1e6) / 1e6, Math.round(hit.p[1] * 1e6) / 1e6] });
        }
      }
    }
  }
  // freight and suburban lines keep more of their crossings
  const keep = candidates.filter((c) => rand.chance(c.railway.name.includes('货运') || c.railway.name === '金山铁路' ? 0.7 : 0.15));
  const out: RailCrossing[] = [];
  const names = new Set<string>();
  for (const c of keep) {
    const d = ctx.land.districtAt(c.at);
    if (!d) continue;
    let name = `${c.railway.name.replace(/（.*）/, '')}${c.road}道口`;
    for (let k = 2; names.has(name); k++) name = `${c.railway.name.replace(/（.*）/, '')}${c.road}${k}号道口`;
    names.add(name);
    const status = rand.weighted([['none', 50], ['open', 20], ['rectifying', 15], ['closed', 15]] as const);
    const freight = c.railway.name.includes('货运');
    out.push({
      id: out.length + 1, name, road: c.road, railwayId: c.railway.id, guarded: rand.chance(freight ? 0.45 : 0.75),
      dailyTrains: freight ? rand.int(4, 24) : rand.int(30, 90), dailyVehicles: rand.int(150, 9000), hiddenDangerStatus: status,
      district: d.name, location: c.at, foundAt: status === 'none' ? null : dateBetween(rand, '2024-03-01', '2025-05-31'),
    });
  }
  return out;
}
