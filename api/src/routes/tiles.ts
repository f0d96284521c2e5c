import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';
import { readAccess } from '../auth/middleware.ts';
import { findCollection } from '../layers/catalog.ts';
import { tileService, tileSettings } from '../tiles/service.ts';
import { COMPOSITE_LAYER } from '../tiles/cache.ts';
import { isTiledCollection, tiledCollections, type TileLayer } from '../tiles/layers.ts';
import { MAX_ZOOM, MERCATOR_MAX_LAT, isValidTile, type BBox } from '../tiles/tile-math.ts';
import { changeFeed } from '../changes/feed.ts';

/**
 * Vector tiles (architecture.md §4), built by PostGIS:
 *   GET /tiles                        tile layers and their TileJSON URLs, cache statistics
 *   GET /tiles/{collection}           TileJSON 3.0.0
 *   GET /tiles/{collection}/{z}/{x}/{y}[.mvt|.pbf]   MVT, layer name = collection id; 204 when empty
 *   GET /tiles/all[/{z}/{x}/{y}]      every tiled collection in one tile (one layer each)
 * Tiles carry a strong ETag (hash of the bytes) and answer If-None-Match with 304.
 */

const MVT_TYPE = 'application/vnd.mapbox-vector-tile';

function resolveLayer(id: string): string {
  if (id === COMPOSITE_LAYER || isTiledCollection(id)) return id;
  const col = findCollection(id);
  if (col && !col.geometryColumn) throw notFound(`集合 "${id}" 没有几何，无法切片 (collection "${id}" has no geometry to tile)`);
  if (col) throw notFound(`集合 "${id}" 不提供矢量瓦片：实时位置请用 /api/stream 与轨迹接口 (no vector tiles for "${id}": use /api/stream and the track endpoint)`);
  throw notFound(`没有名为 "${id}" 的瓦片图层 (no tile layer named "${id}")`);
}

function parseCoord(raw: string, field: 'z' | 'x' | 'y'): number {
  if (!/^\d{1,10}$/.test(raw)) throw badRequest(`瓦片坐标 ${field} 必须是非负整数，收到 "${raw}" (${field} must be a non-negative integer)`, field);
  return Number(raw);
}

function parseTile(c: Context<AppEnv>): { z: number; x: number; y: number } {
  const yRaw = c.req.param('y')!.replace(/\.(mvt|pbf)$/, '');
  const z = parseCoord(c.req.param('z')!, 'z');
  const x = parseCoord(c.req.param('x')!, 'x');
  const y = parseCoord(yRaw, 'y');
  if (z > MAX_ZOOM) throw badRequest(`缩放级别 z=${z} 超出范围 0–${MAX_ZOOM} (z must be 0–${MAX_ZOOM})`, 'z');
  const n = 2 ** z;
  if (x >= n) throw badRequest(`x=${x} 超出 z=${z} 的范围 0–${n - 1} (x must be 0–${n - 1} at zoom ${z})`, 'x');
  if (y >= n) throw badRequest(`y=${y} 超出 z=${z} 的范围 0–${n - 1} (y must be 0–${n - 1} at zoom ${z})`, 'y');
  if (!isValidTile(z, x, y)) throw badRequest('瓦片坐标无效 (invalid tile address)');
  return { z, x, y };
}

/** Request origin as the client sees it (honours a reverse proxy's X-Forwarded-Proto/-Host). */
function publicOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0].trim() || url.protocol.replace(':', '');
  const host = c.req.header('x-forwarded-host')?.split(',')[0].trim() || c.req.header('host') || url.host;
  return `${proto}://${host}`;
}

