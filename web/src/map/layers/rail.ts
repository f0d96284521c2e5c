import { crossing, railway } from '../palette.ts';
import { iconId, matchProp, zoomWidth } from '../expressions.ts';
import { pointSymbolLayers } from './pointSymbols.ts';
import type { IconSpec, LayerModule } from '../types.ts';

const kindColor = matchProp('kind', [['high_speed', railway.highSpeed.color]], railway.other.color);
const kindWidth = matchProp('kind', [['high_speed', railway.highSpeed.widthPx]], railway.other.widthPx);

/** 铁路: the classic railway symbol (dark line, white dashes); high-speed lines darker and wider. */
export const railways: LayerModule = {
  id: 'railways',
  group: 'rail',
  source: { kind: 'geojson' },
  toggleable: true,
  styleLayers: (ref) => [
    {
      slot: 'lines', interactive: true,
      layer: {
        id: 'railways/line', type: 'line', ...ref,
        paint: { 'line-color': kindColor, 'line-width': zoomWidth(kindWidth) },
      },
    },
    {
      slot: 'lines',
      layer: {
        id: 'railways/dash', type: 'line', ...ref,
        paint: {
          'line-color': railway.highSpeed.dash,
          'line-width': zoomWidth(['*', kindWidth, 0.4]),
          'line-dasharray': [3, 3],
        },
      },
    },
  ],
  legend: [
    { labelKey: 'enum.railways.kind.high_speed', swatch: { kind: 'line', color: railway.highSpeed.color, widthPx: railway.highSpeed.widthPx, dash: railway.highSpeed.dash } },
    { labelKey: 'enum.railways.kind.other', swatch: { kind: 'line', color: railway.other.color, widthPx: railway.other.widthPx, dash: railway.other.dash } },
  ],
  fields: ['name', 'kind', 'operator'],
};

const crossingIcons: Record<string, IconSpec> = {
  'crossing-guarded': { shape: 'crossing', fill: '#ffffff', stroke: crossing.guarded, sizePx: 16 },
  'crossing-unguarded': { shape: 'crossing', fill: '#fff3e0', stroke: crossing.unguarded, sizePx: 16 },
};

/** 铁路道口 (level crossings): a circled ✕, red-orange when unguarded. */
export const railCrossings: LayerModule = {
  id: 'rail_crossings',
  group: 'rail',
  source: { kind: 'geojson' },
  toggleable: true,
  icons: crossingIcons,
  styleLayers: (ref) => pointSymbolLayers(ref, 'rail_crossings', {
    slot: 'points-high',
    icon: ['case', ['==', ['get', 'guarded'], true], iconId('crossing', 'guarded'), iconId('crossing', 'unguarded')],
    dotColor: ['case', ['==', ['get', 'guarded'], true], crossing.guarded, crossing.unguarded],
  }),
  legend: [
    { labelKey: 'legend.rail_crossings.guarded', swatch: { kind: 'icon', icon: crossingIcons['crossing-guarded'] } },
    { labelKey: 'legend.rail_crossings.unguarded', swatch: { kind: 'icon', icon: crossingIcons['crossing-unguarded'] } },
  ],
  fields: ['name', 'road', 'railway_id', 'guarded', 'daily_trains', 'daily_vehicles', 'hidden_danger_status', 'district'],
};
