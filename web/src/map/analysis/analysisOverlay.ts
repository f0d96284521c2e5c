import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { fontFamily } from '../icons.ts';
import { MAX_STACK_LINE, boundsOf } from './analysisFeatures.ts';

/** Colours of the analysis overlay (verdict colours of the planning panel: 不通过 red, 待定 amber, 通过 green). */
export const analysisColors = {
  fail: '#d32f2f',
  unknown: '#e08e00',
  pass: '#2e7d32',
  search: '#546e7a',
  site: '#0b5cad',
  offender: '#c2185b',
} as const;

const SOURCE = 'analysis';
const DRAFT = 'analysis-draft';
export const analysisLayerIds = {
  offenderFill: 'analysis/offender-fill',
  offenderLine: 'analysis/offender-line',
  offenderPoint: 'analysis/offender-point',
  search: 'analysis/search',
  rings: 'analysis/rings',
  siteFill: 'analysis/site-fill',
  siteLine: 'analysis/site-line',
  sitePoint: 'analysis/site-point',
  labels: 'analysis/labels',
  draftLine: 'analysis/draft-line',
  draftPoints: 'analysis/draft-points',
} as const;

const role = (r: string) => ['==', ['get', 'role'], r] as const;
const isPoint = ['==', ['geometry-type'], 'Point'] as const;
const isPolygon = ['==', ['geometry-type'], 'Polygon'] as const;
const statusColor = ['match', ['get', 'status'], 'fail', analysisColors.fail, 'unknown', analysisColors.unknown, analysisColors.pass] as const;

/** `line` → [x, y] pixel offset of a label (GeoJSON properties cannot carry arrays to the style, hence the match). */
const LINE_PX = 22;
const stackOffset = ['match', ['get', 'line'],
  ...Array.from({ length: 2 * MAX_STACK_LINE + 1 }, (_, k) => k - MAX_STACK_LINE).flatMap((l) => [l, ['literal', [6, l * LINE_PX]]]),
  ['literal', [6, 0]]];

