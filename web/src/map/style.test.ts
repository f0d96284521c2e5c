import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { buildStyle, styleLayerIds } from './style.ts';
import { layerModules, moduleForStyleLayer } from './layers/index.ts';
import { colorDistance } from './palette.ts';
import { slots } from './types.ts';
import { hasMessage } from '../i18n/messages.ts';
import { sourceSpec } from './source.ts';

const origin = 'http://127.0.0.1:8787';
const style = buildStyle(layerModules, origin);

/** every string anywhere in a JSON value */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('offline style', () => {
  it('has no glyphs, no sprite and no URL off this origin', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = strings(style).filter((s) => /^[a-z]+:\/\//i.test(s));
    expect(urls.every((u) => u.startsWith(origin))).toBe(true);
  });

  it('has one source per module and no symbol layer with text (text needs glyphs)', () => {
    expect(Object.keys(style.sources).sort()).toEqual(layerModules.map((m) => m.id).sort());
    for (const layer of style.layers) {
      if (layer.type === 'symbol') expect(layer.layout?.['text-field']).toBeUndefined();
    }
  });

  it('stacks layers by slot: areas under lines under points, background first', () => {
    expect(style.layers[0].id).toBe('background');
    const rank = (id: string) => {
      const m = moduleForStyleLayer(id)!;
      const s = m.styleLayers({ source: m.id }).find((l) => l.layer.id === id)!;
      return slots.indexOf(s.slot);
    };
    const ranks = style.layers.slice(1).map((l) => rank(l.id));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const at = (id: string) => style.layers.findIndex((l) => l.id === id);
    expect(at('districts/fill')).toBeLessThan(at('chemical_parks/fill'));
    expect(at('chemical_parks/fill')).toBeLessThan(at('roads/z0'));
    expect(at('roads/z12')).toBeLessThan(at('roads/z0-casing'));
    expect(at('gas_pipelines/line')).toBeLessThan(at('enterprises/circle'));
    expect(at('enterprises/circle')).toBeLessThan(at('hazard_sources/icon'));
  });

  it('names style layers after their collection and gives every toggleable layer something to click', () => {
    for (const m of layerModules) {
      for (const id of styleLayerIds(m)) expect(id.startsWith(`${m.id}/`)).toBe(true);
      if (m.toggleable) expect(styleLayerIds(m, true).length).toBeGreaterThan(0);
    }
  });

  it('declares every icon and pattern the style asks for', () => {
    const declared = new Set(layerModules.flatMap((m) => [...Object.keys(m.icons ?? {}), ...Object.keys(m.patterns ?? {})]));
    const used = new Set<string>();
    for (const layer of style.layers) {
      const image = layer.type === 'symbol' ? layer.layout?.['icon-image'] : layer.type === 'fill' ? layer.paint?.['fill-pattern'] : undefined;
      for (const s of strings(image)) if (/^(hatch|crossing|hazard|occupation|resource|target|danger)-/.test(s)) used.add(s);
    }
    expect(used.size).toBeGreaterThan(10);
    for (const id of used) expect(declared.has(id), id).toBe(true);
  });

  it('switches one module to vector tiles without touching the others', () => {
    const parks = layerModules.find((m) => m.id === 'chemical_parks')!;
    expect(parks.source.kind).toBe('geojson');
    const tiled = { ...parks, source: { kind: 'tiles' as const } };
    const s = buildStyle(layerModules.map((m) => (m.id === 'chemical_parks' ? tiled : m)), origin);
    expect(s.sources.chemical_parks).toEqual(sourceSpec(tiled, origin));
    expect(s.sources.chemical_parks).toMatchObject({ type: 'vector', tiles: [`${origin}/tiles/chemical_parks/{z}/{x}/{y}`] });
    for (const layer of s.layers.filter((l) => l.id.startsWith('chemical_parks/'))) {
      expect(layer).toMatchObject({ source: 'chemical_parks', 'source-layer': 'chemical_parks' });
    }
    for (const layer of s.layers.filter((l) => l.id.startsWith('districts/'))) expect('source-layer' in layer).toBe(false);
    expect(s.sources.districts).toEqual(style.sources.districts);
  });

  it('draws the large layers from the API vector tiles (MVT layer = collection) and keeps the small ones GeoJSON', () => {
    const large = ['roads', 'gas_pipelines', 'enterprises', 'protected_targets', 'emergency_resources', 'hidden_dangers'];
    for (const id of large) {
      expect(style.sources[id], id).toMatchObject({ type: 'vector', tiles: [`${origin}/tiles/${id}/{z}/{x}/{y}`], promoteId: 'id' });
      for (const layer of style.layers.filter((l) => l.id.startsWith(`${id}/`))) expect(layer).toMatchObject({ source: id, 'source-layer': id });
    }
    for (const id of ['districts', 'chemical_parks', 'hazard_sources', 'railways', 'restricted_zones', 'basemap_features']) {
      expect(style.sources[id], id).toMatchObject({ type: 'geojson' });
    }
  });

  it('draws the base map water under every data layer and the Outer Ring as a dashed line', () => {
    const at = (id: string) => style.layers.findIndex((l) => l.id === id);
    expect(at('basemap_features/land')).toBeLessThan(at('basemap_features/water'));
    expect(at('districts/fill')).toBeLessThan(at('basemap_features/water'));
    expect(at('basemap_features/water')).toBeLessThan(at('chemical_parks/fill'));
    expect(at('basemap_features/water')).toBeLessThan(at('roads/z0'));
    const ring = style.layers[at('basemap_features/outer-ring')];
    expect(ring).toMatchObject({ type: 'line', paint: { 'line-dasharray': [5, 3] } });
    expect(JSON.stringify((ring as { filter?: unknown }).filter)).toContain('outer_ring_inside');
  });
});

