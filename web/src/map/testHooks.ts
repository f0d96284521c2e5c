import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';

/**
 * `window.__atlas`: the map's state for end-to-end tests (and for poking at the map from the console).
 * `idle` is true when MapLibre has finished rendering and nothing changed since; `loaded` when the map has
 * loaded and every layer's data request has settled. `changes` lists the `change` events of /api/stream the map
 * has applied (collection, ids, when), `streamConnected` whether the stream is open.
 */
export interface AtlasHooks {
  map: MapLibreMap | null;
  deck: MapboxOverlay | null;
  mapLoaded: boolean;
  loaded: boolean;
  idle: boolean;
  layers: Record<string, { visible: boolean; featureCount: number }>;
  clicked: { layer: string; id: string | number; name: string }[];
  changes: { collection: string; ids?: number[]; at: number }[];
  streamConnected: boolean;
}

declare global {
  interface Window { __atlas?: AtlasHooks }
}

export function atlasHooks(): AtlasHooks {
  window.__atlas ??= {
    map: null, deck: null, mapLoaded: false, loaded: false, idle: false, layers: {}, clicked: [], changes: [], streamConnected: false,
  };
  return window.__atlas;
}