function layers(): LayerSpecification[] {
  const src = { source: SOURCE };
  return [
    { id: analysisLayerIds.offenderFill, type: 'fill', ...src, filter: ['all', role('offender'), isPolygon] as never,
      paint: { 'fill-color': analysisColors.offender, 'fill-opacity': 0.18 } },
    { id: analysisLayerIds.offenderLine, type: 'line', ...src, filter: ['all', role('offender'), ['!', isPoint]] as never,
      paint: { 'line-color': analysisColors.offender, 'line-width': 4, 'line-opacity': 0.9 } },
    { id: analysisLayerIds.offenderPoint, type: 'circle', ...src, filter: ['all', role('offender'), isPoint] as never,
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': analysisColors.offender, 'circle-stroke-width': 3.5 } },
    { id: analysisLayerIds.search, type: 'line', ...src, filter: role('search') as never,
      paint: { 'line-color': analysisColors.search, 'line-width': 1.5, 'line-dasharray': [4, 3] } },
    { id: analysisLayerIds.rings, type: 'line', ...src, filter: role('ring') as never,
      paint: { 'line-color': statusColor as never, 'line-width': 3 } },
    { id: analysisLayerIds.siteFill, type: 'fill', ...src, filter: ['all', role('site'), ['!', isPoint]] as never,
      paint: { 'fill-color': analysisColors.site, 'fill-opacity': 0.3 } },
    { id: analysisLayerIds.siteLine, type: 'line', ...src, filter: ['all', role('site'), ['!', isPoint]] as never,
      paint: { 'line-color': analysisColors.site, 'line-width': 2.5 } },
    { id: analysisLayerIds.sitePoint, type: 'circle', ...src, filter: ['all', role('site'), isPoint] as never,
      paint: { 'circle-radius': 7, 'circle-color': analysisColors.site, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2.5 } },
    // text as images: the offline style has no glyphs (stack-notes §3), so labels are drawn on a canvas and added with addImage
    { id: analysisLayerIds.labels, type: 'symbol', ...src, filter: role('label') as never,
      layout: { 'icon-image': ['get', 'image'] as never, 'icon-allow-overlap': true, 'icon-ignore-placement': true, 'icon-anchor': 'left',
        'icon-offset': stackOffset as never } },
    { id: analysisLayerIds.draftLine, type: 'line', source: DRAFT, paint: { 'line-color': analysisColors.site, 'line-width': 2, 'line-dasharray': [2, 2] } },
    { id: analysisLayerIds.draftPoints, type: 'circle', source: DRAFT, filter: isPoint as never,
      paint: { 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': analysisColors.site, 'circle-stroke-width': 2 } },
  ];
}

/** A label drawn on a canvas (2× for sharp text): white box, coloured border and text. */
function labelImage(text: string, color: string): ImageData {
  const scale = 2;
  const fontPx = 12 * scale;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  ctx.font = `bold ${fontPx}px ${fontFamily}`;
  const w = Math.ceil(ctx.measureText(text).width) + 12 * scale;
  const h = fontPx + 8 * scale;
  canvas.width = w;
  canvas.height = h;
  ctx.font = `bold ${fontPx}px ${fontFamily}`;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * scale;
  ctx.beginPath();
  ctx.roundRect(scale, scale, w - 2 * scale, h - 2 * scale, 4 * scale);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 6 * scale, h / 2 + scale / 2);
  return ctx.getImageData(0, 0, w, h);
}

export type PickMode = 'point' | 'polygon';

/**
 * Draws the analysis (site, rings, offenders, labels) on the atlas's MapLibre map in its own GeoJSON sources and
 * layers, above the data layers. It re-adds them if the style is replaced. Also lets the planner place a site by
 * clicking (a point, or a polygon: clicks, double-click to close).
 */
export class AnalysisOverlay {
  private data: FeatureCollection = { type: 'FeatureCollection', features: [] };
  private draft: Position[] = [];
  private pickCleanup: (() => void) | null = null;
  private readonly onStyle = () => this.ensure();

  constructor(readonly map: MapLibreMap) {
    map.on('styledata', this.onStyle);
    if (map.isStyleLoaded()) this.ensure();
    else map.once('load', () => this.ensure());
  }

  /** Adds the sources and layers when missing (first use, or after a style change). */
  private ensure(): void {
    const map = this.map;
    if (!map.isStyleLoaded() && !map.getStyle()) return;
    try {
      if (!map.getSource(SOURCE)) map.addSource(SOURCE, { type: 'geojson', data: this.data });
      if (!map.getSource(DRAFT)) map.addSource(DRAFT, { type: 'geojson', data: this.draftData() });
      this.addImages();
      for (const layer of layers()) if (!map.getLayer(layer.id)) map.addLayer(layer);
    } catch {
      // style still loading: 'load'/'styledata' calls again
    }
  }

  private addImages(): void {
    for (const f of this.data.features) {
      const p = f.properties as { role?: string; image?: string; text?: string; status?: string } | null;
      if (p?.role !== 'label' || !p.image || this.map.hasImage(p.image)) continue;
      const color = analysisColors[(p.status ?? 'pass') as keyof typeof analysisColors] ?? analysisColors.pass;
      this.map.addImage(p.image, labelImage(p.text ?? '', color), { pixelRatio: 2 });
    }
  }

  /** Replaces what is drawn (see `analysisFeatures`). */
  show(fc: FeatureCollection): void {
    this.data = {
      type: 'FeatureCollection',
      features: fc.features.map((f) => {
        const p = f.properties ?? {};
        return p.role === 'label' ? { ...f, properties: { ...p, image: `analysis-label:${p.status}:${p.text}` } } : f;
      }),
    };
    this.ensure();
    this.addImages();
    (this.map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(this.data);
    this.map.triggerRepaint();
  }

  clear(): void {
    this.show({ type: 'FeatureCollection', features: [] });
  }

  private draftData(): FeatureCollection {
    const features: Feature[] = this.draft.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: {} }));
    if (this.draft.length > 1) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: this.draft }, properties: {} });
    return { type: 'FeatureCollection', features };
  }

  private setDraft(coords: Position[]): void {
    this.draft = coords;
    (this.map.getSource(DRAFT) as GeoJSONSource | undefined)?.setData(this.draftData());
  }

  /**
   * Waits for the planner's clicks: one click for a point; for a polygon, clicks add vertices and a double-click
   * (or a click on the first vertex) closes it. Returns a function that cancels.
   */
  pick(mode: PickMode, onDone: (geometry: Geometry) => void): () => void {
    this.cancelPick();
    const map = this.map;
    const canvas = map.getCanvas();
    const container = map.getContainer();
    const target = map.getCanvasContainer();
    const zoomWasOn = map.doubleClickZoom.isEnabled();
    canvas.style.cursor = 'crosshair';
    canvas.classList.add('analysis-picking');
    const coords: Position[] = [];
    let down: { x: number; y: number } | null = null;
    const finish = (geometry: Geometry) => { cleanup(); onDone(geometry); };
    const onMap = (e: MouseEvent) => target.contains(e.target as Node);
    const pointOf = (e: MouseEvent) => {
      const r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const closePolygon = () => {
      // a double-click also fired two clicks at the same spot: drop repeated vertices
      const ring = coords.filter((c, i) => i === 0 || c[0] !== coords[i - 1][0] || c[1] !== coords[i - 1][1]);
      if (ring.length < 3) return;
      finish({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    };
    const onDown = (e: MouseEvent) => { if (onMap(e)) down = { x: e.clientX, y: e.clientY }; };
    // capture phase on the map's container: while picking, a click places the site and never reaches MapLibre
    // (so it does not also select the feature under it); drags still pan the map
    const onClick = (e: MouseEvent) => {
      if (!onMap(e)) return;
      if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 3) return;
      e.stopPropagation();
      const pt = pointOf(e);
      const ll = map.unproject([pt.x, pt.y]);
      const p: Position = [Number(ll.lng.toFixed(7)), Number(ll.lat.toFixed(7))];
      if (mode === 'point') { finish({ type: 'Point', coordinates: p }); return; }
      if (coords.length >= 3) {
        const first = map.project(coords[0] as [number, number]);
        if (Math.hypot(first.x - pt.x, first.y - pt.y) < 8) { closePolygon(); return; }
      }
      coords.push(p);
      this.setDraft([...coords]);
    };
    const onDblClick = (e: MouseEvent) => {
      if (!onMap(e)) return;
      e.stopPropagation();
      e.preventDefault();
      closePolygon();
    };
    const cleanup = () => {
      container.removeEventListener('mousedown', onDown, true);
      container.removeEventListener('click', onClick, true);
      container.removeEventListener('dblclick', onDblClick, true);
      if (zoomWasOn) map.doubleClickZoom.enable();
      canvas.style.cursor = '';
      canvas.classList.remove('analysis-picking');
      this.setDraft([]);
      this.pickCleanup = null;
    };
    container.addEventListener('mousedown', onDown, true);
    container.addEventListener('click', onClick, true);
    if (mode === 'polygon') {
      map.doubleClickZoom.disable();
      container.addEventListener('dblclick', onDblClick, true);
    }
    this.pickCleanup = cleanup;
    return cleanup;
  }

  cancelPick(): void {
    this.pickCleanup?.();
  }

  /** Moves the camera to a geometry (a point gets a street-level zoom). */
  flyTo(geometry: Geometry, duration = 600): void {
    if (geometry.type === 'Point') {
      this.map.flyTo({ center: geometry.coordinates as [number, number], zoom: Math.max(this.map.getZoom(), 16), duration });
      return;
    }
    this.map.fitBounds(boundsOf(geometry), { padding: 60, maxZoom: 17, duration });
  }

  /** The map as drawn now (the map is created with preserveDrawingBuffer, so the canvas can be read back). */
  snapshot(): string {
    return this.map.getCanvas().toDataURL('image/png');
  }

  destroy(): void {
    this.cancelPick();
    this.map.off('styledata', this.onStyle);
    try {
      for (const layer of layers()) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
      for (const s of [SOURCE, DRAFT]) if (this.map.getSource(s)) this.map.removeSource(s);
    } catch { /* map already removed */ }
  }
}
