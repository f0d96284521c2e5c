import { describe, expect, it } from 'vitest';
import { distance, point } from '@turf/turf';
import type { Polygon } from 'geojson';
import { analysisFeatures, formatMetres, ringsOf, stackLine } from '../../map/analysis/analysisFeatures.ts';
import { cellM, describeSite, fieldKey, ringLabel, shortRule, sortByShortfall } from './planningFormat.ts';

const rule = (requiredM: number | null, status: 'pass' | 'fail' | 'unknown', name: string) => ({ requiredM, status, rule: name });

describe('rings of a siting answer', () => {
  it('one ring per distinct required distance, worst status wins, rules without a number have none', () => {
    const rings = ringsOf([
      rule(20, 'pass', '铁路线路安全保护区'),
      rule(6, 'pass', '燃气管道安全控制范围（上海）：中压A'),
      rule(6, 'unknown', '燃气管道安全控制范围（上海）：次高压B'),
      rule(null, 'fail', '外环线以内不得设置'),
      rule(0.7, 'fail', '燃气管道安全保护范围（上海）'),
    ]);
    expect(rings.map((r) => r.radiusM)).toEqual([20, 6, 0.7]);
    expect(rings[1]).toEqual({ radiusM: 6, status: 'unknown', rules: ['燃气管道安全控制范围（上海）：中压A', '燃气管道安全控制范围（上海）：次高压B'] });
    expect(rings[2].status).toBe('fail');
    expect(ringLabel(rings[1])).toBe('6 m · 燃气管道安全控制范围（上海） +1');
  });

  it('draws a point site ring at the required radius in metres', () => {
    const site = { type: 'Point' as const, coordinates: [121.4275, 31.219] };
    const fc = analysisFeatures({ site, rings: ringsOf([rule(20, 'pass', 'r20'), rule(150, 'fail', 'r150')]), searchRadiusM: 1000 });
    const roles = fc.features.map((f) => f.properties?.role);
    // 2 rings + 2 labels, the dashed search radius + its label, the site
    expect(roles.filter((r) => r === 'ring')).toHaveLength(2);
    expect(roles.filter((r) => r === 'label')).toHaveLength(3);
    expect(roles.filter((r) => r === 'search')).toHaveLength(1);
    expect(roles[roles.length - 1]).toBe('site');
    const ring150 = fc.features.find((f) => f.properties?.role === 'ring' && f.properties.radiusM === 150)!;
    expect(ring150.properties?.status).toBe('fail');
    // every vertex 150 m from the centre (turf circle is geodesic on a sphere: within 0.5 m at this scale)
    for (const v of (ring150.geometry as Polygon).coordinates[0]) {
      expect(Math.abs(distance(point(site.coordinates), point(v), { units: 'meters' }) - 150)).toBeLessThan(0.5);
    }
  });

  it('buffers a polygon site (the ring keeps the distance from the edge, not the centre)', () => {
    // a 0.002° × 0.002° square at 31.2°N: ~190 m wide, ~222 m tall
    const site = { type: 'Polygon' as const, coordinates: [[[121.5, 31.2], [121.502, 31.2], [121.502, 31.202], [121.5, 31.202], [121.5, 31.2]]] };
    const fc = analysisFeatures({ site, rings: ringsOf([rule(100, 'pass', 'r')]) });
    const ring = fc.features.find((f) => f.properties?.role === 'ring')!;
    const lats = (ring.geometry as Polygon).coordinates[0].map((c) => c[1]);
    // north edge 31.202 + 100 m / 111 km per degree ≈ 31.2029
    expect(Math.max(...lats)).toBeCloseTo(31.202 + 100 / 111_000, 3);
  });

  it('stacks ring labels one line apart, centred, largest ring on top', () => {
    expect([0, 1, 2].map((i) => stackLine(i, 3))).toEqual([-1, 0, 1]);
    expect([0, 1, 2, 3].map((i) => stackLine(i, 4))).toEqual([-1, 0, 1, 2]);
    expect(stackLine(0, 1)).toBe(0);
    expect(stackLine(30, 31)).toBe(8); // clamped to the offsets the style knows
    const fc = analysisFeatures({ site: { type: 'Point', coordinates: [121.5, 31.2] }, rings: ringsOf([rule(20, 'pass', 'a'), rule(6, 'fail', 'b'), rule(1.5, 'pass', 'c')]) });
    const labels = fc.features.filter((f) => f.properties?.role === 'label').map((f) => [f.properties?.radiusM, f.properties?.line]);
    expect(labels).toEqual([[20, -1], [6, 0], [1.5, 1]]);
  });

  it('nothing to draw without a site', () => {
    expect(analysisFeatures({ site: null, rings: [] }).features).toEqual([]);
  });
});

describe('planning panel formatting', () => {
  it('metres', () => {
    expect(formatMetres(1000)).toBe('1,000 m');
    expect(formatMetres(0.7)).toBe('0.7 m');
    expect(formatMetres(12.25)).toBe('12.3 m');
    expect(cellM(550.114)).toBe('550');
    expect(cellM(0.4)).toBe('0.4');
    expect(cellM(null)).toBe('—');
  });

  it('short rule names for labels', () => {
    expect(shortRule('铁路线路安全保护区：高速铁路·城市市区')).toBe('铁路线路安全保护区');
    expect(shortRule('车站、码头、机场、铁路线路、道路交通干线等：道路')).toBe('车站、码头、机场、铁路线路、道路交…') // 17 characters + …;
  });

  it('describes sites', () => {
    expect(describeSite({ type: 'Point', coordinates: [121.4275, 31.219] }, () => '')).toBe('121.427500, 31.219000');
    const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] };
    expect(describeSite(square, (n, c) => `${n}|${c}`)).toBe('4|1.000000, 1.000000');
  });

  it('sorts safety distances by shortfall: failures (largest first), undecided, kept, no rule', () => {
    const rows = [
      { id: 1, status: 'pass' as const, shortfallM: 0, actualM: 50 },
      { id: 2, status: 'fail' as const, shortfallM: 3, actualM: 7 },
      { id: 3, status: null, shortfallM: null, actualM: 5 },
      { id: 4, status: 'fail' as const, shortfallM: 10, actualM: 2 },
      { id: 5, status: 'unknown' as const, shortfallM: null, actualM: 9 },
      { id: 6, status: 'pass' as const, shortfallM: 0, actualM: 20 },
    ];
    expect(sortByShortfall(rows).map((r) => r.id)).toEqual([4, 2, 5, 6, 1, 3]);
  });

  it('maps the 422 field of the calculator to the form', () => {
    expect(fieldKey('items[1].chemical')).toBe('items.1.chemical');
    expect(fieldKey('items[0].quantityT')).toBe('items.0.quantityT');
    expect(fieldKey('exposedPeople')).toBe('exposedPeople');
    expect(fieldKey('body')).toBe('general');
    expect(fieldKey(undefined)).toBe('general');
  });
});
