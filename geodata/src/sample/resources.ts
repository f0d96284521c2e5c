/**
 * Emergency resources: one national hazmat rescue team (国家危险化学品应急救援上海石化队 style, at Jinshan),
 * six regional hazmat rescue bases, twenty enterprise rescue teams, fire stations in every district (more where
 * more people live), micro fire stations, shelters (应急避难场所) with capacities, supply depots and experts.
 * Locations, names, equipment and phones are synthetic.
 */
import { offsetM, type LonLat } from './geo.ts';
import type { Enterprise } from './enterprises.ts';
import { buildable, contactName, fictionalPhone, parkAt, pointAround, pointNearRoad, SURNAMES, type Ctx } from './places.ts';
import type { Rng } from './prng.ts';
import type { ProtectedTarget } from './targets.ts';
import { centroid } from './geo.ts';

export type ResourceKind = 'national_base' | 'regional_base' | 'rescue_team' | 'fire_station' | 'micro_fire_station' | 'shelter' | 'supply_depot' | 'expert';

export interface EmergencyResource {
  id: number;
  name: string;
  kind: ResourceKind;
  capacity: number;
  equipment: string;
  contact: string;
  phone: string;
  district: string;
  location: LonLat;
}

const REGIONAL: readonly (readonly [string, LonLat])[] = [
  ['化学工业区', [121.445, 30.79]],
  ['宝山', [121.43, 31.42]],
  ['高桥', [121.575, 31.33]],
  ['吴泾', [121.455, 31.065]],
  ['嘉定', [121.25, 31.38]],
  ['奉贤', [121.545, 30.875]],
];

export function buildResources(ctx: Ctx, enterprises: Enterprise[], targets: ProtectedTarget[], rand: Rng): EmergencyResource[] {
  const out: EmergencyResource[] = [];
  const add = (r: Omit<EmergencyResource, 'id' | 'district' | 'phone'> & { phone?: string }) => {
    const d = ctx.land.districtAt(r.location);
    if (!d) throw new Error(`resource ${r.name} is not on land`);
    out.push({ ...r, id: out.length + 1, district: d.name, phone: r.phone ?? fictionalPhone(rand) });
  };
  const ok = (p: LonLat) => buildable(ctx, p);

  add({
    name: '国家危险化学品应急救援上海石化队', kind: 'national_base', capacity: 180,
    equipment: '大功率泡沫消防车 4 辆, 举高喷射消防车 3 辆, 远程供水系统 1 套, 防化洗消车 2 辆, 气体侦检车 1 辆, 堵漏器材 12 套, 重型防化服 60 套',
    contact: contactName(rand, '值班队长'), location: pointAround(rand, [121.338, 30.712], 200, ok),
  });
  for (const [place, at] of REGIONAL) {
    add({
      name: `上海市危险化学品应急救援${place}区域基地`, kind: 'regional_base', capacity: rand.int(60, 120),
      equipment: `泡沫消防车 ${rand.int(3, 6)} 辆, 防化洗消车 1 辆, 气体检测仪 ${rand.int(10, 30)} 台, 堵漏器材 ${rand.int(4, 10)} 套, 重型防化服 ${rand.int(20, 40)} 套`,
      contact: contactName(rand, '值班队长'), location: pointAround(rand, at, 300, (p) => ok(p)),
    });
  }
  const teamHosts = enterprises
    .filter((e) => e.parkId !== null && (e.riskLevel === 'red' || e.riskLevel === 'orange') && e.kind === 'enterprise')
    .slice(0, 20);
  for (const e of teamHosts) {
    add({
      name: `${e.name.replace(/^上海/, '').replace(/有限公司$/, '')}专职救援队`, kind: 'rescue_team', capacity: rand.int(12, 45),
      equipment: `泡沫消防车 ${rand.int(1, 3)} 辆, 空气呼吸器 ${rand.int(10, 30)} 具, 气体检测仪 ${rand.int(4, 12)} 台`,
      contact: contactName(rand, '队长'), location: offsetM(e.location, rand.range(-80, 80), rand.range(-80, 80)),
    });
  }
  // fire stations: at least one per district, the rest by population
  const totalPop = ctx.land.districts.reduce((s, d) => s + d.population, 0);
  for (const d of ctx.land.districts) {
    const n = Math.max(1, Math.round((d.population / totalPop) * 44));
    for (let i = 1; i <= n; i++) {
      const at = pointNearRoad(rand, ctx, 600, (p) => ok(p) && ctx.land.districtAt(p) === d && !parkAt(ctx, p), (q) => ctx.land.districtAt(q) === d);
      add({
        name: `${d.short}第${i}消防救援站`, kind: 'fire_station', capacity: rand.int(25, 60),
        equipment: `水罐消防车 ${rand.int(2, 4)} 辆, 泡沫消防车 ${rand.int(1, 2)} 辆, 抢险救援车 1 辆${rand.chance(0.3) ? ', 举高喷射消防车 1 辆' : ''}`,
        contact: contactName(rand, '站长'), location: at,
      });
    }
  }
  const residential = targets.filter((t) => t.kind === 'residential' && t.population >= 1000);
  for (let i = 0; i < 40; i++) {
    const base = i % 2 === 0 && residential.length ? centroid([(rand.pick(residential).geom as { coordinates: LonLat[][] }).coordinates])
      : rand.pick(enterprises.filter((e) => e.kind === 'enterprise')).location;
    const at = pointAround(rand, base, 150, ok);
    const d = ctx.land.districtAt(at)!;
    add({
      name: `${d.short}第${i + 1}微型消防站`, kind: 'micro_fire_station', capacity: rand.int(4, 10),
      equipment: '手抬机动消防泵 1 台, 灭火器 20 具, 消防水带 10 盘, 破拆工具 1 套', contact: contactName(rand, '站长'), location: at,
    });
  }
  for (let i = 0; i < 26; i++) {
    const at = pointNearRoad(rand, ctx, 800, (p) => ok(p) && !parkAt(ctx, p));
    const d = ctx.land.districtAt(at)!;
    add({
      name: `${d.short}第${i + 1}应急避难场所`, kind: 'shelter', capacity: rand.int(3, 80) * 1000,
      equipment: '应急供水, 应急照明, 应急厕所, 物资储备间', contact: contactName(rand, '管理员'), location: at,
    });
  }
  for (let i = 0; i < 8; i++) {
    const at = pointNearRoad(rand, ctx, 800, (p) => ok(p) && !parkAt(ctx, p));
    const d = ctx.land.districtAt(at)!;
    add({
      name: `上海市应急物资储备库（${d.short}${i + 1}号）`, kind: 'supply_depot', capacity: rand.int(200, 2000),
      equipment: '吸附棉 5 t, 围油栏 800 m, 中和剂 10 t, 防化服 200 套, 帐篷 300 顶, 发电机 10 台', contact: contactName(rand, '库管员'), location: at,
    });
  }
  const fields = ['化工工艺', '危险化学品储运', '消防救援', '职业卫生与毒理', '燃气管网', '环境监测'];
  fields.forEach((field, i) => {
    const at = pointAround(rand, i % 2 ? [121.505, 31.3] : [121.435, 31.19], 1500, (p) => ok(p));
    add({
      name: `危化品应急专家 ${SURNAMES[(i * 7) % SURNAMES.length]}某（${field}）`, kind: 'expert', capacity: 1,
      equipment: `专业领域: ${field}`, contact: '市应急管理局专家库', location: at,
    });
  });
  return out;
}
