import type { ExpressionSpecification } from 'maplibre-gl';

/**
 * `['match', ['get', prop], v1, out1, v2, out2, …, fallback]`. A missing/null property falls to `fallback`
 * (coalesce to a value of the labels' type, since `match` compares types too).
 */
export function matchProp<T extends string | number>(
  prop: string, pairs: readonly (readonly [string | number, T])[], fallback: T,
): ExpressionSpecification {
  if (pairs.length === 0) return fallback as unknown as ExpressionSpecification;
  const numeric = typeof pairs[0][0] === 'number';
  const input: ExpressionSpecification = numeric
    ? ['to-number', ['coalesce', ['get', prop], -1]]
    : ['to-string', ['coalesce', ['get', prop], '']];
  const body: (string | number)[] = [];
  for (const [value, out] of pairs) body.push(value, out);
  return ['match', input, ...body, fallback] as unknown as ExpressionSpecification;
}

/** Width that grows with zoom: `widthPx` at zoom 12, thinner when zoomed out, wider when zoomed in. */
export function zoomWidth(widthPx: number | ExpressionSpecification): ExpressionSpecification {
  const scale = (k: number): number | ExpressionSpecification =>
    typeof widthPx === 'number' ? +(widthPx * k).toFixed(2) : ['*', widthPx, k];
  return ['interpolate', ['exponential', 1.4], ['zoom'], 7, scale(0.45), 12, scale(1), 16, scale(2.2)] as ExpressionSpecification;
}

export const isPoint: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
export const isLine: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['LineString', 'MultiLineString']]];
export const isPolygon: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];

/** Icon id for a category value: `${prefix}-${value}` (value `''` → `${prefix}-none`). */
export function iconId(prefix: string, value: string | number | null | undefined): string {
  return `${prefix}-${value === null || value === undefined || value === '' ? 'none' : value}`;
}

/** Icon scale by zoom: `atCityScale` at zoom 8 (the whole city), 1 at 13, a little larger close up. */
export function iconSize(atCityScale: number): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], 8, atCityScale, 13, 1, 17, 1.3];
}
