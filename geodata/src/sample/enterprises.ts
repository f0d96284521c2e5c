/**
 * Synthetic enterprises: clustered in the chemical parks and in the industrial zones of Baoshan, Jiading, Minhang,
 * Songjiang, Qingpu, Jinshan and Lingang, some scattered, a few hazardous ones INSIDE the Outer Ring (cases for
 * the planners' relocation register), the four hazmat storage bases, and filling stations along the roads.
 * Names follow the pattern 上海<地名>某<干支><行业>有限公司 and are fictional; credit codes are synthetic but
 * check-digit valid (GB 32100-2015); phones cannot be real (see fictionalPhone).
 */
import { creditCode, CREDIT_CHARS } from './creditCode.ts';
import { pointInRing, type LonLat } from './geo.ts';
import type { ChemicalPark } from './parks.ts';
import {
  buildable, contactName, fictionalPhone, ganzhi, parkAt, pointAround, pointInside, pointNearRoad, type Ctx,
} from './places.ts';
import type { Rng } from './prng.ts';
import { OUTER_RING } from './ring.ts';
import { nearestNode } from './roads.ts';

export type RiskLevel = 'red' | 'orange' | 'yellow' | 'blue';
export type EnterpriseKind = 'enterprise' | 'hazmat_storage_base' | 'gas_station' | 'warehouse';

export interface Enterprise {
  id: number;
  name: string;
  creditCode: string;
  district: string;
  parkId: number | null;
  industry: string;
  kind: EnterpriseKind;
  contact: string;
  phone: string;
  employees: number;
  riskLevel: RiskLevel;
  /** true for the hazardous enterprises inside the Outer Ring that the city plans to move (not a column) */
  relocationCandidate: boolean;
  location: LonLat;
}

/** industries that handle hazardous chemicals (these get hazard sources) */
export const CHEMICAL_INDUSTRIES = ['石油化工', '基础化工', '精细化工', '医药化工', '工业气体', '危险化学品仓储', '化学品物流', '涂料油墨', '燃气'] as const;

interface Zone {
  place: string;
  count: number;
  industries: readonly (readonly [string, number])[];
  park?: ChemicalPark['key'];
  centre?: LonLat;
  sdM?: number;
  risk: readonly (readonly [RiskLevel, number])[];
}

const PETRO = [['石油化工', 4], ['基础化工', 3], ['精细化工', 3], ['工业气体', 1], ['危险化学品仓储', 1], ['化学品物流', 1]] as const;
const MIXED = [['精细化工', 2], ['医药化工', 1], ['涂料油墨', 1], ['金属制品', 3], ['汽车零部件', 2], ['电子材料', 2], ['危险化学品仓储', 1], ['化学品物流', 1], ['工业气体', 1]] as const;
const RISK_PARK = [['red', 2], ['orange', 4], ['yellow', 3], ['blue', 1]] as const;
const RISK_ZONE = [['red', 1], ['orange', 2], ['yellow', 4], ['blue', 4]] as const;

const ZONES: Zone[] = [
  { place: '漕泾', count: 60, park: 'scip', industries: PETRO, risk: RISK_PARK },
  { place: '金山卫', count: 25, park: 'spc', industries: PETRO, risk: RISK_PARK },
  { place: '柘林', count: 30, park: 'fengxian', industries: [['精细化工', 4], ['医药化工', 2], ['基础化工', 2], ['涂料油墨', 1], ['危险化学品仓储', 1]], risk: RISK_PARK },
  { place: '高桥', count: 14, park: 'gaoqiao', industries: PETRO, risk: [['red', 3], ['orange', 4], ['yellow', 2], ['blue', 1]] },
  { place: '吴泾', count: 12, park: 'wujing', industries: [['基础化工', 3], ['精细化工', 2], ['工业气体', 1], ['危险化学品仓储', 1]], risk: [['red', 3], ['orange', 4], ['yellow', 2], ['blue', 1]] },
  { place: '罗泾', count: 14, centre: [121.42, 31.455], sdM: 2200, industries: [['钢铁冶金', 3], ['工业气体', 2], ['危险化学品仓储', 2], ['化学品物流', 2], ['基础化工', 1]], risk: RISK_ZONE },
  { place: '月浦', count: 11, centre: [121.42, 31.41], sdM: 2000, industries: MIXED, risk: RISK_ZONE },
  { place: '嘉定', count: 22, centre: [121.24, 31.405], sdM: 3000, industries: MIXED, risk: RISK_ZONE },
  { place: '安亭', count: 12, centre: [121.17, 31.3], sdM: 2200, industries: [['汽车零部件', 4], ['涂料油墨', 2], ['金属制品', 2], ['工业气体', 1]], risk: RISK_ZONE },
  { place: '莘庄', count: 20, centre: [121.36, 31.06], sdM: 2500, industries: MIXED, risk: RISK_ZONE },
  { place: '松江', count: 22, centre: [121.2, 31.06], sdM: 3000, industries: MIXED, risk: RISK_ZONE },
  { place: '青浦', count: 12, centre: [121.09, 31.14], sdM: 2500, industries: MIXED, risk: RISK_ZONE },
  { place: '亭林', count: 10, centre: [121.27, 30.86], sdM: 2500, industries: [['精细化工', 2], ['医药化工', 1], ['涂料油墨', 1], ['金属制品', 2]], risk: RISK_ZONE },
  { place: '临港', count: 14, centre: [121.88, 30.93], sdM: 3500, industries: [['装备制造', 3], ['电子材料', 2], ['工业气体', 1], ['危险化学品仓储', 1], ['化学品物流', 2]], risk: RISK_ZONE },
];

