import { base } from '../palette.ts';
import type { LayerModule } from '../types.ts';

/** 行政区: land fill, dashed boundaries, names (deck.gl text). Clicking the land selects the district. */
export const districts: LayerModule = {
  id: 'districts',
  group: 'base',
  source: { kind: 'geojson' },
  toggleable: true,
  styleLayers: (ref) => [
    {
      slot: 'land', interactive: true,
      layer: { id: 'districts/fill', type: 'fill', ...ref, paint: { 'fill-color': base.land } },
    },
    {
      slot: 'boundaries',
      layer: {
        id: 'districts/boundary', type: 'line', ...ref,
        paint: {
          'line-color': base.districtLine,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 2.5],
          'line-dasharray': [3, 1.5],
        },
      },
    },
  ],
  legend: [
    { labelKey: 'legend.districts.boundary', swatch: { kind: 'line', color: base.districtLine, widthPx: 1.5 } },
  ],
  // the seven small central districts (黄浦 ~20 km² … 杨浦 ~61 km²) would pile up at city scale
  labels: { prop: { 'zh-CN': 'name', en: 'name_en' }, sizePx: 15, color: base.districtLabel, minZoom: 0, smallAreaKm2: 70, smallMinZoom: 9.8 },
  fields: ['name', 'name_en', 'code', 'population'],
};
