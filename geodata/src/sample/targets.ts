/**
 * Protected targets (防护目标, GB 36894-2018 §3.1.1 classes 高敏感 / 重要 / 一般): the real transport hubs and
 * drinking-water reservoirs at their public locations, and synthetic schools, kindergartens, hospitals, elderly
 * homes, malls and residential areas. Residential areas are polygons with a population: some are put 250–450 m from
 * hazard sources (villages of a few dozen people up to large estates), so the "people within 500 m" of the hazard
 * sources (GB 18218-2018 §4.3, α) spread over all classes of Table 5.
 */
import { centroid, offsetM, rectangle, ringAreaM2, type Geometry, type LonLat, point, polygon, pointInRing } from './geo.ts';
import type { HazardSource } from './hazards.ts';
import { buildable, parkAt, pointNearRoad, type Ctx } from './places.ts';
import type { Rng } from './prng.ts';
import { INNER_RING, OUTER_RING } from './ring.ts';

export type TargetKind = 'school' | 'kindergarten' | 'hospital' | 'elderly_home' | 'residential' | 'mall' | 'transport_hub' |
  'water_source' | 'stadium' | 'cultural' | 'government' | 'other';
export type Sensitivity = 'high' | 'important' | 'general';

export interface ProtectedTarget {
  id: number;
  name: string;
  kind: TargetKind;
  sensitivity: Sensitivity;
  population: number;
  district: string;
  geom: Geometry;
}

/** GB 36894-2018 §3.1.2: education, medical and social-welfare facilities are 高敏感防护目标. */
export function sensitivityOf(kind: TargetKind, population: number): Sensitivity {
  if (kind === 'school' || kind === 'kindergarten' || kind === 'hospital' || kind === 'elderly_home') return 'high';
  if (kind === 'residential') return population >= 1000 ? 'important' : 'general';
  if (kind === 'other') return 'general';
  return 'important';
}

const HUBS: readonly (readonly [string, LonLat, number])[] = [
  ['虹桥综合交通枢纽', [121.3205, 31.1945], 60000],
  ['上海站', [121.4555, 31.2495], 30000],
  ['上海南站', [121.4295, 31.1545], 15000],
  ['上海西站', [121.4005, 31.2625], 5000],
  ['浦东国际机场', [121.8045, 31.1435], 50000],
  ['虹桥国际机场', [121.337, 31.1965], 25000],
  ['松江南站', [121.2285, 30.9885], 4000],
  ['吴淞口国际邮轮港', [121.4975, 31.3935], 6000],
];

/** Drinking-water reservoirs and intakes (approximate outlines). */
const WATER: readonly (readonly [string, LonLat, number, number, number])[] = [
  // name, centre, width m, height m, rotation°
  ['青草沙水库', [121.575, 31.468], 9000, 2600, 34],
  ['黄浦江上游金泽水库', [120.917, 31.035], 2000, 1300, 20],
  ['陈行水库', [121.392, 31.482], 1600, 800, 60],
  ['东风西沙水库', [121.205, 31.79], 1500, 900, 40],
];

const STEMS = ['春晖', '景和', '安居', '锦绣', '和乐', '康宁', '嘉禾', '明珠', '绿洲', '清河', '润园', '丰泽', '瑞祥', '馨苑', '海棠', '紫薇'];

