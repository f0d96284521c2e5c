import { riskLevel, tier } from '../palette.ts';
import { matchProp } from '../expressions.ts';
import type { LayerModule } from '../types.ts';

const levels = Object.entries(riskLevel) as [keyof typeof riskLevel, string][];
const stroke = '#3b3b3b';

/** 危化品企业 as circles coloured by risk level 红橙黄蓝. */
export const enterprises: LayerModule = {
  id: 'enterprises',
  group: 'hazards',
  // tens of thousands of registered enterprises city-wide: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  styleLayers: (ref) => [
    {
      slot: 'points', interactive: true,
      layer: {
        id: 'enterprises/circle', type: 'circle', ...ref,
        paint: {
          'circle-color': matchProp('risk_level', levels, tier.none),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.8, 12, 5, 16, 8],
          'circle-stroke-color': stroke,
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 14, 1.2],
        },
      },
    },
  ],
  legend: [
    ...levels.map(([level, color]) => ({ labelKey: `enum.risk_level.${level}`, swatch: { kind: 'circle' as const, color, stroke } })),
    { labelKey: 'legend.unrated', swatch: { kind: 'circle', color: tier.none, stroke } },
  ],
  fields: ['name', 'credit_code', 'kind', 'risk_level', 'district', 'park_id', 'industry', 'employees', 'contact', 'phone'],
};
