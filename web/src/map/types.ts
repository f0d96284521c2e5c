import type { LayerSpecification } from 'maplibre-gl';
import type { Geometry } from 'geojson';

/** Collections drawn on the map (ids of architecture.md §3), plus the base map. */
export type MapCollectionId =
  | 'basemap_features'
  | 'districts'
  | 'roads'
  | 'railways'
  | 'rail_crossings'
  | 'chemical_parks'
  | 'enterprises'
  | 'hazard_sources'
  | 'gas_pipelines'
  | 'pipeline_occupations'
  | 'emergency_resources'
  | 'protected_targets'
  | 'restricted_zones'
  | 'hidden_dangers';

export type GroupId = 'base' | 'hazards' | 'pipelines' | 'rail' | 'transport' | 'emergency';

/**
 * Where a layer's features come from. `geojson`: the whole layer from `GET /api/layers/{id}/geojson`, or from
 * `path` for a layer that `GET /api/layers` does not list (the base map: `/api/basemap`); small layers only.
 * `tiles`: vector tiles `/tiles/{id}/{z}/{x}/{y}` whose MVT layer is named after the collection (large layers:
 * only what is in view is loaded, and a change reloads only tiles). Switching one module from one to the other
 * changes only that module's `source`.
 */
export type SourceMode = { kind: 'geojson'; path?: string } | { kind: 'tiles'; minZoom?: number; maxZoom?: number };

/** The `source` / `source-layer` pair every style layer of a module spreads into its spec. */
export interface SourceRef {
  source: string;
  'source-layer'?: string;
}

/**
 * Stacking slots, bottom to top: a module's polygons, lines and points land in the right place among the
 * other modules' layers whatever the module order.
 */
export const slots = ['land', 'water', 'boundaries', 'zones', 'areas', 'roads', 'lines', 'points-low', 'points', 'points-high'] as const;
export type Slot = (typeof slots)[number];

export interface SlottedLayer {
  slot: Slot;
  layer: LayerSpecification;
  /** clicks on this layer select a feature */
  interactive?: boolean;
}

export type IconShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'crossing';

/** A point symbol: drawn into a canvas for MapLibre (`map.addImage`) and as SVG for the legend. */
export interface IconSpec {
  shape: IconShape;
  fill: string;
  stroke: string;
  /** one character drawn in the middle (e.g. 消 for a fire station) */
  glyph?: string;
  glyphColor?: string;
  /** logical size in CSS pixels */
  sizePx: number;
}

export type Swatch =
  | { kind: 'fill'; color: string; opacity: number; outline: string }
  | { kind: 'hatch'; color: string; strength: number }
  | { kind: 'line'; color: string; widthPx: number; casing?: string; dash?: string }
  | { kind: 'circle'; color: string; stroke: string }
  | { kind: 'icon'; icon: IconSpec };

/** One legend row: an i18n key and the swatch drawn with the same colours as the map. */
export interface LegendEntry {
  labelKey: string;
  swatch: Swatch;
}

export interface LabelStyle {
  /** property holding the label per language */
  prop: { 'zh-CN': string; en: string };
  sizePx: number;
  color: [number, number, number];
  minZoom: number;
  /** areas smaller than this (km²) are labelled from `smallMinZoom` on */
  smallAreaKm2?: number;
  smallMinZoom?: number;
}

export interface LabelDatum {
  id: string | number;
  position: [number, number];
  text: string;
  /** shown from this zoom on (small areas are labelled only when zoomed in, so labels do not pile up) */
  minZoom: number;
}

/** One module per layer group: everything the map and the panels need to know about a collection. */
export interface LayerModule {
  id: MapCollectionId;
  group: GroupId;
  source: SourceMode;
  /** false for the base map: always on, not listed in the layer panel */
  toggleable: boolean;
  /** the MapLibre layers (ids `${id}/…`) reading from `ref` */
  styleLayers(ref: SourceRef): SlottedLayer[];
  legend: LegendEntry[];
  /** images the style layers name in `icon-image` / `fill-pattern` */
  icons?: Record<string, IconSpec>;
  patterns?: Record<string, { color: string; strength: number }>;
  labels?: LabelStyle;
  /** property order for the feature panel (other properties follow, hidden ones are skipped) */
  fields: string[];
}

export interface AtlasFeature {
  collection: MapCollectionId;
  id: string | number;
  properties: Record<string, unknown>;
  geometry?: Geometry;
}