/** Hazardous plants still inside the Outer Ring (old industrial areas) — the relocation register's cases. */
const INSIDE_RING: readonly (readonly [string, LonLat, string])[] = [
  ['桃浦', [121.368, 31.282], '基础化工'],
  ['吴淞', [121.488, 31.352], '危险化学品仓储'],
  ['金桥', [121.605, 31.268], '工业气体'],
  ['张江', [121.602, 31.2], '医药化工'],
  ['北新泾', [121.362, 31.218], '涂料油墨'],
  ['华泾', [121.448, 31.118], '精细化工'],
  ['江湾', [121.495, 31.318], '化学品物流'],
  ['周家渡', [121.506, 31.165], '燃气'],
  ['彭浦', [121.44, 31.312], '精细化工'],
  ['真如', [121.398, 31.252], '工业气体'],
  ['三林', [121.52, 31.135], '危险化学品仓储'],
];

/** The four hazmat storage bases named in the issue. */
const STORAGE_BASES: readonly (readonly [string, LonLat])[] = [
  ['金山', [121.292, 30.745]],
  ['奉贤', [121.615, 30.862]],
  ['浦东', [121.76, 31.075]],
  ['宝山', [121.395, 31.445]],
];

const INDUSTRY_WORD: Record<string, string> = {
  石油化工: '石化', 基础化工: '化工', 精细化工: '精细化工', 医药化工: '医药化学', 工业气体: '气体', 危险化学品仓储: '仓储',
  化学品物流: '化学品物流', 涂料油墨: '涂料', 燃气: '燃气', 金属制品: '金属制品', 汽车零部件: '汽车零部件', 电子材料: '电子材料',
  钢铁冶金: '冶金', 装备制造: '装备', 成品油零售: '石油销售',
};

const EMPLOYEES: Record<string, [number, number]> = {
  石油化工: [300, 3000], 基础化工: [120, 1200], 精细化工: [50, 600], 医药化工: [80, 800], 工业气体: [30, 250],
  危险化学品仓储: [20, 150], 化学品物流: [40, 400], 涂料油墨: [40, 400], 燃气: [30, 300], 金属制品: [60, 900],
  汽车零部件: [150, 2000], 电子材料: [100, 1500], 钢铁冶金: [300, 5000], 装备制造: [200, 2500], 成品油零售: [6, 20],
};

function orgBody(rand: Rng): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CREDIT_CHARS[rand.int(0, i < 2 ? 9 : CREDIT_CHARS.length - 1)];
  return s;
}

