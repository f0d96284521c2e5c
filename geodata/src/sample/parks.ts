/**
 * Chemical parks (化工园区): outlines hand-drawn in WGS 84 around the public locations of Shanghai's chemical
 * parks and bases. Risk grades and scores are SYNTHETIC, kept consistent with the thresholds of the revised
 * 化工园区安全风险排查治理导则 (standards.md §5: score < 60 → A 高, 60–70 → B 较高, 70–85 → C 一般, ≥ 85 → D 较低).
 */
import { centroid, closeRing, type LonLat, type MultiPolygonCoords } from './geo.ts';

export interface ChemicalPark {
  id: number;
  /** short key used by the generators */
  key: 'scip' | 'spc' | 'fengxian' | 'gaoqiao' | 'wujing';
  name: string;
  nameEn: string;
  /** the district that administers the park (its centroid lies there) */
  district: string;
  riskGrade: 'A' | 'B' | 'C' | 'D';
  score: number;
  enclosed: boolean;
  /** place name used in synthetic enterprise names */
  place: string;
  geom: MultiPolygonCoords;
}

/** standards.md §5 (⚠️ secondary source): higher score = lower risk. */
export function gradeForScore(score: number): 'A' | 'B' | 'C' | 'D' {
  return score < 60 ? 'A' : score < 70 ? 'B' : score < 85 ? 'C' : 'D';
}

const park = (p: Omit<ChemicalPark, 'geom' | 'riskGrade'> & { ring: LonLat[] }): ChemicalPark => {
  const { ring, ...rest } = p;
  return { ...rest, riskGrade: gradeForScore(p.score), geom: [[closeRing(ring)]] };
};

export const PARKS: ChemicalPark[] = [
  park({
    id: 1, key: 'scip', name: '上海化学工业区', nameEn: 'Shanghai Chemical Industry Park', district: '金山区', score: 88.5, enclosed: true, place: '漕泾',
    // Caojing, on the Hangzhou Bay coast across the Jinshan/Fengxian border, ≈ 29 km²
    ring: [[121.4179, 30.7502], [121.4363, 30.7475], [121.4574, 30.7566], [121.4776, 30.7667], [121.4941, 30.7768], [121.4886, 30.7906],
      [121.4702, 30.7961], [121.4519, 30.8007], [121.4335, 30.7952], [121.4207, 30.7814], [121.4152, 30.7658]],
  }),
  park({
    id: 2, key: 'spc', name: '上海石化（金山）化工基地', nameEn: 'Jinshan petrochemical base (Shanghai Petrochemical)', district: '金山区', score: 76.0, enclosed: true, place: '金山卫',
    ring: [[121.308, 30.7], [121.33, 30.692], [121.35, 30.695], [121.358, 30.707], [121.35, 30.72], [121.33, 30.726], [121.312, 30.718]],
  }),
  park({
    id: 3, key: 'fengxian', name: '奉贤化工区（杭州湾北岸）', nameEn: 'Fengxian chemical zone (north shore of Hangzhou Bay)', district: '奉贤区', score: 72.5, enclosed: true, place: '柘林',
    ring: [[121.53, 30.815], [121.56, 30.812], [121.58, 30.822], [121.578, 30.842], [121.555, 30.85], [121.532, 30.84]],
  }),
  park({
    id: 4, key: 'gaoqiao', name: '高桥石化基地', nameEn: 'Gaoqiao petrochemical base', district: '浦东新区', score: 64.0, enclosed: false, place: '高桥',
    ring: [[121.555, 31.34], [121.575, 31.336], [121.588, 31.345], [121.585, 31.358], [121.568, 31.362], [121.556, 31.353]],
  }),
  park({
    id: 5, key: 'wujing', name: '吴泾化工基地', nameEn: 'Wujing chemical base', district: '闵行区', score: 56.0, enclosed: false, place: '吴泾',
    ring: [[121.462, 31.035], [121.48, 31.033], [121.487, 31.045], [121.482, 31.058], [121.466, 31.058], [121.458, 31.047]],
  }),
];

export function parkCentroid(p: ChemicalPark): LonLat {
  return centroid(p.geom);
}
