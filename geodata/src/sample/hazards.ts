/**
 * Synthetic major hazard sources (重大危险源), each belonging to an enterprise that handles chemicals.
 * `units` lists design maximum quantities (GB 18218-2018 §4.2.2) of chemicals named in GB 18218-2018 Table 1,
 * by CAS number (standards.md §1.2). Quantities are drawn so that S = Σ q/Q is ≥ 1 for almost all of them, spread
 * from just above 1 to ≈ 80, so that grades 一 … 四级 all occur once the people nearby are counted. The computed
 * columns (ratio_sum, alpha, r_value, grade, exposed_people) are left NULL for the grading code to fill.
 */
import { offsetM, rectangle, type Geometry, type LonLat, point, polygon } from './geo.ts';
import type { Enterprise } from './enterprises.ts';
import { CHEMICAL_INDUSTRIES } from './enterprises.ts';
import type { Rng } from './prng.ts';

/** GB 18218-2018 Table 1 rows used by the sample (standards.md §1.2): CAS → name, critical quantity Q in t. */
export const TABLE1: Record<string, { name: string; criticalQuantityT: number }> = {
  '7782-50-5': { name: '氯', criticalQuantityT: 5 },
  '7664-41-7': { name: '氨', criticalQuantityT: 10 },
  '68476-85-7': { name: '液化石油气', criticalQuantityT: 50 },
  '67-56-1': { name: '甲醇', criticalQuantityT: 500 },
  '71-43-2': { name: '苯', criticalQuantityT: 50 },
  '86290-81-5': { name: '汽油', criticalQuantityT: 200 },
  '75-21-8': { name: '环氧乙烷', criticalQuantityT: 10 },
  '1333-74-0': { name: '氢', criticalQuantityT: 5 },
  '108-88-3': { name: '甲苯', criticalQuantityT: 500 },
  '74-85-1': { name: '乙烯', criticalQuantityT: 50 },
  '7783-06-4': { name: '硫化氢', criticalQuantityT: 5 },
  '75-44-5': { name: '光气', criticalQuantityT: 0.3 },
  '107-13-1': { name: '丙烯腈', criticalQuantityT: 50 },
  '74-86-2': { name: '乙炔', criticalQuantityT: 1 },
  '8006-14-2': { name: '天然气', criticalQuantityT: 50 },
  '106-99-0': { name: '1,3-丁二烯', criticalQuantityT: 5 },
  '75-01-4': { name: '氯乙烯', criticalQuantityT: 50 },
};

export interface HazardUnit { chemical: string; quantityT: number }

export interface HazardSource {
  id: number;
  name: string;
  enterpriseId: number;
  unitKind: 'production' | 'storage';
  units: HazardUnit[];
  district: string;
  geom: Geometry;
}

interface Template { name: string; kind: 'production' | 'storage'; mix: readonly (readonly [string, number])[]; industries: readonly string[] }

