import { targetKind } from '../palette.ts';
import { iconId, isPoint, isPolygon, matchProp } from '../expressions.ts';
import { pointSymbolLayers } from './pointSymbols.ts';
import type { IconSpec, LayerModule } from '../types.ts';

const icons: Record<string, IconSpec> = Object.fromEntries(targetKind.map((k) => [
  iconId('target', k.value),
  { shape: 'circle', fill: k.color, stroke: '#ffffff', glyph: k.glyph, glyphColor: '#ffffff', sizePx: 20 } satisfies IconSpec,
]));
const kindColor = matchProp('kind', targetKind.map((k) => [k.value, k.color] as const), '#757575');

/** 防护目标 by kind: circles with a mark (校 医 居 …); polygon targets (residential areas, water sources) filled. */
export const protectedTargets: LayerModule = {
  id: 'protected_targets',
  group: 'emergency',
  // every school, hospital, residential area …: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  icons,
  styleLayers: (ref) => [
    {
      slot: 'areas', interactive: true,
      layer: { id: 'protected_targets/fill', type: 'fill', ...ref, filter: isPolygon, paint: { 'fill-color': kindColor, 'fill-opacity': 0.22 } },
    },
    {
      slot: 'areas',
      layer: { id: 'protected_targets/outline', type: 'line', ...ref, filter: isPolygon, paint: { 'line-color': kindColor, 'line-width': 1.2 } },
    },
    ...pointSymbolLayers(ref, 'protected_targets', {
      slot: 'points-low',
      filter: isPoint,
      icon: matchProp('kind', targetKind.map((k) => [k.value, iconId('target', k.value)] as const), iconId('target', 'other')),
      dotColor: kindColor,
    }),
  ],
  legend: targetKind.map((k) => ({
    labelKey: `enum.protected_targets.kind.${k.value}`, swatch: { kind: 'icon', icon: icons[iconId('target', k.value)] },
  })),
  fields: ['name', 'kind', 'sensitivity', 'population', 'district'],
};
