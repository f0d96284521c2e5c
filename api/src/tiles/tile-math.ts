/**
 * Web Mercator tile arithmetic (XYZ scheme, EPSG:3857 as used by MapLibre): tile ↔ lon/lat bounds and the tile
 * ranges a bounding box touches. Pure functions, no I/O.
 *
 * A tile (z, x, y) covers x ∈ [x, x+1], y ∈ [y, y+1] in "tile units" at zoom z; the MVT geometry of a tile also keeps
 * what lies in a buffer of `bufferUnits / extent` tile around it (ST_AsMVTGeom's buffer), so both the database
 * prefilter and the cache invalidation use the buffered square.
 */

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Highest zoom served (TileJSON maxzoom). */
export const MAX_ZOOM = 18;
/** MVT extent and buffer in tile-local units (ST_AsMVTGeom defaults used by MapLibre). */
export const EXTENT = 4096;
export const BUFFER_UNITS = 64;
/** Latitude limit of Web Mercator (tile y = 0 / 2^z edges). */
export const MERCATOR_MAX_LAT = 85.0511287798066;
/** Equatorial circumference of the EPSG:3857 sphere, metres. */
export const MERCATOR_WORLD_M = 2 * Math.PI * 6378137;

const BUFFER_TILES = BUFFER_UNITS / EXTENT;
/**
 * PostGIS compares the float4-rounded bounding box stored with each geometry (rounded outwards, up to ~8e-6° at
 * Shanghai's longitudes), so a feature may match a tile a hair beyond its exact bbox: widen bboxes by this much.
 */
const BBOX_SLACK_DEG = 1e-5;

export function lonToTileX(lon: number, z: number): number {
  return ((lon + 180) / 360) * 2 ** z;
}

export function latToTileY(lat: number, z: number): number {
  const phi = (Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 2 ** z;
}

export function tileXToLon(x: number, z: number): number {
  return (x / 2 ** z) * 360 - 180;
}

export function tileYToLat(y: number, z: number): number {
  const n = Math.PI * (1 - (2 * y) / 2 ** z);
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

export function isValidTile(z: number, x: number, y: number): boolean {
  return Number.isInteger(z) && Number.isInteger(x) && Number.isInteger(y) &&
    z >= 0 && z <= MAX_ZOOM && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;
}

/**
 * EPSG:4326 box of tile (z, x, y) grown by the MVT buffer (and a little slack), for the `geom && envelope` index
 * prefilter on the 4326 tables. Latitudes are clamped to the Mercator limit only where the tile touches it.
 */
export function bufferedTileBBox4326(z: number, x: number, y: number): BBox {
  const minLon = tileXToLon(x - BUFFER_TILES, z) - BBOX_SLACK_DEG;
  const maxLon = tileXToLon(x + 1 + BUFFER_TILES, z) + BBOX_SLACK_DEG;
  const maxLat = y === 0 ? 90 : tileYToLat(y - BUFFER_TILES, z) + BBOX_SLACK_DEG;
  const minLat = y === 2 ** z - 1 ? -90 : tileYToLat(y + 1 + BUFFER_TILES, z) - BBOX_SLACK_DEG;
  return [minLon, minLat, maxLon, maxLat];
}

export interface TileRange { z: number; minX: number; maxX: number; minY: number; maxY: number }

/**
 * Tiles at zoom z whose buffered square intersects `bbox` (EPSG:4326): exactly the tiles whose prefilter can
 * return a feature with that bbox. Tile t's buffered x-span is [t − b, t + 1 + b]; it meets [a0, a1] iff
 * a0 − 1 − b ≤ t ≤ a1 + b (same for y, whose axis points south).
 */
export function tileRangeForBBox(bbox: BBox, z: number): TileRange {
  const n = 2 ** z;
  const [minLon, minLat, maxLon, maxLat] = [bbox[0] - BBOX_SLACK_DEG, bbox[1] - BBOX_SLACK_DEG,
    bbox[2] + BBOX_SLACK_DEG, bbox[3] + BBOX_SLACK_DEG];
  const clamp = (t: number) => Math.max(0, Math.min(n - 1, t));
  return {
    z,
    minX: clamp(Math.ceil(lonToTileX(minLon, z) - 1 - BUFFER_TILES)),
    maxX: clamp(Math.floor(lonToTileX(maxLon, z) + BUFFER_TILES)),
    minY: clamp(Math.ceil(latToTileY(maxLat, z) - 1 - BUFFER_TILES)),
    maxY: clamp(Math.floor(latToTileY(minLat, z) + BUFFER_TILES)),
  };
}

export function rangeSize(r: TileRange): number {
  return Math.max(0, r.maxX - r.minX + 1) * Math.max(0, r.maxY - r.minY + 1);
}

export function rangeContains(r: TileRange, x: number, y: number): boolean {
  return x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
}

/** Size of one MVT grid unit at zoom z: metres (EPSG:3857) and degrees of longitude. */
export function mvtUnit(z: number): { metres: number; lonDeg: number } {
  return { metres: MERCATOR_WORLD_M / 2 ** z / EXTENT, lonDeg: 360 / 2 ** z / EXTENT };
}

/** The tile containing a point (for picking test tiles and benchmarks). */
export function tileForLonLat(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  return { z, x: Math.min(n - 1, Math.floor(lonToTileX(lon, z))), y: Math.min(n - 1, Math.floor(latToTileY(lat, z))) };
}