/** unit templates: chemicals with their share of S */
const TEMPLATES: Template[] = [
  { name: '液氯储罐区', kind: 'storage', mix: [['7782-50-5', 1]], industries: ['基础化工', '危险化学品仓储', '精细化工'] },
  { name: '液氨储罐区', kind: 'storage', mix: [['7664-41-7', 1]], industries: ['基础化工', '工业气体', '危险化学品仓储', '精细化工'] },
  { name: '液化石油气球罐区', kind: 'storage', mix: [['68476-85-7', 1]], industries: ['石油化工', '燃气', '危险化学品仓储'] },
  { name: '甲醇储罐区', kind: 'storage', mix: [['67-56-1', 1]], industries: ['基础化工', '精细化工', '危险化学品仓储', '化学品物流', '医药化工'] },
  { name: '芳烃罐组', kind: 'storage', mix: [['71-43-2', 0.6], ['108-88-3', 0.4]], industries: ['石油化工', '精细化工', '危险化学品仓储', '涂料油墨'] },
  { name: '汽油罐组', kind: 'storage', mix: [['86290-81-5', 1]], industries: ['石油化工', '危险化学品仓储', '化学品物流'] },
  { name: '环氧乙烷装置', kind: 'production', mix: [['75-21-8', 0.7], ['74-85-1', 0.3]], industries: ['石油化工', '基础化工'] },
  { name: '加氢精制装置', kind: 'production', mix: [['1333-74-0', 0.6], ['7783-06-4', 0.4]], industries: ['石油化工'] },
  { name: '光气化装置', kind: 'production', mix: [['75-44-5', 0.7], ['7782-50-5', 0.3]], industries: ['基础化工', '精细化工'] },
  { name: '丙烯腈装置', kind: 'production', mix: [['107-13-1', 0.7], ['7664-41-7', 0.3]], industries: ['石油化工', '基础化工'] },
  { name: '乙烯裂解装置', kind: 'production', mix: [['74-85-1', 0.6], ['106-99-0', 0.25], ['1333-74-0', 0.15]], industries: ['石油化工'] },
  { name: '氯乙烯装置', kind: 'production', mix: [['75-01-4', 0.6], ['7782-50-5', 0.4]], industries: ['基础化工'] },
  { name: '气体充装站', kind: 'storage', mix: [['1333-74-0', 0.5], ['74-86-2', 0.5]], industries: ['工业气体'] },
  { name: '天然气储配站', kind: 'storage', mix: [['8006-14-2', 1]], industries: ['燃气'] },
  { name: '溶剂库', kind: 'storage', mix: [['108-88-3', 0.5], ['67-56-1', 0.5]], industries: ['涂料油墨', '医药化工', '化学品物流', '精细化工'] },
];

/** S = Σ q/Q bands: a few below 1 (not major hazards, kept for the identification screen), most 1–80. */
const S_BANDS = [[[0.4, 0.95], 1], [[1.05, 4], 8], [[4, 12], 6], [[12, 30], 4], [[30, 80], 2]] as const;

function roundQuantity(q: number): number {
  if (q >= 100) return Math.round(q / 10) * 10;
  if (q >= 10) return Math.round(q);
  return Math.round(q * 10) / 10;
}

export function ratioSum(units: HazardUnit[]): number {
  return units.reduce((s, u) => s + u.quantityT / TABLE1[u.chemical].criticalQuantityT, 0);
}

export function buildHazardSources(enterprises: Enterprise[], rand: Rng): HazardSource[] {
  const candidates = enterprises.filter((e) =>
    (e.kind === 'enterprise' || e.kind === 'warehouse' || e.kind === 'hazmat_storage_base') &&
    (CHEMICAL_INDUSTRIES as readonly string[]).includes(e.industry));
  const out: HazardSource[] = [];
  for (const e of candidates) {
    // every relocation candidate and storage base has one; about half of the other chemical plants do
    const n = e.relocationCandidate || e.kind === 'hazmat_storage_base' ? rand.int(1, 2)
      : e.riskLevel === 'red' ? rand.int(1, 2) : rand.chance(0.45) ? 1 : 0;
    const fitting = TEMPLATES.filter((t) => t.industries.includes(e.industry) || (e.kind === 'hazmat_storage_base' && t.kind === 'storage'));
    const used = new Set<string>();
    for (let k = 0; k < n && fitting.length; k++) {
      const t = rand.pick(fitting.filter((f) => !used.has(f.name)).length ? fitting.filter((f) => !used.has(f.name)) : fitting);
      used.add(t.name);
      const [lo, hi] = rand.weighted(S_BANDS.map(([band, w]) => [band, w] as const));
      const s = lo * Math.pow(hi / lo, rand.next());
      const units = t.mix.map(([cas, share]) => ({ chemical: cas, quantityT: roundQuantity(s * share * TABLE1[cas].criticalQuantityT) }))
        .filter((u) => u.quantityT > 0);
      const dir = rand.range(0, 2 * Math.PI), dist = rand.range(40, 160);
      const c = offsetM(e.location, dist * Math.sin(dir), dist * Math.cos(dir));
      const geom = rand.chance(0.6)
        ? polygon(rectangle(c, rand.range(60, 180), rand.range(50, 140), rand.range(0, 90)).slice(0, -1))
        : point(c as LonLat);
      const short = e.name.replace(/^上海/, '').replace(/有限公司$/, '');
      out.push({ id: out.length + 1, name: `${short}${t.name}`, enterpriseId: e.id, unitKind: t.kind, units, district: e.district, geom });
    }
  }
  return out;
}