export function buildEnterprises(ctx: Ctx, rand: Rng): Enterprise[] {
  const out: Enterprise[] = [];
  const codes = new Set<string>();
  const names = new Set<string>();
  const add = (e: Omit<Enterprise, 'id' | 'creditCode' | 'district' | 'parkId' | 'contact' | 'phone' | 'employees'> & { employees?: number }) => {
    const district = ctx.land.districtAt(e.location);
    if (!district) throw new Error(`enterprise ${e.name} is not on land`);
    let code: string;
    do code = creditCode(district.code, orgBody(rand)); while (codes.has(code));
    codes.add(code);
    if (names.has(e.name)) throw new Error(`duplicate enterprise name ${e.name}`);
    names.add(e.name);
    const [lo, hi] = EMPLOYEES[e.industry] ?? [20, 300];
    out.push({
      ...e, id: out.length + 1, creditCode: code, district: district.name, parkId: parkAt(ctx, e.location)?.id ?? null,
      contact: contactName(rand), phone: fictionalPhone(rand), employees: e.employees ?? rand.int(lo, hi),
    });
  };
  // within reach of the street network (every site is ≤ 1.8 km from a junction)
  const ok = (p: LonLat) => buildable(ctx, p) && nearestNode(ctx.graph, p).distanceM < 1800;
  // 甲子, 乙丑 … per place name, so names never repeat
  const perPlace = new Map<string, number>();
  const fictional = (place: string) => {
    const n = perPlace.get(place) ?? 0;
    perPlace.set(place, n + 1);
    return `上海${place}某${ganzhi(n)}`;
  };

  for (const zone of ZONES) {
    const parkGeom = zone.park ? ctx.parks.find((p) => p.key === zone.park)!.geom : undefined;
    for (let i = 0; i < zone.count; i++) {
      const industry = rand.weighted(zone.industries);
      const location = parkGeom
        ? pointInside(rand, parkGeom, ok)
        : pointAround(rand, zone.centre!, zone.sdM!, (p) => ok(p) && !parkAt(ctx, p));
      add({
        name: `${fictional(zone.place)}${INDUSTRY_WORD[industry]}有限公司`,
        industry, kind: industry === '危险化学品仓储' ? 'warehouse' : 'enterprise',
        riskLevel: rand.weighted(zone.risk), relocationCandidate: false, location,
      });
    }
  }

  INSIDE_RING.forEach(([place, centre, industry], i) => {
    const location = pointAround(rand, centre, 150, (p) => ok(p) && pointInRing(p, OUTER_RING));
    add({
      name: `${fictional(place)}${INDUSTRY_WORD[industry]}有限公司`,
      industry, kind: industry === '危险化学品仓储' ? 'warehouse' : 'enterprise',
      riskLevel: i % 3 === 0 ? 'red' : 'orange', relocationCandidate: true, location,
    });
  });

  STORAGE_BASES.forEach(([place, centre]) => {
    add({
      name: `上海市危险化学品储存基地（${place}）`, industry: '危险化学品仓储', kind: 'hazmat_storage_base',
      riskLevel: 'orange', relocationCandidate: false, location: pointAround(rand, centre, 100, (p) => ok(p) && !parkAt(ctx, p)),
      employees: rand.int(60, 200),
    });
  });

  // scattered plants across the suburbs
  for (let i = 0; i < 36; i++) {
    const industry = rand.weighted(MIXED);
    const location = pointNearRoad(rand, ctx, 1200, (p) => ok(p) && !parkAt(ctx, p) && !pointInRing(p, OUTER_RING));
    const district = ctx.land.districtAt(location)!;
    add({
      name: `${fictional(district.short)}${INDUSTRY_WORD[industry]}有限公司`,
      industry, kind: industry === '危险化学品仓储' ? 'warehouse' : 'enterprise',
      riskLevel: rand.weighted(RISK_ZONE), relocationCandidate: false, location,
    });
  }

  // filling stations (加油站) along expressways and arterials
  const roadSide = ctx.graph.segments.filter((s) => s.roadClass === 'expressway' || s.roadClass === 'arterial');
  for (let i = 0; i < 32; i++) {
    let location: LonLat | undefined;
    for (let tries = 0; tries < 200 && !location; tries++) {
      const seg = rand.pick(roadSide);
      const p = seg.coords[Math.floor(seg.coords.length / 2)];
      const q: LonLat = [Math.round((p[0] + rand.range(-0.0006, 0.0006)) * 1e6) / 1e6, Math.round((p[1] + rand.range(-0.0006, 0.0006)) * 1e6) / 1e6];
      if (ok(q) && !parkAt(ctx, q)) location = q;
    }
    if (!location) throw new Error('no site for a filling station');
    const district = ctx.land.districtAt(location)!;
    add({
      name: `${fictional(district.short)}加油站`, industry: '成品油零售', kind: 'gas_station',
      riskLevel: rand.weighted([['yellow', 2], ['blue', 3]] as const), relocationCandidate: false, location,
    });
  }
  return out;
}
