/**
 * Query parameters of OGC API – Features (OGC 17-069r4 Part 1 §7.15, 18-058r1 Part 2, 19-079r2 Part 3):
 * each is validated here into typed values; anything wrong is a 400 naming the parameter.
 */
import { badRequest } from '../errors.ts';
import { Cql2Error, isValidDate, normalizeTimestamp, parseCql2Text } from './cql2.ts';
import { defaultCrs, parseCrs, type Crs } from './crs.ts';
import type { OgcCollection } from './collections.ts';
import type { ItemsQuery } from './sql.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** Standard parameters of /items; a collection's queryable properties are accepted besides these. */
export const itemsParameters = ['bbox', 'bbox-crs', 'crs', 'datetime', 'filter', 'filter-lang', 'filter-crs', 'limit', 'offset', 'f'];

/** Query parameters as a map; a repeated parameter is a 400 (every parameter here takes one value). */
export function readQuery(url: string, allowed: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URL(url).searchParams) {
    if (!allowed(name)) throw badRequest(`未知的查询参数 "${name}" (unknown query parameter)`, name);
    if (out.has(name)) throw badRequest(`查询参数 "${name}" 重复 (parameter given more than once)`, name);
    out.set(name, value);
  }
  checkFormat(out.get('f'));
  return out;
}

/** `f`: only JSON encodings are offered. */
function checkFormat(f: string | undefined) {
  if (f !== undefined && !['json', 'geojson', 'application/json', 'application/geo+json'].includes(f.toLowerCase())) {
    throw badRequest(`不支持的格式 f=${f} (unsupported format; this server offers f=json)`, 'f');
  }
}

/** limit: integer ≥ 1, default 100; above 10000 it is clamped to 10000 (Part 1 /req/core/fc-limit-response-1 allows it). */
export function parseLimit(v: string | undefined): number {
  if (v === undefined) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw badRequest(`limit 必须是正整数 (limit must be an integer ≥ 1, got "${v}")`, 'limit');
  return Math.min(Number(v), MAX_LIMIT);
}

export function parseOffset(v: string | undefined): number {
  if (v === undefined) return 0;
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(Number(v))) throw badRequest(`offset 必须是非负整数 (offset must be an integer ≥ 0, got "${v}")`, 'offset');
  return Number(v);
}

/**
 * bbox: 4 or 6 numbers in `bbox-crs` axis order (CRS84 lon/lat by default; EPSG:4326/4490 lat/lon), returned
 * as [minLon, minLat, maxLon, maxLat]. minLon > maxLon is a box across the antimeridian (Part 1 §7.15.3).
 */
export function parseBbox(v: string, crs: Crs): [number, number, number, number] {
  const parts = v.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((s) => s === '') || nums.some((n) => !Number.isFinite(n))) {
    throw badRequest(`bbox 需要 4 或 6 个数 (bbox must be 4 or 6 comma-separated numbers, got "${v}")`, 'bbox');
  }
  const [a, b, c, d] = parts.length === 4 ? nums : [nums[0], nums[1], nums[3], nums[4]];
  const [minx, miny, maxx, maxy] = crs.latLon ? [b, a, d, c] : [a, b, c, d];
  if (Math.abs(minx) > 180 || Math.abs(maxx) > 180 || Math.abs(miny) > 90 || Math.abs(maxy) > 90) {
    throw badRequest(`bbox 超出经纬度范围 (bbox outside longitude ±180 / latitude ±90 in ${crs.uri} axis order)`, 'bbox');
  }
  if (miny > maxy) throw badRequest('bbox 的南边界大于北边界 (bbox: minimum latitude greater than maximum)', 'bbox');
  return [minx, miny, maxx, maxy];
}

/**
 * datetime (Part 1 §7.15.4): an instant, or an interval `start/end` with `..` or empty for an open end.
 * A date-only value covers its whole UTC day. Returns closed bounds (exclusive end for whole days).
 */
