import { hiddenDangerLevel } from '../palette.ts';
import { iconId, iconSize, matchProp } from '../expressions.ts';
import type { IconSpec, LayerModule } from '../types.ts';

const levels = Object.entries(hiddenDangerLevel) as [keyof typeof hiddenDangerLevel, string][];
const icons: Record<string, IconSpec> = Object.fromEntries(levels.map(([level, color]) => [
  iconId('danger', level),
  { shape: 'triangle', fill: color, stroke: '#ffffff', glyph: '!', glyphColor: '#ffffff', sizePx: 20 } satisfies IconSpec,
]));

/** 隐患: warning triangles, dark red for major (重大隐患), amber for general; closed ones faded. */
export const hiddenDangers: LayerModule = {
  id: 'hidden_dangers',
  group: 'hazards',
  // thousands of hidden-danger records a year: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  icons,
  styleLayers: (ref) => [
    {
      slot: 'points-high', interactive: true,
      layer: {
        id: 'hidden_dangers/icon', type: 'symbol', ...ref,
        layout: {
          'icon-image': matchProp('level', levels.map(([level]) => [level, iconId('danger', level)] as const), iconId('danger', 'general')),
          'icon-allow-overlap': true, 'icon-ignore-placement': true,
          'icon-size': iconSize(0.55),
        },
        paint: { 'icon-opacity': ['case', ['==', ['get', 'status'], 'closed'], 0.45, 1] },
      },
    },
  ],
  legend: levels.map(([level]) => ({ labelKey: `enum.level.${level}`, swatch: { kind: 'icon', icon: icons[iconId('danger', level)] } })),
  fields: ['title', 'level', 'status', 'source_kind', 'source_id', 'found_at', 'deadline', 'owner', 'district'],
};
