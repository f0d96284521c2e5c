/**
 * Synthetic gas network covering the seven pressure classes of GB 50028-2006 (standards.md §3.1): a 高压A trunk
 * along the G1501 ring with feeders from the LNG terminals (五号沟, 洋山 landfall at 芦潮港) and the West–East
 * pipeline entry at 白鹤; a 高压B ring outside the S20; 次高压A/B mains along the Middle Ring and radial roads;
 * 中压A/B distribution along the streets of the city and the new towns; 低压 service mains in a few old
 * neighbourhoods. Pipelines run beside the roads (offset), are split into rows of a few kilometres, and carry
 * plausible diameters, materials, operators and depths.
 * Occupations (占压) are buildings/structures/storage on or within the protection range of a pipeline
 * (Shanghai: 0.7 m each side for 低/中压/次高压, 6 m for 高压 — standards.md §3.3 ⚠️), across the lifecycle.
 */
import { EXPRESSWAYS, RING_ROADS } from './roads.ts';
import {
  along, bearingDeg, densify, lineLengthM, offsetLine, offsetM, pointInRing, rectangle, type Geometry, type LonLat, point, polygon,
} from './geo.ts';
import { addDays, dateBetween, type Ctx } from './places.ts';
import type { Rng } from './prng.ts';
import { INNER_RING, MIDDLE_RING, OUTER_RING } from './ring.ts';

export type PressureClass = '低压' | '中压B' | '中压A' | '次高压B' | '次高压A' | '高压B' | '高压A';

export interface GasPipeline {
  id: number;
  name: string;
  pressureClass: PressureClass;
  diameterMm: number;
  material: string;
  operator: string;
  depthM: number;
  coords: LonLat[];
}

export interface PipelineOccupation {
  id: number;
  pipelineId: number;
  name: string;
  kind: 'building' | 'structure' | 'storage';
  district: string;
  detectedAt: string;
  status: 'detected' | 'registered' | 'rectifying' | 'cleared' | 'verified';
  deadline: string | null;
  evidence: string;
  /** distance from the pipe's centre line to the nearest part of the occupation, m (0 = on top of it) */
  distanceM: number;
  geom: Geometry;
}

const TRUNK_OPERATOR = '上海天然气管网有限公司';

/** Cuts a line into pieces of about pieceM metres. */
function pieces(line: LonLat[], pieceM: number): LonLat[][] {
  const dense = densify(line, 250);
  const out: LonLat[][] = [];
  let cur: LonLat[] = [dense[0]];
  let len = 0;
  for (let i = 1; i < dense.length; i++) {
    cur.push(dense[i]);
    len += lineLengthM([dense[i - 1], dense[i]]);
    if (len >= pieceM && i < dense.length - 1) {
      out.push(cur);
      cur = [dense[i]];
      len = 0;
    }
  }
  if (cur.length > 1) out.push(cur);
  return out;
}

function distributionOperator(p: LonLat): string {
  if (p[0] > 121.505 && pointInRing(p, OUTER_RING)) return '上海燃气浦东销售有限公司';
  if (pointInRing(p, OUTER_RING)) return p[1] > 31.235 ? '上海燃气市北销售有限公司' : p[0] < 121.44 ? '上海大众燃气有限公司' : '上海燃气市南销售有限公司';
  return '上海燃气郊区销售有限公司';
}

