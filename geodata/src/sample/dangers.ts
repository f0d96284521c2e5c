/**
 * Synthetic hidden dangers (安全隐患) found at enterprises, on pipelines (the open occupations) and at level
 * crossings (matching each crossing's hidden_danger_status).
 */
import { centroid, type LonLat } from './geo.ts';
import type { Enterprise } from './enterprises.ts';
import type { PipelineOccupation, GasPipeline } from './pipelines.ts';
import { addDays, dateBetween } from './places.ts';
import type { Rng } from './prng.ts';
import type { RailCrossing } from './railways.ts';
import { RAILWAYS } from './railways.ts';

export interface HiddenDanger {
  id: number;
  title: string;
  sourceKind: 'enterprise' | 'pipeline' | 'rail_crossing' | 'hazard_source' | 'park' | 'other';
  sourceId: number;
  level: 'major' | 'general';
  foundAt: string;
  deadline: string | null;
  status: 'open' | 'rectifying' | 'closed';
  owner: string;
  district: string;
  location: LonLat;
}

const ENTERPRISE_ISSUES = [
  '可燃气体报警仪未定期检定', '储罐区防火堤破损', '重大危险源未设置视频监控', '特殊作业票证不规范', '安全出口被占用',
  '应急预案未演练', '静电接地设施失效', '危化品超量储存', '装置区防爆电气不符合要求', '未落实双重预防机制',
];
const CROSSING_ISSUES = ['道口栏杆损坏', '道口警示标志缺失', '道口铺面破损', '道口视距不足', '道口信号故障'];

export function buildHiddenDangers(
  enterprises: Enterprise[], occupations: PipelineOccupation[], pipelines: GasPipeline[], crossings: RailCrossing[], rand: Rng,
): HiddenDanger[] {
  const out: HiddenDanger[] = [];
  const status = () => rand.weighted([['open', 4], ['rectifying', 3], ['closed', 3]] as const);
  const risky = enterprises.filter((e) => e.riskLevel === 'red' || e.riskLevel === 'orange');
  for (let i = 0; i < 18; i++) {
    const e = risky[(i * 13) % risky.length];
    const foundAt = dateBetween(rand, '2024-06-01', '2025-06-10');
    const level = rand.chance(0.3) ? 'major' : 'general';
    out.push({
      id: 0, title: `${e.name}：${rand.pick(ENTERPRISE_ISSUES)}`, sourceKind: 'enterprise', sourceId: e.id, level, foundAt,
      deadline: addDays(foundAt, level === 'major' ? 30 : 60), status: status(), owner: `${e.district}应急管理局`, district: e.district, location: e.location,
    });
  }
  const openOcc = occupations.filter((o) => o.status === 'detected' || o.status === 'registered' || o.status === 'rectifying').slice(0, 12);
  for (const o of openOcc) {
    const pipe = pipelines.find((p) => p.id === o.pipelineId)!;
    const at = o.geom.type === 'Point' ? o.geom.coordinates : centroid([(o.geom as { coordinates: LonLat[][] }).coordinates]);
    out.push({
      id: 0, title: `燃气管道占压：${o.name}`, sourceKind: 'pipeline', sourceId: pipe.id,
      level: pipe.pressureClass.startsWith('高压') || pipe.pressureClass.startsWith('次高压') ? 'major' : 'general',
      foundAt: o.detectedAt, deadline: o.deadline, status: o.status === 'rectifying' ? 'rectifying' : 'open', owner: pipe.operator,
      district: o.district, location: [Math.round(at[0] * 1e6) / 1e6, Math.round(at[1] * 1e6) / 1e6],
    });
  }
  for (const c of crossings.filter((x) => x.hiddenDangerStatus !== 'none')) {
    const railway = RAILWAYS.find((r) => r.id === c.railwayId)!;
    const foundAt = c.foundAt!;
    out.push({
      id: 0, title: `${c.name}：${rand.pick(CROSSING_ISSUES)}`, sourceKind: 'rail_crossing', sourceId: c.id,
      level: c.guarded ? 'general' : 'major', foundAt, deadline: addDays(foundAt, 90),
      status: c.hiddenDangerStatus as HiddenDanger['status'], owner: railway.operator, district: c.district, location: c.location,
    });
  }
  return out.map((d, i) => ({ ...d, id: i + 1 }));
}
