import { base, parkGrade, tier } from '../palette.ts';
import { matchProp } from '../expressions.ts';
import type { LayerModule } from '../types.ts';

const grades = Object.entries(parkGrade) as [keyof typeof parkGrade, string][];
const gradeColor = matchProp('risk_grade', grades, tier.none);

/** 化工园区 filled by safety-risk grade A–D (A = 高安全风险, red … D = 较低安全风险, blue). */
export const chemicalParks: LayerModule = {
  id: 'chemical_parks',
  group: 'hazards',
  source: { kind: 'geojson' },
  toggleable: true,
  styleLayers: (ref) => [
    {
      slot: 'areas', interactive: true,
      layer: { id: 'chemical_parks/fill', type: 'fill', ...ref, paint: { 'fill-color': gradeColor, 'fill-opacity': 0.28 } },
    },
    {
      slot: 'areas',
      layer: {
        id: 'chemical_parks/outline', type: 'line', ...ref,
        paint: { 'line-color': gradeColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 3] },
      },
    },
  ],
  legend: [
    ...grades.map(([grade, color]) => ({
      labelKey: `enum.risk_grade.${grade}`, swatch: { kind: 'fill' as const, color, opacity: 0.28, outline: color },
    })),
    { labelKey: 'legend.ungraded', swatch: { kind: 'fill', color: tier.none, opacity: 0.28, outline: tier.none } },
  ],
  labels: { prop: { 'zh-CN': 'name', en: 'name_en' }, sizePx: 13, color: base.parkLabel, minZoom: 9.5 },
  fields: ['name', 'name_en', 'district', 'risk_grade', 'score', 'enclosed'],
};