export function buildPipelines(ctx: Ctx, rand: Rng): GasPipeline[] {
  const out: GasPipeline[] = [];
  const add = (name: string, pressureClass: PressureClass, line: LonLat[], pieceM: number, spec: () => Omit<GasPipeline, 'id' | 'name' | 'pressureClass' | 'coords'>) => {
    const parts = pieces(line, pieceM);
    parts.forEach((c, i) => out.push({ id: out.length + 1, name: parts.length > 1 ? `${name}（${i + 1}段）` : name, pressureClass, coords: c, ...spec() }));
  };
  const high = (dn: number[]) => () => ({ diameterMm: rand.pick(dn), material: rand.pick(['L450钢管', 'L415钢管']), operator: TRUNK_OPERATOR, depthM: Math.round(rand.range(1.8, 2.6) * 10) / 10 });

  const g1501 = EXPRESSWAYS.find((e) => e.name.startsWith('G1501'))!.coords;
  add('高压A天然气主干管（郊环）', '高压A', offsetLine(densify(g1501, 500), 300), 8000, high([813, 711]));
  add('五号沟LNG外输高压A管', '高压A', [[121.66, 31.345], [121.66, 31.33], [121.66, 31.31], [121.67, 31.29]], 8000, high([711]));
  add('洋山LNG芦潮港登陆高压A管', '高压A', [[121.905, 30.872], [121.86, 30.9], [121.82, 30.93], [121.77, 30.965], [121.72, 30.99]], 8000, high([813]));
  add('西气东输白鹤门站高压A管', '高压A', [[121.095, 31.275], [121.11, 31.25], [121.13, 31.22], [121.135, 31.19]], 8000, high([711]));

  const s20 = OUTER_RING;
  add('高压B天然气环网（外环）', '高压B', offsetLine(densify(s20, 400), -500), 6000, high([610, 508]));
  for (const [name, line] of [
    ['高压B支线（北翟路门站）', [[121.35, 31.225], [121.31, 31.225], [121.26, 31.22], [121.2, 31.215], [121.14, 31.21]]],
    ['高压B支线（闵行门站）', [[121.43, 31.085], [121.43, 31.05], [121.42, 31.0], [121.41, 30.95], [121.42, 30.925]]],
    ['高压B支线（化工区）', [[121.45, 30.93], [121.455, 30.88], [121.455, 30.83], [121.455, 30.8]]],
    ['高压B支线（临港）', [[121.75, 30.99], [121.8, 30.96], [121.85, 30.93], [121.9, 30.91]]],
  ] as const) add(name, '高压B', line.map((p) => [p[0], p[1]] as LonLat), 6000, high([508, 406]));

  const sub = (dn: number[], operator?: string) => (p: LonLat) => () => ({
    diameterMm: rand.pick(dn), material: rand.pick(['L360钢管', 'L290钢管']), operator: operator ?? distributionOperator(p),
    depthM: Math.round(rand.range(1.2, 2.0) * 10) / 10,
  });
  add('次高压A中环干管', '次高压A', offsetLine(densify(MIDDLE_RING, 400), 150), 4000, sub([508, 406], '上海燃气有限公司')(MIDDLE_RING[0]));
  for (const name of ['延安高架路', '南北高架路', 'S4沪金高速', 'G60沪昆高速', 'S5沪嘉高速', 'S1迎宾高速']) {
    const road = EXPRESSWAYS.find((e) => e.name === name)!;
    add(`次高压B干管（${name.replace(/^[GS]\d+/, '')}沿线）`, '次高压B', offsetLine(densify(road.coords, 400), 60), 4000, sub([406, 323, 273])(road.coords[0]));
  }
  add('次高压B内环干管', '次高压B', offsetLine(densify(RING_ROADS[2].coords, 300), 40), 3000, sub([323, 273], '上海燃气有限公司')(INNER_RING[0]));

  // 中压 distribution along the streets: inside the Outer Ring and around the new towns
  const towns: LonLat[] = [[121.25, 31.38], [121.225, 31.03], [121.11, 31.15], [121.47, 30.92], [121.34, 30.74], [121.9, 30.91], [121.4, 31.4]];
  const streets = ctx.graph.segments.filter((s) => (s.roadClass === 'arterial' || s.roadClass === 'secondary') && !s.structure);
  for (const s of streets) {
    const mid = s.coords[Math.floor(s.coords.length / 2)];
    const urban = pointInRing(mid, OUTER_RING);
    const town = towns.some((t) => Math.abs(t[0] - mid[0]) < 0.035 && Math.abs(t[1] - mid[1]) < 0.03);
    if (!(urban ? rand.chance(0.22) : town && rand.chance(0.5))) continue;
    const cls: PressureClass = s.roadClass === 'arterial' ? '中压A' : '中压B';
    const pe = cls === '中压B' && rand.chance(0.6);
    add(`${s.name}${cls}燃气管`, cls, offsetLine(s.coords, rand.chance(0.5) ? 8 : -8), 100000, () => ({
      diameterMm: pe ? rand.pick([160, 200, 250]) : rand.pick([219, 273, 325]), material: pe ? 'PE100' : '20#钢管',
      operator: distributionOperator(mid), depthM: Math.round(rand.range(0.9, 1.5) * 10) / 10,
    }));
  }

  // 低压 service mains in a few old neighbourhoods inside the Inner Ring
  const hoods: readonly (readonly [string, LonLat])[] = [
    ['老西门', [121.482, 31.222]], ['董家渡', [121.497, 31.214]], ['提篮桥', [121.5, 31.258]], ['曹家渡', [121.432, 31.229]], ['打浦桥', [121.468, 31.207]],
  ];
  for (const [hood, c] of hoods) {
    for (let k = 0; k < 3; k++) {
      const ew: LonLat[] = [offsetM(c, -260, (k - 1) * 120), offsetM(c, 260, (k - 1) * 120)];
      const ns: LonLat[] = [offsetM(c, (k - 1) * 150, -200), offsetM(c, (k - 1) * 150, 200)];
      for (const [i, line] of [ew, ns].entries()) {
        add(`${hood}${i ? '南北' : '东西'}${k + 1}弄低压管`, '低压', line, 100000, () => ({
          diameterMm: rand.pick([100, 150, 200]), material: rand.pick(['铸铁管', 'PE80', '镀锌钢管']),
          operator: distributionOperator(c), depthM: Math.round(rand.range(0.6, 1.0) * 10) / 10,
        }));
      }
    }
  }
  void INNER_RING;
  return out;
}