export function buildTargets(ctx: Ctx, hazards: HazardSource[], rand: Rng): ProtectedTarget[] {
  const out: ProtectedTarget[] = [];
  const add = (name: string, kind: TargetKind, population: number, geom: Geometry, at: LonLat) => {
    const d = ctx.land.districtAt(at);
    if (!d) throw new Error(`protected target ${name} is not on land`);
    out.push({ id: out.length + 1, name, kind, sensitivity: sensitivityOf(kind, population), population, district: d.name, geom });
  };
  const counters = new Map<string, number>();
  const next = (k: string) => { const n = (counters.get(k) ?? 0) + 1; counters.set(k, n); return n; };

  for (const [name, at, people] of HUBS) add(name, 'transport_hub', people, point(at), at);
  for (const [name, at, w, h, rot] of WATER) add(name, 'water_source', 0, polygon(rectangle(at, w, h, rot).slice(0, -1)), at);

  const residential = (at: LonLat, population: number, village: boolean) => {
    const d = ctx.land.districtAt(at)!;
    const size = village ? rand.range(60, 120) : rand.range(180, 420);
    const ring = rectangle(at, size, size * rand.range(0.6, 1.2), rand.range(0, 60)).slice(0, -1);
    const name = village ? `${d.short}某村${next(`v${d.short}`)}组` : `${d.short}${rand.pick(STEMS)}${rand.pick(['苑', '园', '新村', '家园', '小区'])}${next(`r${d.short}`)}期`;
    add(name, 'residential', population, polygon(ring), at);
    return ring;
  };

  // people near hazard sources: none / 1–29 / 30–49 / 50–99 / ≥ 100 (the α classes of GB 18218-2018 Table 5)
  for (const h of hazards) {
    const band = rand.weighted([['none', 3], ['1-29', 2], ['30-49', 1.5], ['50-99', 1.5], ['100+', 4]] as const);
    if (band === 'none') continue;
    const c = h.geom.type === 'Point' ? h.geom.coordinates : centroid([(h.geom as { coordinates: LonLat[][] }).coordinates]);
    for (let tries = 0; tries < 12; tries++) {
      const dir = rand.range(0, 2 * Math.PI), dist = rand.range(260, 430);
      const at = offsetM(c, dist * Math.sin(dir), dist * Math.cos(dir));
      if (!buildable(ctx, at) || parkAt(ctx, at)) continue;
      const population = band === '1-29' ? rand.int(8, 29) : band === '30-49' ? rand.int(30, 49) : band === '50-99' ? rand.int(50, 99)
        : rand.int(300, 6000);
      residential(at, population, band !== '100+');
      break;
    }
  }

  // city residential areas, denser inside the Outer Ring
  for (let i = 0; i < 70; i++) {
    const inside = i < 45;
    const at = pointNearRoad(rand, ctx, 500, (p) => buildable(ctx, p) && !parkAt(ctx, p),
      (q) => (inside ? pointInRing(q, OUTER_RING) : !pointInRing(q, OUTER_RING)));
    const before = out.length;
    const ring = residential(at, 0, false);
    const density = pointInRing(at, INNER_RING) ? 30000 : inside ? 22000 : 12000; // people per km²
    out[before].population = Math.round((ringAreaM2(ring) / 1e6) * density);
    out[before].sensitivity = sensitivityOf('residential', out[before].population);
  }

  const residentialAreas = out.filter((t) => t.kind === 'residential' && t.population >= 300);
  const near = (minM: number, maxM: number): LonLat => {
    for (;;) {
      const r = rand.pick(residentialAreas);
      const c = centroid([(r.geom as { coordinates: LonLat[][] }).coordinates]);
      const dir = rand.range(0, 2 * Math.PI), dist = rand.range(minM, maxM);
      const at = offsetM(c, dist * Math.sin(dir), dist * Math.cos(dir));
      if (buildable(ctx, at) && !parkAt(ctx, at)) return at;
    }
  };
  const facility = (kind: TargetKind, count: number, label: (short: string, n: number) => string, pop: [number, number]) => {
    for (let i = 0; i < count; i++) {
      const at = near(250, 900);
      const d = ctx.land.districtAt(at)!;
      add(label(d.short, next(`${kind}${d.short}`)), kind, rand.int(pop[0], pop[1]), point(at), at);
    }
  };
  facility('school', 46, (s, n) => `${s}第${n}中小学`, [600, 2500]);
  facility('kindergarten', 26, (s, n) => `${s}第${n}幼儿园`, [150, 420]);
  facility('hospital', 24, (s, n) => `${s}第${n}社区医院`, [300, 2500]);
  facility('elderly_home', 20, (s, n) => `${s}第${n}养老院`, [80, 400]);
  facility('mall', 16, (s, n) => `${s}第${n}购物中心`, [2000, 15000]);
  facility('stadium', 5, (s, n) => `${s}第${n}体育中心`, [5000, 30000]);
  facility('cultural', 6, (s, n) => `${s}第${n}文化活动中心`, [200, 1500]);

  // schools and kindergartens close to hazard sources outside the parks: safety-distance cases
  const outsideParks = hazards.filter((h) => {
    const c = h.geom.type === 'Point' ? h.geom.coordinates : centroid([(h.geom as { coordinates: LonLat[][] }).coordinates]);
    return !parkAt(ctx, c);
  });
  for (let i = 0; i < 8 && outsideParks.length; i++) {
    const h = outsideParks[(i * 7) % outsideParks.length];
    const c = h.geom.type === 'Point' ? h.geom.coordinates : centroid([(h.geom as { coordinates: LonLat[][] }).coordinates]);
    for (let tries = 0; tries < 20; tries++) {
      const dir = rand.range(0, 2 * Math.PI), dist = rand.range(300, 800);
      const at = offsetM(c, dist * Math.sin(dir), dist * Math.cos(dir));
      if (!buildable(ctx, at) || parkAt(ctx, at)) continue;
      const d = ctx.land.districtAt(at)!;
      const kind: TargetKind = i % 2 ? 'kindergarten' : 'school';
      add(`${d.short}第${next(`${kind}${d.short}`)}${kind === 'school' ? '中小学' : '幼儿园'}`, kind, kind === 'school' ? rand.int(600, 2000) : rand.int(150, 400), point(at), at);
      break;
    }
  }
  return out;
}
