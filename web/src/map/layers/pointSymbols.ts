import type { ExpressionSpecification } from 'maplibre-gl';
import { iconSize } from '../expressions.ts';
import type { SlottedLayer, Slot, SourceRef } from '../types.ts';

/** Below this zoom numerous point layers are small dots; from it on, their icons. */
export const iconZoom = 10;

/**
 * A point layer that stays readable at city scale: coloured dots while zoomed out (hundreds of icons would
 * bury the map), icons with their one-character mark from zoom 10.
 */
export function pointSymbolLayers(ref: SourceRef, collection: string, options: {
  slot: Slot;
  icon: ExpressionSpecification | string;
  dotColor: ExpressionSpecification | string;
  filter?: ExpressionSpecification;
  opacity?: ExpressionSpecification | number;
}): SlottedLayer[] {
  const filter = options.filter ? { filter: options.filter } : {};
  return [
    {
      slot: options.slot, interactive: true,
      layer: {
        id: `${collection}/dot`, type: 'circle', ...ref, ...filter, maxzoom: iconZoom,
        paint: {
          'circle-color': options.dotColor,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.8, iconZoom, 3.4],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 0.6,
          'circle-opacity': options.opacity ?? 1,
        },
      },
    },
    {
      slot: options.slot, interactive: true,
      layer: {
        id: `${collection}/icon`, type: 'symbol', ...ref, ...filter, minzoom: iconZoom,
        layout: {
          'icon-image': options.icon,
          'icon-allow-overlap': true, 'icon-ignore-placement': true,
          'icon-size': iconSize(0.75),
        },
        paint: { 'icon-opacity': options.opacity ?? 1 },
      },
    },
  ];
}
