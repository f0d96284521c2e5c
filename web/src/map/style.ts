import type { StyleSpecification, LayerSpecification } from 'maplibre-gl';
import { base } from './palette.ts';
import { sourceRef, sourceSpec } from './source.ts';
import { slots, type LayerModule } from './types.ts';

/**
 * The offline style: no `glyphs`, no `sprite`, no remote source. Every source is the API on this origin
 * (GeoJSON filled in later, or its vector tiles); icons and hatch patterns are drawn in the browser;
 * labels are deck.gl text. So the page makes no request off the machine.
 */
export function buildStyle(modules: readonly LayerModule[], origin: string): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const slotted: { rank: number; order: number; layer: LayerSpecification }[] = [];
  let order = 0;
  for (const module of modules) {
    sources[module.id] = sourceSpec(module, origin);
    for (const { slot, layer } of module.styleLayers(sourceRef(module))) {
      slotted.push({ rank: slots.indexOf(slot), order: order++, layer });
    }
  }
  slotted.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return {
    version: 8,
    name: 'SafetyAtlas offline',
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': base.background } },
      ...slotted.map((s) => s.layer),
    ],
  };
}

/** Style layer ids of a module (to toggle it, or to query clicks on it). */
export function styleLayerIds(module: LayerModule, interactiveOnly = false): string[] {
  return module.styleLayers(sourceRef(module))
    .filter((s) => !interactiveOnly || s.interactive)
    .map((s) => s.layer.id);
}
