/** Input checks at the HTTP edge: each failure is a 422 that names the offending field. */
import type { Geometry } from 'geojson';
import { unprocessable } from '../errors.ts';
import type { ItemInput } from './chemicals.ts';

export const MAX_ITEMS = 500;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `[{"chemical","quantityT","hazardClass"?}]`, at least one item. */
export function validateItems(value: unknown, field: string): ItemInput[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw unprocessable(`${field} 必须是非空数组 [{"chemical","quantityT"}] / ${field} must be a non-empty array of {"chemical","quantityT"}`, field);
  }
  if (value.length > MAX_ITEMS) throw unprocessable(`${field} 最多 ${MAX_ITEMS} 项 / at most ${MAX_ITEMS} items`, field);
  return value.map((raw, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(raw)) throw unprocessable(`${at} 必须是对象 {"chemical","quantityT"} / must be an object`, at);
    const { chemical, quantityT, hazardClass } = raw;
    if (typeof chemical !== 'string' || !chemical.trim()) {
      throw unprocessable(`${at}.chemical 必填：物质名称、别名、CAS号或UN号 / required: name, alias, CAS or UN number`, `${at}.chemical`);
    }
    if (chemical.length > 200) throw unprocessable(`${at}.chemical 过长 / too long`, `${at}.chemical`);
    if (typeof quantityT !== 'number' || !Number.isFinite(quantityT) || quantityT < 0) {
      throw unprocessable(`${at}.quantityT 必须是 ≥ 0 的数值（吨）/ must be a number of tonnes ≥ 0`, `${at}.quantityT`);
    }
    if (hazardClass !== undefined && hazardClass !== null && (typeof hazardClass !== 'string' || hazardClass.length > 10)) {
      throw unprocessable(`${at}.hazardClass 必须是表2类别符号，如 "W5.1" / must be a Table 2 symbol such as "W5.1"`, `${at}.hazardClass`);
    }
    const item: ItemInput = { chemical: chemical.trim(), quantityT };
    if (typeof hazardClass === 'string' && hazardClass.trim()) item.hazardClass = hazardClass.trim().toUpperCase();
    return item;
  });
}

/** People exposed within 500 m: an integer ≥ 0 (GB 18218-2018 Table 5 counts people). */
export function validateExposedPeople(value: unknown, field = 'exposedPeople'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw unprocessable(`${field} 必填，为 ≥ 0 的整数（厂区边界外500 m内暴露人数）/ required: whole number of people ≥ 0 within 500 m`, field);
  }
  return value;
}

type Position = [number, number];

function checkPosition(p: unknown, field: string): Position {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw unprocessable(`${field}: 坐标必须是 [经度, 纬度] / positions must be [lon, lat]`, field);
  }
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw unprocessable(`${field}: 坐标超出范围 [${lon}, ${lat}]（经度 −180…180，纬度 −90…90，EPSG:4326）/ coordinates out of range`, field);
  }
  return [lon, lat];
}

function checkPolygon(rings: unknown, field: string): Position[][] {
  if (!Array.isArray(rings) || rings.length === 0) throw unprocessable(`${field}: 面至少需要一个环 / a polygon needs a ring`, field);
  return rings.map((ring) => {
    if (!Array.isArray(ring) || ring.length < 4) throw unprocessable(`${field}: 每个环至少4个点 / each ring needs ≥ 4 positions`, field);
    const pts = ring.map((p) => checkPosition(p, field));
    const [a, b] = [pts[0], pts[pts.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) throw unprocessable(`${field}: 环必须闭合（首尾相同）/ rings must be closed`, field);
    return pts;
  });
}

/** GeoJSON Point, Polygon or MultiPolygon in EPSG:4326 (structure and ranges; validity is checked in PostGIS). */
export function validateGeometry(value: unknown, field = 'geometry'): Geometry {
  if (!isObject(value)) throw unprocessable(`${field} 必须是 GeoJSON 几何对象 / must be a GeoJSON geometry`, field);
  switch (value.type) {
    case 'Point':
      return { type: 'Point', coordinates: checkPosition(value.coordinates, field) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: checkPolygon(value.coordinates, field) };
    case 'MultiPolygon':
      if (!Array.isArray(value.coordinates) || value.coordinates.length === 0) {
        throw unprocessable(`${field}: MultiPolygon 不能为空 / must not be empty`, field);
      }
      return { type: 'MultiPolygon', coordinates: value.coordinates.map((poly) => checkPolygon(poly, field)) };
    default:
      throw unprocessable(`${field}.type 必须是 Point、Polygon 或 MultiPolygon / must be Point, Polygon or MultiPolygon`, `${field}.type`);
  }
}
