import { area, bbox, booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import type { LabelDatum, LabelStyle } from './types.ts';

/**
 * A point to hang a label on: for a (multi)polygon, the centre of mass of its largest part when that falls
 * inside it (a crescent-shaped district's centroid may not), else a point guaranteed on the surface;
 * for lines the middle vertex; for points the point.
 */
export function labelPoint(geometry: Geometry): [number, number] | null {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0], geometry.coordinates[1]];
    case 'MultiPoint':
      return geometry.coordinates.length ? [geometry.coordinates[0][0], geometry.coordinates[0][1]] : null;
    case 'LineString':
      return middle(geometry.coordinates);
    case 'MultiLineString':
      return geometry.coordinates.length ? middle(geometry.coordinates[0]) : null;
    case 'Polygon':
    case 'MultiPolygon': {
      const parts: Polygon[] = geometry.type === 'Polygon'
        ? [geometry]
        : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
      if (parts.length === 0 || parts[0].coordinates.length === 0) return null;
      const largest = parts.reduce((a, b) => (area(b) > area(a) ? b : a));
      const c = centerOfMass(largest).geometry.coordinates;
      if (booleanPointInPolygon(c, largest)) return [c[0], c[1]];
      const p = pointOnFeature(largest).geometry.coordinates;
      return [p[0], p[1]];
    }
    default:
      return null;
  }
}

function middle(coords: Position[]): [number, number] | null {
  if (coords.length === 0) return null;
  const p = coords[Math.floor((coords.length - 1) / 2)];
  return [p[0], p[1]];
}

/** Label data for one layer in one language (falls back to the zh-CN property when the English one is empty). */
export function labelData(fc: FeatureCollection, style: LabelStyle, lang: 'zh-CN' | 'en'): LabelDatum[] {
  const out: LabelDatum[] = [];
  fc.features.forEach((f: Feature, i) => {
    const props = f.properties ?? {};
    const text = String(props[style.prop[lang]] || props[style.prop['zh-CN']] || '').trim();
    if (!text || !f.geometry) return;
    const position = labelPoint(f.geometry);
    if (!position) return;
    const small = style.smallAreaKm2 !== undefined && /Polygon$/.test(f.geometry.type) && area(f) / 1e6 < style.smallAreaKm2;
    out.push({ id: f.id ?? i, position, text, minZoom: small ? (style.smallMinZoom ?? style.minZoom) : style.minZoom });
  });
  return out;
}

/** Area of a geometry's bounding box in square degrees (only to compare sizes). */
export function bboxArea(geometry: Geometry): number {
  const [minX, minY, maxX, maxY] = bbox(geometry);
  return (maxX - minX) * (maxY - minY);
}
