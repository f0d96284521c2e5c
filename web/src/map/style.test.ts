import { describe, expect, it } from 'vitest';
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
    const roads = layerModules.find((m) => m.id === 'roads')!;
    const tiled = { ...roads, source: { kind: 'tiles' as const } };
    const s = buildStyle(layerModules.map((m) => (m.id === 'roads' ? tiled : m)), origin);
    expect(s.sources.roads).toEqual(sourceSpec(tiled, origin));
    expect(s.sources.roads).toMatchObject({ type: 'vector', tiles: [`${origin}/tiles/roads/{z}/{x}/{y}`] });
    for (const layer of s.layers.filter((l) => l.id.startsWith('roads/'))) expect(layer).toMatchObject({ source: 'roads', 'source-layer': 'roads' });
    for (const layer of s.layers.filter((l) => l.id.startsWith('enterprises/'))) expect('source-layer' in layer).toBe(false);
    expect(s.sources.enterprises).toEqual(style.sources.enterprises);
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
