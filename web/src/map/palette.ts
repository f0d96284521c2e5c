/**
 * Every colour the map uses, in one place: the style expressions and the legend swatches both read these,
 * so a legend can never disagree with the map.
 *
 * Risk tiers share one four-colour scale (红橙黄蓝, the colours of China's 安全风险分级管控 four-tier scheme):
 * enterprises by risk level, chemical parks by risk grade A–D (A = 高安全风险 … D = 较低安全风险) and major
 * hazard sources by grade (一级 most severe … 四级). The layers differ by symbol (area, circle, diamond).
 */

export const tier = {
  red: '#d32f2f',
  orange: '#f57c00',
  yellow: '#f2c200',
  blue: '#1e88e5',
  none: '#9e9e9e',
} as const;

export const base = {
  /** outside the municipality (neighbouring provinces, or no data yet) */
  background: '#e6e9ec',
  land: '#f7f4ec',
  water: '#a8cbe8',
  waterLine: '#6f9fcb',
  districtLine: '#7b6f9e',
  /** the Outer Ring Road area (外环线以内): a subtle dashed outline, so it does not compete with data layers */
  outerRing: '#8a7f72',
  districtLabel: [62, 52, 96] as [number, number, number],
  parkLabel: [120, 30, 30] as [number, number, number],
  labelHalo: [255, 255, 255] as [number, number, number],
} as const;

/** chemical_parks.risk_grade (化工园区安全风险排查治理导则, 应急〔2023〕123号: A 高 … D 较低安全风险) */
export const parkGrade: Record<'A' | 'B' | 'C' | 'D', string> = {
  A: tier.red, B: tier.orange, C: tier.yellow, D: tier.blue,
};

/** enterprises.risk_level */
export const riskLevel: Record<'red' | 'orange' | 'yellow' | 'blue', string> = {
  red: tier.red, orange: tier.orange, yellow: tier.yellow, blue: tier.blue,
};

/** hazard_sources.grade (GB 18218-2018 Table 6: 1 = 一级 R ≥ 100, the most severe … 4 = 四级 R < 10) */
export const hazardGrade: Record<1 | 2 | 3 | 4, string> = {
  1: '#8e0000', 2: tier.red, 3: tier.orange, 4: tier.blue,
};

/** gas_pipelines.pressure_class (GB 50028-2006 pressure classes, 低压 P < 0.01 MPa … 高压A 2.5 < P ≤ 4.0 MPa), low → high, line widths in px */
export const pressureClass: { value: string; color: string; widthPx: number }[] = [
  { value: '低压', color: '#5e9e3a', widthPx: 1.2 },
  { value: '中压B', color: '#a3b318', widthPx: 1.5 },
  { value: '中压A', color: '#e0a800', widthPx: 1.8 },
  { value: '次高压B', color: '#f57c00', widthPx: 2.2 },
  { value: '次高压A', color: '#e64a19', widthPx: 2.6 },
  { value: '高压B', color: '#c2185b', widthPx: 3.0 },
  { value: '高压A', color: '#7b1fa2', widthPx: 3.4 },
];

/** roads.class: subdued fills with a darker casing, so thematic lines stay on top visually */
export const roadClass: { value: string; fill: string; casing: string; widthPx: number; minZoom: number }[] = [
  { value: 'expressway', fill: '#f6c27a', casing: '#c38b3c', widthPx: 3.2, minZoom: 0 },
  { value: 'ring', fill: '#f3a59a', casing: '#bf6a5e', widthPx: 3.2, minZoom: 0 },
  { value: 'arterial', fill: '#fbe3a0', casing: '#c9b26d', widthPx: 2.2, minZoom: 9 },
  { value: 'secondary', fill: '#ffffff', casing: '#bdb6a6', widthPx: 1.6, minZoom: 11 },
  { value: 'local', fill: '#ffffff', casing: '#d3cdbf', widthPx: 1.0, minZoom: 12 },
];

export const railway = {
  highSpeed: { color: '#263238', widthPx: 4, dash: '#ffffff' },
  other: { color: '#6d5d55', widthPx: 2.6, dash: '#ffffff' },
} as const;

/** emergency_resources.kind: colour and the one-character mark drawn in the icon */
export const resourceKind: { value: string; color: string; glyph: string }[] = [
  { value: 'national_base', color: '#004d40', glyph: '国' },
  { value: 'regional_base', color: '#00897b', glyph: '区' },
  { value: 'rescue_team', color: '#1565c0', glyph: '救' },
  { value: 'fire_station', color: '#c62828', glyph: '消' },
  { value: 'micro_fire_station', color: '#ef6c6c', glyph: '微' },
  { value: 'shelter', color: '#2e7d32', glyph: '避' },
  { value: 'supply_depot', color: '#6d4c41', glyph: '物' },
  { value: 'expert', color: '#5e35b1', glyph: '专' },
];

/** protected_targets.kind: grouped hues (education, care, homes, crowds, transport, water, government) */
export const targetKind: { value: string; color: string; glyph: string }[] = [
  { value: 'school', color: '#303f9f', glyph: '校' },
  { value: 'kindergarten', color: '#5c6bc0', glyph: '幼' },
  { value: 'hospital', color: '#ad1457', glyph: '医' },
  { value: 'elderly_home', color: '#d81b60', glyph: '老' },
  { value: 'residential', color: '#546e7a', glyph: '居' },
  { value: 'mall', color: '#8e24aa', glyph: '商' },
  { value: 'stadium', color: '#6a1b9a', glyph: '体' },
  { value: 'cultural', color: '#827717', glyph: '文' },
  { value: 'transport_hub', color: '#00838f', glyph: '交' },
  { value: 'water_source', color: '#0277bd', glyph: '水' },
  { value: 'government', color: '#4e342e', glyph: '政' },
  { value: 'other', color: '#757575', glyph: '他' },
];

/** restricted_zones.rule: hatched, translucent */
export const restrictedRule: Record<'no_hazmat' | 'time_window', string> = {
  no_hazmat: '#c62828',
  time_window: '#ef6c00',
};

export const occupation = { color: '#ad1457', cleared: '#9e8a93' } as const;

export const hiddenDangerLevel: Record<'major' | 'general', string> = {
  major: '#b71c1c',
  general: '#f57f17',
};

export const crossing = { guarded: '#37474f', unguarded: '#d84315' } as const;

/** highlight of the selected feature */
export const selection = '#00e5ff';

/** '#rrggbb' → [r, g, b] */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Euclidean distance in RGB space (0…441): a cheap legibility check between swatches of one layer. */
export function colorDistance(a: string, b: string): number {
  const [r1, g1, b1] = hexToRgb(a);
  const [r2, g2, b2] = hexToRgb(b);
  return Math.hypot(r1 - r2, g1 - g2, b1 - b2);
}
