/**
 * Coordinate reference systems of OGC API – Features Part 2 (CRS by reference), OGC 18-058r1.
 *
 * Geometry is stored in EPSG:4326 with PostGIS's longitude/latitude order. Three CRSs are offered:
 * - CRS84 (OGC:CRS84): WGS 84, longitude/latitude — the default of Part 1 (/req/core/crs84);
 * - EPSG:4326: WGS 84, but its axis order is latitude/longitude, in output, in `bbox-crs` and in `filter-crs`
 *   (Part 2 /req/crs/crs-uri + the EPSG definition of the axes);
 * - EPSG:4490: CGCS2000 (China Geodetic Coordinate System 2000), latitude/longitude like 4326. CGCS2000 and
 *   WGS 84 differ by centimetres, so the project treats them as equal at map scale (architecture.md §2):
 *   the numbers served are the stored ones, only the axis order changes.
 */
import { badRequest } from '../errors.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';
export const EPSG4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';

export interface Crs {
  uri: string;
  /** true when the first axis is latitude (EPSG:4326, EPSG:4490): coordinates are swapped on the way in and out */
  latLon: boolean;
}

export const supportedCrs: Crs[] = [
  { uri: CRS84, latLon: false },
  { uri: EPSG4326, latLon: true },
  { uri: EPSG4490, latLon: true },
];
export const supportedCrsUris = supportedCrs.map((c) => c.uri);
export const defaultCrs = supportedCrs[0];

/**
 * Resolves a `crs` / `bbox-crs` / `filter-crs` value. Accepts the URIs of Part 2 (http or https), the safe CURIEs
 * `[EPSG:4326]` / `[OGC:CRS84]`, and the short forms `EPSG:4326`, `OGC:CRS84`, `CRS84`; anything else is a 400
 * naming the parameter (Part 2 /req/crs/fc-crs-valid-value).
 */
export function parseCrs(value: string, field: string): Crs {
  const v = value.trim().replace(/^\[(.*)\]$/, '$1');
  const m = v.match(/^https?:\/\/www\.opengis\.net\/def\/crs\/(OGC|EPSG)\/[^/]+\/([A-Za-z0-9]+)$/i)
    ?? v.match(/^(OGC|EPSG):{1,2}([A-Za-z0-9]+)$/i)
    ?? v.match(/^()(CRS84)$/i);
  if (m) {
    const code = m[2].toUpperCase();
    if (code === 'CRS84') return supportedCrs[0];
    if (code === '4326') return supportedCrs[1];
    if (code === '4490') return supportedCrs[2];
  }
  throw badRequest(`不支持的坐标参考系 ${field}=${value} (unsupported CRS; use one of ${supportedCrsUris.join(', ')})`, field);
}

/** `Content-Crs` header value of Part 2 (/req/crs/ogc-crs-header): the URI in angle brackets. */
export const contentCrsHeader = (crs: Crs) => `<${crs.uri}>`;
