import type { ExpressionSpecification } from 'maplibre-gl';
import { base } from '../palette.ts';
import { isLine, isPolygon } from '../expressions.ts';
import type { LayerModule } from '../types.ts';

/** water kinds of `basemap_features` drawn blue (the sample city has water and river; lake/sea when imported) */
const waterKinds = ['water', 'river', 'lake', 'sea', 'reservoir'];
const isBasemap: ExpressionSpecification = ['==', ['get', 'layer'], 'basemap'];
const isOuterRing: ExpressionSpecification = ['all', ['==', ['get', 'layer'], 'planning_area'], ['==', ['get', 'kind'], 'outer_ring_inside']];

/**
 * The offline base map from `GET /api/basemap`: land, water, rivers, coast (`layer: basemap`) under every data
 * layer, and the outline of the area inside the Outer Ring Road (`layer: planning_area`, kind
 * `outer_ring_inside`; the siting rules ask whether a site lies inside it) as a subtle dashed line.
 * Always on; not listed in the layer panel (its legend is the map's base-map legend).
 *
 * With an external base style (BASEMAP_STYLE_URL) the land and water layers are dropped (the base style has its
 * own); the Outer Ring stays.
 */
export const basemap: LayerModule = {
  id: 'basemap_features',
  group: 'base',
  source: { kind: 'geojson', path: '/api/basemap' },
  toggleable: false,
  styleLayers: (ref) => [
    {
      slot: 'land',
      layer: {
        id: 'basemap_features/land', type: 'fill', ...ref,
        filter: ['all', isBasemap, isPolygon, ['in', ['get', 'kind'], ['literal', ['land', 'island']]]],
        paint: { 'fill-color': base.land },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/water', type: 'fill', ...ref,
        filter: ['all', isBasemap, isPolygon, ['in', ['get', 'kind'], ['literal', waterKinds]]],
        paint: { 'fill-color': base.water, 'fill-outline-color': base.waterLine },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/river-line', type: 'line', ...ref,
        filter: ['all', isBasemap, isLine, ['in', ['get', 'kind'], ['literal', waterKinds]]],
        paint: { 'line-color': base.water, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 14, 6] },
      },
    },
    {
      slot: 'water',
      layer: {
        id: 'basemap_features/coastline', type: 'line', ...ref,
        filter: ['all', isBasemap, ['==', ['get', 'kind'], 'coastline']],
        paint: { 'line-color': base.waterLine, 'line-width': 1 },
      },
    },
    {
      slot: 'boundaries',
      layer: {
        id: 'basemap_features/outer-ring', type: 'line', ...ref,
        filter: isOuterRing,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': base.outerRing,
          'line-opacity': 0.85,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 2.4],
          'line-dasharray': [5, 3],
        },
      },
    },
  ],
  legend: [
    { labelKey: 'legend.basemap.water', swatch: { kind: 'fill', color: base.water, opacity: 1, outline: base.waterLine } },
    { labelKey: 'legend.basemap.outerRing', swatch: { kind: 'line', color: base.outerRing, widthPx: 1.5, dash: '#ffffff' } },
  ],
  fields: ['name', 'kind'],
};
