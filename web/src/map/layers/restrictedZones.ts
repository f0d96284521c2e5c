import { restrictedRule } from '../palette.ts';
import { matchProp } from '../expressions.ts';
import type { LayerModule } from '../types.ts';

const rules = Object.entries(restrictedRule) as [keyof typeof restrictedRule, string][];
const patternId = (rule: string) => `hatch-${rule}`;
/** no-hazmat zones are hatched more strongly than time-window ones (which cover most of the city centre) */
const strength: Record<keyof typeof restrictedRule, number> = { no_hazmat: 0.42, time_window: 0.2 };

/** 危险品车辆限行区: hatched, translucent, dashed outline; red = no hazmat at all, orange = time windows. */
export const restrictedZones: LayerModule = {
  id: 'restricted_zones',
  group: 'transport',
  source: { kind: 'geojson' },
  toggleable: true,
  patterns: Object.fromEntries(rules.map(([rule, color]) => [patternId(rule), { color, strength: strength[rule] }])),
  styleLayers: (ref) => [
    {
      slot: 'zones', interactive: true,
      layer: {
        id: 'restricted_zones/hatch', type: 'fill', ...ref,
        paint: { 'fill-pattern': matchProp('rule', rules.map(([rule]) => [rule, patternId(rule)] as const), patternId('time_window')) },
      },
    },
    {
      slot: 'zones',
      layer: {
        id: 'restricted_zones/outline', type: 'line', ...ref,
        paint: {
          'line-color': matchProp('rule', rules, restrictedRule.time_window),
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 2.5],
          'line-dasharray': [2, 1.5],
        },
      },
    },
  ],
  legend: rules.map(([rule, color]) => ({ labelKey: `enum.rule.${rule}`, swatch: { kind: 'hatch', color, strength: strength[rule] } })),
  fields: ['name', 'rule', 'time_windows', 'vehicle_classes'],
};
