import { resourceKind } from '../palette.ts';
import { iconId, matchProp } from '../expressions.ts';
import { pointSymbolLayers } from './pointSymbols.ts';
import type { IconSpec, LayerModule } from '../types.ts';

const icons: Record<string, IconSpec> = Object.fromEntries(resourceKind.map((k) => [
  iconId('resource', k.value),
  { shape: 'square', fill: k.color, stroke: '#ffffff', glyph: k.glyph, glyphColor: '#ffffff', sizePx: 22 } satisfies IconSpec,
]));

/** 应急资源 by kind: rounded squares with a one-character mark (国 区 救 消 微 避 物 专). */
export const emergencyResources: LayerModule = {
  id: 'emergency_resources',
  group: 'emergency',
  // thousands of micro fire stations (微型消防站) alone: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  icons,
  styleLayers: (ref) => pointSymbolLayers(ref, 'emergency_resources', {
    slot: 'points-low',
    icon: matchProp('kind', resourceKind.map((k) => [k.value, iconId('resource', k.value)] as const), iconId('resource', 'expert')),
    dotColor: matchProp('kind', resourceKind.map((k) => [k.value, k.color] as const), '#555555'),
  }),
  legend: resourceKind.map((k) => ({
    labelKey: `enum.emergency_resources.kind.${k.value}`, swatch: { kind: 'icon', icon: icons[iconId('resource', k.value)] },
  })),
  fields: ['name', 'kind', 'capacity', 'equipment', 'contact', 'phone', 'district'],
};
