import { occupation, pressureClass } from '../palette.ts';
import { iconId, isPoint, isPolygon, matchProp, zoomWidth } from '../expressions.ts';
import { pointSymbolLayers } from './pointSymbols.ts';
import type { IconSpec, LayerModule } from '../types.ts';

/** 燃气管线 coloured and sized by pressure class, 低压 (thin green) … 高压A (thick purple). */
export const gasPipelines: LayerModule = {
  id: 'gas_pipelines',
  group: 'pipelines',
  // thousands of km of pipe in a real city: vector tiles
  source: { kind: 'tiles' },
  toggleable: true,
  styleLayers: (ref) => [
    {
      slot: 'lines', interactive: true,
      layer: {
        id: 'gas_pipelines/line', type: 'line', ...ref,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': matchProp('pressure_class', pressureClass.map((p) => [p.value, p.color] as const), '#888888'),
          'line-width': zoomWidth(matchProp('pressure_class', pressureClass.map((p) => [p.value, p.widthPx] as const), 1)),
        },
      },
    },
  ],
  legend: pressureClass.map((p) => ({
    labelKey: `enum.pressure_class.${p.value}`, swatch: { kind: 'line', color: p.color, widthPx: p.widthPx },
  })),
  fields: ['name', 'pressure_class', 'diameter_mm', 'material', 'operator', 'depth_m'],
};

/** Occupations still open (detected … rectifying) are magenta; cleared/verified ones grey. */
const closedStatuses = ['cleared', 'verified'];
const icons: Record<string, IconSpec> = {
  [iconId('occupation', 'open')]: { shape: 'square', fill: occupation.color, stroke: '#ffffff', glyph: '占', glyphColor: '#ffffff', sizePx: 18 },
  [iconId('occupation', 'closed')]: { shape: 'square', fill: occupation.cleared, stroke: '#ffffff', glyph: '占', glyphColor: '#ffffff', sizePx: 18 },
};
const isClosed = ['in', ['get', 'status'], ['literal', closedStatuses]] as const;
const color = ['case', isClosed, occupation.cleared, occupation.color] as never;

/** 管线占压: buildings/structures/storage on a pipeline's protection zone (polygons filled, points as 占). */
export const pipelineOccupations: LayerModule = {
  id: 'pipeline_occupations',
  group: 'pipelines',
  source: { kind: 'geojson' },
  toggleable: true,
  icons,
  styleLayers: (ref) => [
    {
      slot: 'areas', interactive: true,
      layer: { id: 'pipeline_occupations/fill', type: 'fill', ...ref, filter: isPolygon, paint: { 'fill-color': color, 'fill-opacity': 0.45 } },
    },
    {
      slot: 'areas',
      layer: { id: 'pipeline_occupations/outline', type: 'line', ...ref, filter: isPolygon, paint: { 'line-color': color, 'line-width': 1.5 } },
    },
    ...pointSymbolLayers(ref, 'pipeline_occupations', {
      slot: 'points-high',
      filter: isPoint,
      icon: ['case', isClosed, iconId('occupation', 'closed'), iconId('occupation', 'open')] as never,
      dotColor: color,
    }),
  ],
  legend: [
    { labelKey: 'legend.pipeline_occupations.open', swatch: { kind: 'icon', icon: icons[iconId('occupation', 'open')] } },
    { labelKey: 'legend.pipeline_occupations.closed', swatch: { kind: 'icon', icon: icons[iconId('occupation', 'closed')] } },
    { labelKey: 'legend.pipeline_occupations.area', swatch: { kind: 'fill', color: occupation.color, opacity: 0.45, outline: occupation.color } },
  ],
  fields: ['name', 'kind', 'pipeline_id', 'status', 'detected_at', 'deadline', 'evidence', 'district'],
};