describe('style on an external base map (BASEMAP_STYLE_URL)', () => {
  const baseStyle: StyleSpecification = {
    version: 8, name: 'OSM', glyphs: 'https://tiles.example/fonts/{fontstack}/{range}.pbf', sprite: 'https://tiles.example/sprite',
    sources: { osm: { type: 'vector', url: 'https://tiles.example/osm.json' } },
    layers: [
      { id: 'osm-bg', type: 'background', paint: { 'background-color': '#eee' } },
      { id: 'osm-water', type: 'fill', source: 'osm', 'source-layer': 'water', paint: { 'fill-color': '#9cf' } },
    ],
  };
  const s = buildStyle(layerModules, origin, baseStyle);

  it('draws the base style first and every data layer on top, keeping its glyphs and sprite', () => {
    expect(s.layers.slice(0, 2).map((l) => l.id)).toEqual(['osm-bg', 'osm-water']);
    expect(s.glyphs).toBe(baseStyle.glyphs);
    expect(s.sprite).toBe(baseStyle.sprite);
    expect(Object.keys(s.sources).sort()).toEqual(['osm', ...layerModules.map((m) => m.id)].sort());
    for (const id of ['roads/z0', 'enterprises/circle', 'chemical_parks/fill', 'basemap_features/outer-ring']) {
      expect(s.layers.some((l) => l.id === id), id).toBe(true);
    }
  });

  it('drops our water, and our land fills let the base map show through but stay clickable', () => {
    expect(s.layers.some((l) => l.id.startsWith('basemap_features/water') || l.id === 'basemap_features/coastline')).toBe(false);
    const land = s.layers.find((l) => l.id === 'districts/fill')!;
    expect(land).toMatchObject({ type: 'fill', paint: { 'fill-opacity': 0 } });
    expect(styleLayerIds(layerModules.find((m) => m.id === 'districts')!, true)).toContain('districts/fill');
    // the offline style is unchanged
    expect(style.layers.find((l) => l.id === 'districts/fill')).not.toHaveProperty('paint.fill-opacity');
  });

  it('refuses a base style whose source name clashes with a layer of ours', () => {
    const clash = { ...baseStyle, sources: { ...baseStyle.sources, roads: { type: 'geojson' as const, data: 'x' } } };
    expect(() => buildStyle(layerModules, origin, clash)).toThrow(/roads/);
  });
});

describe('legends', () => {
  it('have a zh-CN label for every row and every panel field', () => {
    for (const m of layerModules) {
      for (const e of m.legend) expect(hasMessage(e.labelKey), `${m.id}: ${e.labelKey}`).toBe(true);
      for (const f of m.fields) expect(hasMessage(`field.${f}`), `${m.id}: field.${f}`).toBe(true);
    }
  });

  it('use swatches that can be told apart within each layer', () => {
    for (const m of layerModules) {
      const swatches = m.legend.map((e) => e.swatch);
      const color = (i: number) => { const s = swatches[i]; return s.kind === 'icon' ? s.icon.fill : s.color; };
      const width = (i: number) => { const s = swatches[i]; return s.kind === 'line' ? s.widthPx : undefined; };
      for (let i = 0; i < swatches.length; i++) {
        for (let j = i + 1; j < swatches.length; j++) {
          // 30 in RGB space: clearly different hues or shades side by side (a glyph tells closer icons apart);
          // line classes may instead differ in width by half a pixel or more (secondary vs local roads)
          // (an area and a point symbol are told apart by their shape)
          if (swatches[i].kind !== swatches[j].kind) continue;
          const wi = width(i), wj = width(j);
          const distinct = colorDistance(color(i), color(j)) > 30 || (wi !== undefined && wj !== undefined && Math.abs(wi - wj) >= 0.5);
          expect(distinct, `${m.id}: ${m.legend[i].labelKey} vs ${m.legend[j].labelKey}`).toBe(true);
        }
      }
    }
  });
});
