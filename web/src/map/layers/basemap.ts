import { base } from '../palette.ts';
import { isLine, isPolygon } from '../expressions.ts';
import type { LayerModule } from '../types.ts';

/**
 * Water and coast from `basemap_features` (kind water | river | coastline | land | island): the offline base map.
 * Always on; not listed in the layer panel.
 */
export const basemap: LayerModule = {
  id: 'basemap_features',
  group: 'base',
  source: { kind: 'geojson' },
  toggleable: false,
  styleLayers: (ref) => [
    {
      slot: 'land',
      layer: {
        id: 'basemap_features/land', type: 'fill', ...ref,
        filter: ['all', isPolygon, ['in', ['get', 'kind'], ['literal', ['land', 'island']]]],
        paint: { 'fill-color': base.land },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/water', type: 'fill', ...ref,
        filter: ['all', isPolygon, ['in', ['get', 'kind'], ['literal', ['water', 'river']]]],
        paint: { 'fill-color': base.water, 'fill-outline-color': base.waterLine },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/river-line', type: 'line', ...ref,
        filter: ['all', isLine, ['in', ['get', 'kind'], ['literal', ['water', 'river']]]],
        paint: { 'line-color': base.water, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 6] },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/coastline', type: 'line', ...ref,
        filter: ['==', ['get', 'kind'], 'coastline'],
        paint: { 'line-color': base.waterLine, 'line-width': 1 },
      },
    },
  ],
  legend: [
    { labelKey: 'legend.basemap.water', swatch: { kind: 'fill', color: base.water, opacity: 1, outline: base.waterLine } },
  ],
  fields: ['name', 'kind'],
};