const OCCUPIERS: Record<PipelineOccupation['kind'], readonly string[]> = {
  building: ['违章彩钢板房', '砖混平房', '临时工棚', '沿街商铺扩建', '门卫室'],
  structure: ['围墙基础', '广告牌基础', '混凝土停车棚', '化粪池', '绿化花坛(深根乔木)'],
  storage: ['建材堆放', '液化气钢瓶堆放', '废品堆场', '集装箱堆放'],
};

/** Occupations across the lifecycle, inside the pipelines' protection ranges. */
export function buildOccupations(ctx: Ctx, pipelines: GasPipeline[], rand: Rng): PipelineOccupation[] {
  const out: PipelineOccupation[] = [];
  const pool = pipelines.filter((p) => ctx.land.onLand(p.coords[0]));
  const weighted = pool.map((p) => [p, p.pressureClass.startsWith('中压') || p.pressureClass === '低压' ? 3 : p.pressureClass.startsWith('次高压') ? 2 : 1] as const);
  while (out.length < 64) {
    const pipe = rand.weighted(weighted);
    const highPressure = pipe.pressureClass.startsWith('高压');
    const zoneM = highPressure ? 6 : 0.7; // 上海市燃气管道设施保护办法 protection range (standards.md §3.3 ⚠️)
    const f = rand.range(0.1, 0.9);
    const { point: on, index } = along(pipe.coords, f);
    const heading = bearingDeg(pipe.coords[index], pipe.coords[index + 1]);
    const kind = rand.weighted([['building', 45], ['structure', 35], ['storage', 20]] as const);
    const what = rand.pick(OCCUPIERS[kind]);
    const side = rand.chance(0.5) ? 1 : -1;
    // right-hand normal of the heading
    const nx = Math.cos((heading * Math.PI) / 180) * side, ny = -Math.sin((heading * Math.PI) / 180) * side;
    let geom: Geometry;
    let distanceM: number;
    if (kind === 'storage' && rand.chance(0.6)) {
      distanceM = Math.round(rand.range(0, zoneM * 0.8) * 100) / 100;
      geom = point(offsetM(on, nx * distanceM, ny * distanceM));
    } else {
      const across = rand.range(6, 16), alongM = rand.range(8, 30);
      const straddle = rand.chance(0.55);
      distanceM = straddle ? 0 : Math.round(rand.range(0.1, zoneM * 0.85) * 100) / 100;
      const shift = straddle ? rand.range(-across / 3, across / 3) : distanceM + across / 2;
      const c = offsetM(on, nx * shift, ny * shift);
      geom = polygon(rectangle(c, across, alongM, heading).slice(0, -1));
    }
    const district = ctx.land.districtAt(on);
    if (!district) continue;
    const status = rand.weighted([['detected', 20], ['registered', 25], ['rectifying', 25], ['cleared', 15], ['verified', 15]] as const);
    const detectedAt = dateBetween(rand, '2024-01-08', '2025-06-10');
    const deadline = status === 'detected' ? null : addDays(detectedAt, rand.pick([60, 90, 180]));
    const where = distanceM === 0 ? '直接压占管道上方' : `距管道中心线约 ${distanceM} m`;
    out.push({
      id: out.length + 1, pipelineId: pipe.id, name: `${what}（${pipe.name}）`, kind, district: district.name, detectedAt, status, deadline,
      evidence: `${detectedAt} 巡线发现${what}，${where}，位于${pipe.pressureClass}管道 ${zoneM} m 安全保护范围内；现场照片 ${rand.int(2, 6)} 张。`,
      distanceM, geom,
    });
  }
  return out;
}
