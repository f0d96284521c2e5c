/**
 * Shared helpers for placing synthetic features on land, near the road graph, away from the river.
 */
import { HUANGPU } from './basemap.ts';
import { bboxOf, distanceToLineM, offsetM, pointInMultiPolygon, type LonLat, type MultiPolygonCoords } from './geo.ts';
import type { Land } from './land.ts';
import type { ChemicalPark } from './parks.ts';
import type { Rng } from './prng.ts';
import type { RoadGraph } from './roadGraph.ts';

export interface Ctx {
  land: Land;
  graph: RoadGraph;
  parks: ChemicalPark[];
}

/** On land, off the Huangpu (≥ 300 m from its centre line). */
export function buildable(ctx: Ctx, p: LonLat): boolean {
  return ctx.land.onLand(p) && distanceToLineM(p, HUANGPU) > 300;
}

export function parkAt(ctx: Ctx, p: LonLat): ChemicalPark | undefined {
  return ctx.parks.find((k) => pointInMultiPolygon(p, k.geom));
}

/** Uniform random point inside a multipolygon that also passes `ok`. */
export function pointInside(rand: Rng, mp: MultiPolygonCoords, ok: (p: LonLat) => boolean): LonLat {
  const b = bboxOf(mp.flat(2));
  for (let i = 0; i < 5000; i++) {
    const p: LonLat = [Math.round(rand.range(b.minLon, b.maxLon) * 1e6) / 1e6, Math.round(rand.range(b.minLat, b.maxLat) * 1e6) / 1e6];
    if (pointInMultiPolygon(p, mp) && ok(p)) return p;
  }
  throw new Error('no point found inside polygon');
}

/** Random point around `centre` (normal spread sdM) that passes `ok`. */
export function pointAround(rand: Rng, centre: LonLat, sdM: number, ok: (p: LonLat) => boolean): LonLat {
  for (let i = 0; i < 5000; i++) {
    const p = offsetM(centre, rand.gauss() * sdM, rand.gauss() * sdM);
    if (ok(p)) return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  }
  throw new Error(`no point found around ${centre}`);
}

/** A random road node (optionally filtered), offset by up to maxOffsetM, passing `ok`. */
export function pointNearRoad(rand: Rng, ctx: Ctx, maxOffsetM: number, ok: (p: LonLat) => boolean, nodeFilter: (p: LonLat) => boolean = () => true): LonLat {
  const nodes = ctx.graph.nodes;
  for (let i = 0; i < 20000; i++) {
    const q = nodes[1 + Math.floor(rand.next() * (nodes.length - 1))];
    if (!nodeFilter(q)) continue;
    const r = maxOffsetM * Math.sqrt(rand.next());
    const a = rand.range(0, 2 * Math.PI);
    const p = offsetM(q, r * Math.sin(a), r * Math.cos(a));
    if (ok(p)) return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
  }
  throw new Error('no point found near the roads');
}

export const GAN = '甲乙丙丁戊己庚辛壬癸';
export const ZHI = '子丑寅卯辰巳午未申酉戌亥';
/** 甲子, 乙丑 … : a clearly fictional, unique name part for index i (< 120) */
export function ganzhi(i: number): string {
  return GAN[i % 10] + ZHI[Math.floor(i / 10) % 12];
}

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/** A fictional contact ("安全负责人 王某") */
export function contactName(rand: Rng, role = '安全负责人'): string {
  return `${role} ${rand.pick([...SURNAMES])}某`;
}

/**
 * A Shanghai-style landline that cannot be a real number: local numbers in China never start with 0,
 * so "021-0xxxxxxx" is fictional by construction.
 */
export function fictionalPhone(rand: Rng): string {
  let s = '0';
  for (let i = 0; i < 7; i++) s += String(rand.int(0, 9));
  return `021-${s}`;
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}
/** a date between from and to (inclusive), YYYY-MM-DD */
export function dateBetween(rand: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`), b = Date.parse(`${to}T00:00:00Z`);
  return isoDate(new Date(a + Math.floor(rand.next() * ((b - a) / 86400000 + 1)) * 86400000));
}
