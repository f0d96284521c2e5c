import { Map as MapLibreMap, NavigationControl, ScaleControl, type IControl, type MapMouseEvent, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import type { Lang } from '../i18n/messages.ts';
import { featureName, references } from '../i18n/format.ts';
import { api, ApiError, authHeaders } from '../api/client.ts';
import type { ChangeEvent } from '../api/stream.ts';
import { base, hexToRgb, selection } from './palette.ts';
import { buildStyle, styleLayerIds } from './style.ts';
import { fontFamily, renderHatch, renderIcon } from './icons.ts';
import { bboxArea, labelData } from './labels.ts';
import { atlasHooks } from './testHooks.ts';
import type { AtlasFeature, LabelDatum, LayerModule, MapCollectionId } from './types.ts';

/** The whole municipality, 崇明 included (west 青浦 ~120.85°E, east 浦东 ~122.0°E, south 金山 ~30.68°N, north 崇明 ~31.87°N). */
export const shanghaiBounds: [[number, number], [number, number]] = [[120.85, 30.66], [122.05, 31.88]];

/** Changes of one tiled layer arriving within this window share one reload of its tiles. */
const tileReloadWindowMs = 100;

export interface AtlasMapOptions {
  container: HTMLElement;
  modules: readonly LayerModule[];
  lang: Lang;
  origin?: string;
  /** an external base style (BASEMAP_STYLE_URL) to draw under our layers; default: the offline style */
  baseStyle?: StyleSpecification;
  onSelect(feature: AtlasFeature | null): void;
}

/**
 * The map: MapLibre draws the offline style (base map and every data layer: small layers from GeoJSON, large ones
 * from the API's vector tiles), deck.gl (interleaved, in the same WebGL context) draws the labels and the
 * selection highlight. UI state lives in React; this class only reflects it (data, visibility, language,
 * selection, live changes) onto the map.
 *
 * Features of tiled layers are not all in the browser: a click shows the tile's attributes at once, then the
 * full feature (`/ogc/collections/{id}/items/{fid}`: every property, unclipped geometry) replaces them; fetched
 * features are kept in `features` (also to name the features others refer to) until a change touches them.
 */
export class AtlasMap {
  readonly map: MapLibreMap;
  readonly overlay: MapboxOverlay;
  private readonly modules: ReadonlyMap<MapCollectionId, LayerModule>;
  private readonly images: ReadonlyMap<string, () => ImageData>;
  private readonly features = new Map<MapCollectionId, Map<string | number, Feature>>();
  private readonly collections = new Map<MapCollectionId, FeatureCollection>();
  private readonly labels = new Map<MapCollectionId, LabelDatum[]>();
  private readonly visible = new Map<MapCollectionId, boolean>();
  private readonly pending: (() => void)[] = [];
  private readonly tileReloads = new Set<MapCollectionId>();
  private destroyed = false;
  private styleReady = false;
  private dataSettled = false;
  private lang: Lang;
  private selected: AtlasFeature | null = null;
  private readonly onSelect: (feature: AtlasFeature | null) => void;

  constructor(options: AtlasMapOptions) {
    const origin = options.origin ?? window.location.origin;
    this.lang = options.lang;
    this.onSelect = options.onSelect;
    this.modules = new Map(options.modules.map((m) => [m.id, m]));
    for (const m of options.modules) this.visible.set(m.id, true);

    const images = new Map<string, () => ImageData>();
    for (const m of options.modules) {
      for (const [id, spec] of Object.entries(m.icons ?? {})) images.set(id, () => renderIcon(spec));
      for (const [id, p] of Object.entries(m.patterns ?? {})) images.set(id, () => renderHatch(p.color, p.strength));
    }
    this.images = images;

    this.map = new MapLibreMap({
      container: options.container,
      style: buildStyle(options.modules, origin, options.baseStyle),
      bounds: shanghaiBounds,
      fitBoundsOptions: { padding: 24 },
      minZoom: 5,
      maxZoom: 18,
      attributionControl: false,
      // lets tests (and "save image") read the canvas back
      canvasContextAttributes: { preserveDrawingBuffer: true },
      // vector tiles of the API need the same bearer token as its JSON
      transformRequest: (url) => (url.startsWith(origin) ? { url, headers: authHeaders() } : { url }),
    });
    this.overlay = new MapboxOverlay({ interleaved: true, layers: [] });
    this.map.addControl(this.overlay as unknown as IControl);
    this.map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');

    const hooks = atlasHooks();
    hooks.map = this.map;
    hooks.deck = this.overlay;
    for (const m of options.modules) hooks.layers[m.id] = { visible: true, featureCount: 0 };

    this.map.on('styleimagemissing', (e: { id: string }) => {
      const make = this.images.get(e.id);
      if (make && !this.map.hasImage(e.id)) this.map.addImage(e.id, make(), { pixelRatio: 2 });
    });
    this.map.on('load', () => {
      this.styleReady = true;
      hooks.mapLoaded = true;
      hooks.loaded = this.dataSettled;
      for (const run of this.pending.splice(0)) run();
      this.renderOverlay();
    });
    this.map.on('error', (e: { error?: { status?: number; message?: string } }) => {
      // A failed tile schedules no frame, and MapLibre fires `load` only from a frame: when every tile of the first
      // view fails (refused before signing in), `load` would wait for the next interaction. Ask for that frame.
      this.map.triggerRepaint();
      // tiles refused before signing in (PUBLIC_READ=false): the sign-in reloads them (useLayers → refreshAllTiles)
      if (e.error?.status === 401 || e.error?.status === 403) return;
      console.error(e.error ?? e);
    });
    this.map.on('render', () => { hooks.idle = false; });
    this.map.on('idle', () => { hooks.idle = true; });
    this.map.on('zoomend', () => this.renderOverlay());
    this.map.on('click', (e) => this.handleClick(e));
    this.map.on('mousemove', (e) => {
      this.map.getCanvas().style.cursor = this.hit(e) ? 'pointer' : '';
    });
  }

  private whenReady(run: () => void): void {
    if (this.styleReady) run();
    else this.pending.push(run);
  }

  /** Replaces a GeoJSON layer's features. */
  setData(id: MapCollectionId, fc: FeatureCollection): void {
    const module = this.modules.get(id);
    if (!module || module.source.kind !== 'geojson') return;
    this.collections.set(id, fc);
    this.features.set(id, new Map(fc.features.map((f, i) => [f.id ?? (f.properties?.id as number | undefined) ?? i, f])));
    this.computeLabels(id);
    atlasHooks().layers[id] = { ...atlasHooks().layers[id], featureCount: fc.features.length };
    this.whenReady(() => {
      (this.map.getSource(id) as GeoJSONSource | undefined)?.setData(fc);
      this.renderOverlay();
    });
  }

  /** For tile layers: the count from `GET /api/layers` (features are not all in the browser). */
  setFeatureCount(id: MapCollectionId, count: number): void {
    atlasHooks().layers[id] = { ...atlasHooks().layers[id], featureCount: count };
  }

  /** Every layer request has settled (loaded, empty or failed): `window.__atlas.loaded` once the map has loaded too. */
  markDataSettled(): void {
    this.dataSettled = true;
    atlasHooks().loaded = this.styleReady;
  }

  setVisible(id: MapCollectionId, visible: boolean): void {
    const module = this.modules.get(id);
    if (!module || this.visible.get(id) === visible) return;
    this.visible.set(id, visible);
    const hooks = atlasHooks();
    hooks.layers[id] = { ...hooks.layers[id], visible };
    hooks.idle = false;
    this.whenReady(() => {
      for (const layerId of styleLayerIds(module)) {
        if (this.map.getLayer(layerId)) this.map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
      }
      if (!visible && this.selected?.collection === id) this.select(null);
      this.renderOverlay();
      this.map.triggerRepaint();
    });
  }

  setLang(lang: Lang): void {
    if (lang === this.lang) return;
    this.lang = lang;
    for (const id of this.collections.keys()) this.computeLabels(id);
    this.renderOverlay();
  }

  /** Highlights a feature (or clears the highlight); does not call onSelect. */
  select(feature: AtlasFeature | null): void {
    this.selected = feature;
    this.renderOverlay();
  }

  /** Full feature (all properties) of a loaded GeoJSON layer, or one of a tiled layer fetched earlier. */
  feature(id: MapCollectionId, featureId: string | number): Feature | undefined {
    return this.features.get(id)?.get(featureId);
  }

  /**
   * Applies a `change` event of /api/stream to a tiled layer: the tiles in view are fetched again (the API
   * answers 304 for those whose bytes did not change: its tile cache dropped only the tiles the change touched)
   * and the tiles kept out of view are dropped. Fetched full features of the changed rows are forgotten; a
   * selected one is fetched again (or deselected when it was deleted). GeoJSON layers are refetched by their
   * owner (useLayers) and handed over with `setData`.
   */
  applyChange(change: ChangeEvent): void {
    const id = change.collection as MapCollectionId;
    const module = this.modules.get(id);
    if (!module) return;
    atlasHooks().changes.push({ collection: change.collection, ids: change.ids, at: Date.now() });
    if (module.source.kind !== 'tiles') return;
    const cached = this.features.get(id);
    if (cached) {
      if (change.ids) for (const fid of change.ids) cached.delete(fid);
      else cached.clear();
    }
    this.reloadTiles(id);
    const sel = this.selected;
    if (sel?.collection === id && (!change.ids || change.ids.includes(Number(sel.id)))) void this.completeSelection(sel);
  }

  /**
   * Every tiled layer fetched again: after a reconnection of the stream (changes may have been missed), or after
   * signing in (tiles refused without a token).
   */
  refreshAllTiles(): void {
    for (const m of this.modules.values()) {
      if (m.source.kind !== 'tiles') continue;
      this.features.delete(m.id);
      this.reloadTiles(m.id);
    }
  }

  /**
   * Tiles in view fetched again (revalidated: 304 when unchanged), tiles kept out of view dropped. Changes that
   * arrive within `tileReloadWindowMs` of each other (an import sends a `change` event every 50 ms) share one reload.
   */
  private reloadTiles(id: MapCollectionId): void {
    if (this.tileReloads.has(id)) return;
    this.tileReloads.add(id);
    setTimeout(() => {
      this.tileReloads.delete(id);
      if (this.destroyed) return;
      this.whenReady(() => {
        if (!this.map.getSource(id)) return;
        atlasHooks().idle = false;
        this.map.refreshTiles(id);
      });
    }, tileReloadWindowMs);
  }

  destroy(): void {
    this.destroyed = true;
    const hooks = atlasHooks();
    if (hooks.map === this.map) Object.assign(hooks, { map: null, deck: null, mapLoaded: false, loaded: false, idle: false });
    this.map.remove();
  }

  private computeLabels(id: MapCollectionId): void {
    const module = this.modules.get(id);
    const fc = this.collections.get(id);
    if (module?.labels && fc) this.labels.set(id, labelData(fc, module.labels, this.lang));
  }

  private interactiveLayerIds(): string[] {
    const ids: string[] = [];
    for (const m of this.modules.values()) if (this.visible.get(m.id)) ids.push(...styleLayerIds(m, true));
    return ids.filter((id) => this.map.getLayer(id));
  }

  /** Topmost interactive feature within a few pixels of the pointer. */
  private hit(e: MapMouseEvent) {
    if (!this.styleReady) return undefined;
    const r = 4;
    const { x, y } = e.point;
    const hits = this.map.queryRenderedFeatures([[x - r, y - r], [x + r, y + r]], { layers: this.interactiveLayerIds() });
    const top = hits[0];
    if (!top || top.layer.type !== 'fill') return top;
    // nested areas of one layer (a no-hazmat core inside a time-window ring): the smallest one is meant
    const collection = top.layer.id.split('/')[0] as MapCollectionId;
    const size = (h: typeof top) => bboxArea(this.feature(collection, (h.id ?? h.properties?.id) as number)?.geometry ?? h.geometry);
    return hits.filter((h) => h.layer.id === top.layer.id).reduce((a, b) => (size(b) < size(a) ? b : a));
  }

  private handleClick(e: MapMouseEvent): void {
    const hit = this.hit(e);
    if (!hit) {
      this.select(null);
      this.onSelect(null);
      return;
    }
    const collection = hit.layer.id.split('/')[0] as MapCollectionId;
    const featureId = (hit.id ?? hit.properties?.id) as string | number;
    const full = this.feature(collection, featureId);
    const properties = (full?.properties ?? hit.properties ?? {}) as Record<string, unknown>;
    const selected: AtlasFeature = { collection, id: featureId, properties, geometry: full?.geometry ?? hit.geometry };
    atlasHooks().clicked.push({ layer: collection, id: featureId, name: featureName(collection, properties, this.lang) });
    this.select(selected);
    this.onSelect(selected);
    if (this.modules.get(collection)?.source.kind === 'tiles' || this.hasTiledReferences(properties)) void this.completeSelection(selected);
  }

  /** Whether a feature refers (enterprise_id, pipeline_id …) to a feature of a tiled layer. */
  private hasTiledReferences(properties: Record<string, unknown>): boolean {
    return Object.keys(references).some((f) => typeof properties[f] === 'number' && this.modules.get(references[f] as MapCollectionId)?.source.kind === 'tiles');
  }

  /**
   * Fetches the full feature of a tiled layer (and the tiled features it refers to, so the panel can name them),
   * then hands the completed selection to `onSelect` if it is still the selected one. A deleted feature is
   * deselected.
   */
  private async completeSelection(sel: AtlasFeature): Promise<void> {
    const tiled = this.modules.get(sel.collection)?.source.kind === 'tiles';
    let current: AtlasFeature = sel;
    if (tiled) {
      const full = await this.fetchFeature(sel.collection, sel.id);
      if (this.selected?.collection !== sel.collection || this.selected.id !== sel.id) return;
      if (full === null) { this.select(null); this.onSelect(null); return; }
      if (full) current = { ...sel, properties: (full.properties ?? {}) as Record<string, unknown>, geometry: full.geometry ?? sel.geometry };
    }
    await Promise.all(Object.keys(references).map((field) => {
      const target = references[field] as MapCollectionId;
      const ref = current.properties[field];
      if (typeof ref !== 'number' || this.modules.get(target)?.source.kind !== 'tiles' || this.feature(target, ref)) return undefined;
      return this.fetchFeature(target, ref);
    }));
    if (this.selected?.collection !== sel.collection || this.selected.id !== sel.id) return;
    this.select(current);
    this.onSelect(current);
  }

  /** A feature through OGC API Features, kept in `features`; null when it does not exist (any more), undefined on failure. */
  private async fetchFeature(collection: MapCollectionId, featureId: string | number): Promise<Feature | null | undefined> {
    try {
      const f = await api.feature(collection, featureId);
      let cache = this.features.get(collection);
      if (!cache) this.features.set(collection, (cache = new Map()));
      cache.set(featureId, f);
      return f;
    } catch (err) {
      return err instanceof ApiError && err.status === 404 ? null : undefined;
    }
  }

  private renderOverlay(): void {
    const zoom = this.map.getZoom();
    const layers: Layer[] = [];
    const sel = this.selected;
    if (sel?.geometry) {
      const [r, g, b] = hexToRgb(selection);
      layers.push(new GeoJsonLayer({
        id: 'selection',
        data: [{ type: 'Feature', geometry: sel.geometry, properties: {} }],
        filled: false,
        stroked: true,
        getLineColor: [r, g, b, 220],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        pointType: 'circle',
        pointRadiusUnits: 'pixels',
        getPointRadius: 13,
        lineJointRounded: true,
        lineCapRounded: true,
        pickable: false,
      }));
    }
    for (const [id, data] of this.labels) {
      const style = this.modules.get(id)?.labels;
      if (!style || !this.visible.get(id) || zoom < style.minZoom) continue;
      const shown = data.filter((d) => zoom >= d.minZoom);
      if (shown.length === 0) continue;
      layers.push(new TextLayer<LabelDatum>({
        id: `labels/${id}/${this.lang}`,
        data: shown,
        getPosition: (d) => d.position,
        getText: (d) => d.text,
        getSize: style.sizePx,
        sizeUnits: 'pixels',
        getColor: [...style.color, 255],
        fontFamily,
        fontWeight: 'bold',
        characterSet: 'auto',
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        outlineWidth: 0.35,
        outlineColor: [...base.labelHalo, 235],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        pickable: false,
      }));
    }
    this.overlay.setProps({ layers });
    atlasHooks().idle = false;
    this.map.triggerRepaint();
  }
}

