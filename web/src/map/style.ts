import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import { base } from './palette.ts';
import { sourceRef, sourceSpec } from './source.ts';
import { slots, type LayerModule } from './types.ts';

/**
 * The map style. Without `baseStyle`, the offline style: no `glyphs`, no `sprite`, no remote source. Every
 * source is the API on this origin (GeoJSON filled in later, or its vector tiles); icons and hatch patterns are
 * drawn in the browser; labels are deck.gl text. So the page makes no request off the machine.
 *
 * With `baseStyle` (BASEMAP_STYLE_URL, architecture.md §2: e.g. a Tianditu or OSM style) that style is drawn
 * first and ours on top: our land fills turn transparent (they stay clickable: a click on land still selects
 * the district) and our water layers are dropped, since the base style has its own.
 */
export function buildStyle(modules: readonly LayerModule[], origin: string, baseStyle?: StyleSpecification): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const slotted: { rank: number; order: number; layer: LayerSpecification }[] = [];
  let order = 0;
  for (const module of modules) {
    sources[module.id] = sourceSpec(module, origin);
    for (const { slot, layer } of module.styleLayers(sourceRef(module))) {
      if (baseStyle && slot === 'water') continue;
      const onBase = baseStyle && slot === 'land' && layer.type === 'fill'
        ? { ...layer, paint: { ...layer.paint, 'fill-opacity': 0 } } as LayerSpecification
        : layer;
      slotted.push({ rank: slots.indexOf(slot), order: order++, layer: onBase });
    }
  }
  slotted.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const ours = slotted.map((s) => s.layer);
  if (baseStyle) {
    const clash = Object.keys(baseStyle.sources).find((id) => id in sources);
    if (clash) throw new Error(`the base style has a source named "${clash}", which the map uses for its own layer`);
    return {
      ...baseStyle,
      name: `${baseStyle.name ?? 'base'} + SafetyAtlas`,
      sources: { ...baseStyle.sources, ...sources },
      layers: [...baseStyle.layers, ...ours],
    };
  }
  return {
    version: 8,
    name: 'SafetyAtlas offline',
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': base.background } },
      ...ours,
    ],
  };
}

/** Style layer ids of a module (to toggle it, or to query clicks on it). */
export function styleLayerIds(module: LayerModule, interactiveOnly = false): string[] {
  return module.styleLayers(sourceRef(module))
    .filter((s) => !interactiveOnly || s.interactive)
    .map((s) => s.layer.id);
}