export function parseDatetime(v: string): NonNullable<ItemsQuery['datetime']> {
  // an unencoded '+' of an offset arrives as a space
  const text = v.trim().replace(/ (\d{2}:\d{2})(?=$|\/)/g, '+$1');
  const bad = () => badRequest(`无效的 datetime "${v}" (expected RFC 3339 instant or interval like 2024-05-01T00:00:00Z/.. )`, 'datetime');
  const bound = (s: string, end: boolean): { at: string | null; dayEnd: boolean } => {
    if (s === '..' || s === '') return { at: null, dayEnd: false };
    if (isValidDate(s)) return end ? { at: nextDay(s), dayEnd: true } : { at: `${s}T00:00:00Z`, dayEnd: false };
    const ts = normalizeTimestamp(s);
    if (!ts) throw bad();
    return { at: ts, dayEnd: false };
  };
  const parts = text.split('/');
  if (parts.length === 1) {
    if (text === '..' || text === '') throw bad();
    if (isValidDate(text)) return { start: `${text}T00:00:00Z`, end: nextDay(text), endExclusive: true };
    const ts = normalizeTimestamp(text);
    if (!ts) throw bad();
    return { start: ts, end: ts };
  }
  if (parts.length !== 2) throw bad();
  const s = bound(parts[0], false);
  const e = bound(parts[1], true);
  if (s.at === null && e.at === null && !(parts[0] === '..' || parts[1] === '..')) throw bad();
  if (s.at !== null && e.at !== null && Date.parse(s.at) > Date.parse(e.at)) {
    throw badRequest(`datetime 区间的开始晚于结束 (datetime interval starts after it ends: "${v}")`, 'datetime');
  }
  return { start: s.at, end: e.at, endExclusive: e.dayEnd };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().replace('.000Z', 'Z');
}

/** `?name=value` on a queryable property: the value checked against the column's type. */
export function parseEquals(coll: OgcCollection, name: string, raw: string): ItemsQuery['equals'][number] {
  const column = coll.queryables.get(name)!;
  const bad = (what: string) => badRequest(`属性 ${name} 的值 "${raw}" 无效 (${name} expects ${what})`, name);
  switch (column.type) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) throw bad('an integer');
      return { column, value: Number(raw) };
    case 'number':
      if (raw.trim() === '' || !Number.isFinite(Number(raw))) throw bad('a number');
      return { column, value: Number(raw) };
    case 'boolean':
      if (!/^(true|false)$/i.test(raw)) throw bad('true or false');
      return { column, value: raw.toLowerCase() === 'true' };
    case 'date':
      if (!isValidDate(raw)) throw bad('a date YYYY-MM-DD');
      return { column, value: raw };
    case 'timestamp': {
      const ts = normalizeTimestamp(raw);
      if (!ts) throw bad('an RFC 3339 date-time');
      return { column, value: ts };
    }
    default:
      return { column, value: raw };
  }
}

/** Every parameter of /items → an ItemsQuery (throws 400s naming the parameter). */
export function parseItemsQuery(coll: OgcCollection, url: string): ItemsQuery {
  const propertyParams = (name: string) => coll.queryables.has(name) && coll.queryables.get(name)!.type !== 'geometry';
  const q = readQuery(url, (name) => itemsParameters.includes(name) || propertyParams(name));
  const crs = q.has('crs') ? parseCrs(q.get('crs')!, 'crs') : defaultCrs;
  const bboxCrs = q.has('bbox-crs') ? parseCrs(q.get('bbox-crs')!, 'bbox-crs') : defaultCrs;
  const filterCrs = q.has('filter-crs') ? parseCrs(q.get('filter-crs')!, 'filter-crs') : defaultCrs;
  if (q.has('bbox-crs') && !q.has('bbox')) throw badRequest('bbox-crs 需要同时给出 bbox (bbox-crs without bbox)', 'bbox-crs');
  if (q.has('bbox') && !coll.info.geometryColumn) throw badRequest(`集合 ${coll.info.id} 没有几何，不能用 bbox (collection has no geometry)`, 'bbox');
  const lang = q.get('filter-lang');
  if (lang !== undefined && lang !== 'cql2-text') {
    throw badRequest(`不支持的 filter-lang "${lang}" (only cql2-text is supported)`, 'filter-lang');
  }
  let filter: ItemsQuery['filter'];
  if (q.has('filter')) {
    try {
      filter = parseCql2Text(q.get('filter')!);
    } catch (err) {
      if (err instanceof Cql2Error) throw badRequest(err.message, 'filter');
      throw err;
    }
  }
  const equals = [...q.keys()].filter((k) => !itemsParameters.includes(k)).map((k) => parseEquals(coll, k, q.get(k)!));
  return {
    bbox: q.has('bbox') ? parseBbox(q.get('bbox')!, bboxCrs) : undefined,
    datetime: q.has('datetime') ? parseDatetime(q.get('datetime')!) : undefined,
    equals,
    filter,
    filterCrs,
    crs,
    limit: parseLimit(q.get('limit')),
    offset: parseOffset(q.get('offset')),
  };
}
