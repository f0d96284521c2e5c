import { hazardGrade, tier } from '../palette.ts';
import { iconId, iconSize, isPoint, isPolygon, matchProp } from '../expressions.ts';
import type { IconSpec, LayerModule } from '../types.ts';

const grades = ([1, 2, 3, 4] as const).map((g) => [g, hazardGrade[g]] as const);
const numerals = { 1: '一', 2: '二', 3: '三', 4: '四' } as const;

const icon = (fill: string, glyph: string): IconSpec => ({
  shape: 'diamond', fill, stroke: '#ffffff', glyph, glyphColor: '#ffffff', sizePx: 26,
});
const icons: Record<string, IconSpec> = {
  ...Object.fromEntries(grades.map(([g, color]) => [iconId('hazard', g), icon(color, numerals[g])])),
  [iconId('hazard', null)]: icon(tier.none, '?'),
};
const gradeColor = matchProp('grade', grades, tier.none);

/**
 * 重大危险源 as diamonds coloured and numbered by grade (GB 18218-2018 Table 6: 一级 R ≥ 100 … 四级 R < 10);
 * grey "?" until the grade has been computed. Polygon sources are also filled.
 */
export const hazardSources: LayerModule = {
  id: 'hazard_sources',
  group: 'hazards',
  source: { kind: 'geojson' },
  toggleable: true,
  icons,
  styleLayers: (ref) => [
    {
      slot: 'areas', interactive: true,
      layer: { id: 'hazard_sources/fill', type: 'fill', ...ref, filter: isPolygon, paint: { 'fill-color': gradeColor, 'fill-opacity': 0.35 } },
    },
    {
      slot: 'areas',
      layer: { id: 'hazard_sources/outline', type: 'line', ...ref, filter: isPolygon, paint: { 'line-color': gradeColor, 'line-width': 1.5 } },
    },
    {
      slot: 'points-high', interactive: true,
      layer: {
        id: 'hazard_sources/icon', type: 'symbol', ...ref, filter: isPoint,
        layout: {
          'icon-image': matchProp('grade', grades.map(([g]) => [g, iconId('hazard', g)] as const), iconId('hazard', null)),
          'icon-allow-overlap': true, 'icon-ignore-placement': true,
          'icon-size': iconSize(0.5),
        },
      },
    },
  ],
  legend: [
    ...grades.map(([g]) => ({ labelKey: `enum.grade.${g}`, swatch: { kind: 'icon' as const, icon: icons[iconId('hazard', g)] } })),
    { labelKey: 'legend.hazard_sources.ungraded', swatch: { kind: 'icon', icon: icons[iconId('hazard', null)] } },
  ],
  fields: ['name', 'enterprise_id', 'unit_kind', 'units', 'ratio_sum', 'alpha', 'r_value', 'grade', 'exposed_people', 'district'],
};
