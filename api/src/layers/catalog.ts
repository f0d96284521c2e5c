/**
 * The collections of architecture.md §3: one entry per table, with its user-facing title and geometry type.
 * OGC API, tiles, /api/layers and the map client all read this catalog, so a new collection is added here once.
 */
export interface CollectionInfo {
  id: string;
  title: string;       // zh-CN
  titleEn: string;
  /** OGC/GeoJSON geometry type, or null for tables without geometry */
  geometryType: 'Point' | 'LineString' | 'Polygon' | 'MultiPolygon' | 'Geometry' | null;
  /** geometry column (null: no geometry) */
  geometryColumn: string | null;
  /** columns never exposed to readers */
  hidden?: string[];
  /** ORDER BY used for stable paging */
  order?: string;
  /** timestamp column the OGC `datetime` parameter filters on (default `updated_at`) */
  datetimeColumn?: string;
}

export const collections: CollectionInfo[] = [
  { id: 'districts', title: '行政区', titleEn: 'Districts', geometryType: 'MultiPolygon', geometryColumn: 'geom' },
  { id: 'chemical_parks', title: '化工园区', titleEn: 'Chemical parks', geometryType: 'MultiPolygon', geometryColumn: 'geom' },
  { id: 'enterprises', title: '危化品企业', titleEn: 'Enterprises', geometryType: 'Point', geometryColumn: 'geom' },
  { id: 'hazard_sources', title: '重大危险源', titleEn: 'Major hazard sources', geometryType: 'Geometry', geometryColumn: 'geom' },
  { id: 'chemicals', title: '危险化学品目录', titleEn: 'Chemicals', geometryType: null, geometryColumn: null },
  { id: 'gas_pipelines', title: '燃气管线', titleEn: 'Gas pipelines', geometryType: 'LineString', geometryColumn: 'geom' },
  { id: 'pipeline_occupations', title: '管线占压', titleEn: 'Pipeline occupations', geometryType: 'Geometry', geometryColumn: 'geom' },
  { id: 'railways', title: '铁路', titleEn: 'Railways', geometryType: 'LineString', geometryColumn: 'geom' },
  { id: 'rail_crossings', title: '铁路道口', titleEn: 'Level crossings', geometryType: 'Point', geometryColumn: 'geom' },
  { id: 'emergency_resources', title: '应急资源', titleEn: 'Emergency resources', geometryType: 'Point', geometryColumn: 'geom' },
  { id: 'protected_targets', title: '防护目标', titleEn: 'Protected targets', geometryType: 'Geometry', geometryColumn: 'geom' },
  { id: 'restricted_zones', title: '危险品车辆限行区', titleEn: 'Hazmat restricted zones', geometryType: 'MultiPolygon', geometryColumn: 'geom' },
  { id: 'roads', title: '道路', titleEn: 'Roads', geometryType: 'LineString', geometryColumn: 'geom' },
  { id: 'hidden_dangers', title: '隐患', titleEn: 'Hidden dangers', geometryType: 'Point', geometryColumn: 'geom' },
  { id: 'vehicles', title: '危险品运输车辆', titleEn: 'Hazmat vehicles', geometryType: null, geometryColumn: null, hidden: ['auth_code'] },
  { id: 'waybills', title: '电子运单', titleEn: 'Waybills', geometryType: 'LineString', geometryColumn: 'geom' },
  { id: 'positions', title: '车辆定位', titleEn: 'Positions', geometryType: 'Point', geometryColumn: 'geom', order: 'fix_time, id', datetimeColumn: 'fix_time' },
  { id: 'alerts', title: '报警', titleEn: 'Alerts', geometryType: 'Point', geometryColumn: 'geom', datetimeColumn: 'opened_at' },
  { id: 'incidents', title: '突发事件', titleEn: 'Incidents', geometryType: 'Point', geometryColumn: 'geom', datetimeColumn: 'created_at' },
];

const byId = new Map(collections.map((c) => [c.id, c]));

export function findCollection(id: string): CollectionInfo | undefined {
  return byId.get(id);
}
