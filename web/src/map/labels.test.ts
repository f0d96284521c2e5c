import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { labelData, labelPoint } from './labels.ts';

const square = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('labelPoint', () => {
  it('puts a square label at its centre', () => {
    const [x, y] = labelPoint({ type: 'Polygon', coordinates: [square(121, 31, 0.2)] })!;
    expect(x).toBeCloseTo(121.1, 9);
    expect(y).toBeCloseTo(31.1, 9);
  });

  it('labels the largest part of a multipolygon (an island district keeps its label on the main island)', () => {
    const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(121.9, 31.0, 0.02)], [square(121.0, 31.0, 0.4)]] };
    const [x, y] = labelPoint(mp)!;
    expect(x).toBeCloseTo(121.2, 6);
    expect(y).toBeCloseTo(31.2, 6);
  });

  it('keeps the label inside a C-shaped polygon whose centroid falls in the gap', () => {
    // a "C": 1°×1° box minus its right-middle part; the centre of mass lies in the missing notch
    const c: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 0.2], [0.2, 0.2], [0.2, 0.8], [1, 0.8], [1, 1], [0, 1], [0, 0]]] };
    const p = labelPoint(c)!;
    expect(booleanPointInPolygon(p, c)).toBe(true);
  });

  it('uses the point for points and the middle vertex for lines', () => {
    expect(labelPoint({ type: 'Point', coordinates: [121.5, 31.2] })).toEqual([121.5, 31.2]);
    expect(labelPoint({ type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 2]] })).toEqual([1, 1]);
  });
});

describe('labelData', () => {
  it('takes the label in the chosen language, falling back to zh-CN, skipping unnamed features', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 1, properties: { name: '黄浦区', name_en: 'Huangpu' }, geometry: { type: 'Point', coordinates: [121.49, 31.23] } },
        { type: 'Feature', id: 2, properties: { name: '崇明区', name_en: null }, geometry: { type: 'Point', coordinates: [121.4, 31.6] } },
        { type: 'Feature', id: 3, properties: { name: '' }, geometry: { type: 'Point', coordinates: [121, 31] } },
      ],
    };
    const style = { prop: { 'zh-CN': 'name', en: 'name_en' }, sizePx: 14, color: [0, 0, 0] as [number, number, number], minZoom: 0 };
    expect(labelData(fc, style, 'en').map((d) => d.text)).toEqual(['Huangpu', '崇明区']);
    expect(labelData(fc, style, 'zh-CN')).toEqual([
      { id: 1, position: [121.49, 31.23], text: '黄浦区', minZoom: 0 },
      { id: 2, position: [121.4, 31.6], text: '崇明区', minZoom: 0 },
    ]);
  });

  it('labels small areas only from a higher zoom', () => {
    // 0.05° × 0.05° at 31°N ≈ 4.77 km × 5.56 km ≈ 26.5 km² (< 70); 0.2° × 0.2° ≈ 19.1 km × 22.2 km ≈ 424 km²
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 1, properties: { name: '小' }, geometry: { type: 'Polygon', coordinates: [square(121.45, 31.2, 0.05)] } },
        { type: 'Feature', id: 2, properties: { name: '大' }, geometry: { type: 'Polygon', coordinates: [square(121.0, 31.0, 0.2)] } },
      ],
    };
    const style = { prop: { 'zh-CN': 'name', en: 'name' }, sizePx: 14, color: [0, 0, 0] as [number, number, number], minZoom: 0, smallAreaKm2: 70, smallMinZoom: 9.8 };
    expect(labelData(fc, style, 'zh-CN').map((d) => [d.text, d.minZoom])).toEqual([['小', 9.8], ['大', 0]]);
  });
});
