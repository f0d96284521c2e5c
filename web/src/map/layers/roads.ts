import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import { roadClass } from '../palette.ts';
import { matchProp, zoomWidth } from '../expressions.ts';
import type { LayerModule, SlottedLayer, SourceRef } from '../types.ts';

/** classes grouped by the zoom they appear at (expressways and rings always; arterials from 9 …) */
const byMinZoom = [...new Set(roadClass.map((c) => c.minZoom))].sort((a, b) => b - a)
  .map((z) => ({ z, classes: roadClass.filter((c) => c.minZoom === z) }));

function classLayers(ref: SourceRef, name: string, classes: typeof roadClass, minzoom: number): SlottedLayer[] {
  const filter: FilterSpecification = ['in', ['get', 'class'], ['literal', classes.map((c) => c.value)]];
  const width = matchProp('class', classes.map((c) => [c.value, c.widthPx] as const), 1);
  const casingWidth = ['+', width, 1.6] as ExpressionSpecification;
  return [
    {
      slot: 'roads',
      layer: {
        id: `roads/${name}-casing`, type: 'line', ...ref, filter, minzoom,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': matchProp('class', classes.map((c) => [c.value, c.casing] as const), '#bbbbbb'), 'line-width': zoomWidth(casingWidth) },
      },
    },
    {
      slot: 'roads', interactive: true,
      layer: {
        id: `roads/${name}`, type: 'line', ...ref, filter, minzoom,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': matchProp('class', classes.map((c) => [c.value, c.fill] as const), '#ffffff'), 'line-width': zoomWidth(width) },
      },
    },
  ];
}

/** 道路 by class (expressway, ring, arterial, secondary, local); minor classes from zoom 10. */
export const roads: LayerModule = {
  id: 'roads',
  group: 'base',
  // ~3,700 segments in the sample city, hundreds of thousands in a real one: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  // minor classes first, so major roads draw over them
  styleLayers: (ref) => byMinZoom.flatMap(({ z, classes }) => classLayers(ref, `z${z}`, classes, z)),
  legend: roadClass.map((c) => ({
    labelKey: `enum.class.${c.value}`,
    swatch: { kind: 'line', color: c.fill, casing: c.casing, widthPx: c.widthPx + 0.8 },
  })),
  fields: ['name', 'class', 'speed_kmh', 'hazmat_allowed', 'tunnel_category', 'oneway', 'length_m'],
};
