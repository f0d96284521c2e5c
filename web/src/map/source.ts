import type { SourceSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { LayerModule, SourceRef } from './types.ts';

export const emptyCollection = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** The style source of a module is named after its collection. */
export function sourceRef(module: Pick<LayerModule, 'id' | 'source'>): SourceRef {
  return module.source.kind === 'tiles' ? { source: module.id, 'source-layer': module.id } : { source: module.id };
}

/**
 * The MapLibre source of a module. GeoJSON sources start empty and are filled with `setData` once the layer
 * has been fetched; tile sources point at the API's `/tiles/{collection}/{z}/{x}/{y}` (absolute URLs: MapLibre
 * fetches tiles from a worker).
 */
export function sourceSpec(module: Pick<LayerModule, 'id' | 'source'>, origin: string): SourceSpecification {
  if (module.source.kind === 'tiles') {
    return {
      type: 'vector',
      tiles: [`${origin}/tiles/${module.id}/{z}/{x}/{y}`],
      minzoom: module.source.minZoom ?? 0,
      maxzoom: module.source.maxZoom ?? 16,
      promoteId: 'id',
    };
  }
  return { type: 'geojson', data: emptyCollection() };
}