function cacheControl(c: Context<AppEnv>): string {
  return `${c.var.deps.settings.publicRead ? 'public' : 'private'}, max-age=${tileSettings.maxAgeS}, must-revalidate`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

function vectorLayer(l: TileLayer) {
  return {
    id: l.id, description: `${l.title} (${l.titleEn})`, minzoom: 0, maxzoom: MAX_ZOOM,
    fields: Object.fromEntries(l.fields.map((f) => [f.name, f.type])),
  };
}

const WORLD: BBox = [-180, -MERCATOR_MAX_LAT, 180, MERCATOR_MAX_LAT];

export const tileRoutes = new Hono<AppEnv>()
  .use('/tiles', readAccess)
  .use('/tiles/*', readAccess)
  .get('/tiles', async (c) => {
    const service = tileService(c.var.deps);
    const origin = publicOrigin(c);
    return c.json({
      layers: [...tiledCollections.map((col) => ({ id: col.id, title: col.title, titleEn: col.titleEn,
        tilejson: `${origin}/tiles/${col.id}` })),
      { id: COMPOSITE_LAYER, title: '全部图层', titleEn: 'All layers', tilejson: `${origin}/tiles/${COMPOSITE_LAYER}` }],
      changeFeed: changeFeed(c.var.deps).live ? 'live' : 'down',
      cache: service.cache.stats(),
    });
  })
  .get('/tiles/:layer', async (c) => {
    const id = resolveLayer(c.req.param('layer'));
    const service = tileService(c.var.deps);
    const layers = await service.layerMap();
    const members = id === COMPOSITE_LAYER ? [...layers.values()] : [layers.get(id)!];
    const extents = (await Promise.all(members.map((l) => service.extent(l.id)))).filter((b): b is BBox => b !== null);
    const b: BBox = extents.length
      ? [Math.max(-180, Math.min(...extents.map((e) => e[0]))), Math.max(-MERCATOR_MAX_LAT, Math.min(...extents.map((e) => e[1]))),
        Math.min(180, Math.max(...extents.map((e) => e[2]))), Math.min(MERCATOR_MAX_LAT, Math.max(...extents.map((e) => e[3])))]
      : WORLD;
    // the zoom at which the data extent spans about one 512 px screen
    const span = Math.max(b[2] - b[0], (b[3] - b[1]) * 1.2, 1e-6);
    const centerZoom = Math.max(0, Math.min(MAX_ZOOM, Math.floor(Math.log2(360 / span)) + 1));
    const title = id === COMPOSITE_LAYER ? '安全生产一张图 全部图层 (SafetyAtlas, all layers)' : `${members[0].title} (${members[0].titleEn})`;
    c.header('Cache-Control', `${c.var.deps.settings.publicRead ? 'public' : 'private'}, max-age=0, must-revalidate`);
    return c.json({
      tilejson: '3.0.0',
      name: id,
      description: title,
      version: '1.0.0',
      attribution: 'SafetyAtlas 安全生产一张图',
      scheme: 'xyz',
      tiles: [`${publicOrigin(c)}/tiles/${id}/{z}/{x}/{y}`],
      minzoom: 0,
      maxzoom: MAX_ZOOM,
      bounds: b.map((v) => Math.round(v * 1e6) / 1e6),
      center: [Math.round(((b[0] + b[2]) / 2) * 1e6) / 1e6, Math.round(((b[1] + b[3]) / 2) * 1e6) / 1e6, centerZoom],
      vector_layers: members.map(vectorLayer),
    });
  })
  .get('/tiles/:layer/:z/:x/:y', async (c) => {
    const id = resolveLayer(c.req.param('layer'));
    const { z, x, y } = parseTile(c);
    const user = c.var.user;
    const { tile, cache } = await tileService(c.var.deps).render(id, z, x, y, user?.districts?.length ? user.districts : null);
    const headers: Record<string, string> = { 'Cache-Control': cacheControl(c), Vary: 'Authorization', 'X-Tile-Cache': cache };
    if (!tile.bytes.length) return c.body(null, 204, headers);
    headers.ETag = tile.etag!;
    if (etagMatches(c.req.header('if-none-match'), tile.etag!)) return c.body(null, 304, headers);
    return c.body(tile.bytes as Uint8Array<ArrayBuffer>, 200,
      { ...headers, 'Content-Type': MVT_TYPE });
  });
