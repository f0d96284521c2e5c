/**
 * Hazmat vehicle restrictions (危险货物运输车辆限行区) and planning areas. 《危险货物道路运输安全管理办法》Art. 49
 * (standards.md §8.1) lets public security restrict hazmat vehicles in cities, water-source protection zones and on
 * extra-long bridges/tunnels and underwater road tunnels. The zones below are SYNTHETIC examples of that:
 * no-go inside the Inner Ring, in every Huangpu tunnel and on the Yangtze tunnel-bridge, in the water-source
 * protection zones; time windows inside the Middle Ring (daytime) and the Outer Ring (rush hours).
 * Time windows are local time (Asia/Shanghai) when passage is forbidden; days 1 = Monday … 7 = Sunday.
 */
import { HUANGPU } from './basemap.ts';
import type { LonLat } from './geo.ts';
import type { RoadGraph } from './roadGraph.ts';
import { INNER_RING, MIDDLE_RING, OUTER_RING } from './ring.ts';

export interface TimeWindow { days: number[]; from: string; to: string }

/** A polygon given directly, or a line/polygon buffered by bufferM metres in SQL (on geography). */
export interface AreaShape { ring?: LonLat[]; line?: LonLat[]; bufferM?: number }

export interface RestrictedZone extends AreaShape {
  id: number;
  name: string;
  rule: 'no_hazmat' | 'time_window';
  timeWindows: TimeWindow[];
  vehicleClasses: string[];
}

export interface PlanningArea extends AreaShape {
  id: number;
  kind: 'outer_ring_inside' | 'inner_ring_inside' | 'water_source_protection' | 'other';
  name: string;
}

/** vehicle classes used by the sample's vehicles (vehicles.vehicle_class) */
export const VEHICLE_CLASSES = ['tank_truck', 'van_truck', 'cylinder_truck'];

const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

const QINGCAOSHA: LonLat[] = [[121.52, 31.49], [121.61, 31.475], [121.632, 31.452], [121.6, 31.444], [121.545, 31.462], [121.52, 31.475]];
/** the upstream Huangpu from Dianshan Lake to 米市渡 */
const UPPER_HUANGPU: LonLat[] = HUANGPU.slice(0, 9);

export function buildRestrictedZones(graph: RoadGraph): RestrictedZone[] {
  const zones: Omit<RestrictedZone, 'id'>[] = [
    { name: '内环线以内危险货物运输车辆禁行区', rule: 'no_hazmat', timeWindows: [], vehicleClasses: VEHICLE_CLASSES, ring: INNER_RING },
    {
      name: '中环线以内危险货物运输车辆日间限行区', rule: 'time_window', timeWindows: [{ days: ALL_DAYS, from: '06:00', to: '22:00' }],
      vehicleClasses: VEHICLE_CLASSES, ring: MIDDLE_RING,
    },
    {
      name: '外环线以内危险货物运输车辆高峰限行区', rule: 'time_window',
      timeWindows: [{ days: WEEKDAYS, from: '07:00', to: '09:00' }, { days: WEEKDAYS, from: '17:00', to: '19:00' }],
      vehicleClasses: VEHICLE_CLASSES, ring: OUTER_RING,
    },
  ];
  // every tunnel under the Huangpu, and the Yangtze tunnel-bridge (bridge-tunnel sequence, Art. 49 (3))
  const tunnels = new Map<string, LonLat[]>();
  for (const s of graph.segments) {
    if (s.structure !== 'tunnel' || s.name === '上海长江隧道') continue;
    tunnels.set(s.name, [...(tunnels.get(s.name) ?? []), ...s.coords]);
  }
  for (const [name, line] of [...tunnels].sort(([a], [b]) => a.localeCompare(b))) {
    zones.push({ name: `${name}危险货物运输车辆禁行`, rule: 'no_hazmat', timeWindows: [], vehicleClasses: VEHICLE_CLASSES, line, bufferM: 150 });
  }
  const yangtze = graph.segments.filter((s) => s.name === '上海长江隧道' || s.name === '上海长江大桥').flatMap((s) => s.coords);
  zones.push({ name: '上海长江隧桥危险货物运输车辆禁行', rule: 'no_hazmat', timeWindows: [], vehicleClasses: VEHICLE_CLASSES, line: orderAlong(yangtze), bufferM: 300 });
  zones.push({ name: '青草沙水源保护区危险货物运输车辆禁行', rule: 'no_hazmat', timeWindows: [], vehicleClasses: VEHICLE_CLASSES, ring: QINGCAOSHA, bufferM: 500 });
  zones.push({ name: '黄浦江上游水源保护区危险货物运输车辆禁行', rule: 'no_hazmat', timeWindows: [], vehicleClasses: VEHICLE_CLASSES, line: UPPER_HUANGPU, bufferM: 1000 });
  return zones.map((z, i) => ({ ...z, id: i + 1 }));
}

/** sorts points of one roughly straight structure from south-west to north-east */
function orderAlong(points: LonLat[]): LonLat[] {
  const uniq = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  return uniq.sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
}

export function buildPlanningAreas(): PlanningArea[] {
  return [
    { id: 1, kind: 'outer_ring_inside', name: '外环线以内（S20外环高速围合区域）', ring: OUTER_RING },
    { id: 2, kind: 'inner_ring_inside', name: '内环线以内', ring: INNER_RING },
    { id: 3, kind: 'water_source_protection', name: '黄浦江上游饮用水水源保护区', line: UPPER_HUANGPU, bufferM: 1000 },
    { id: 4, kind: 'water_source_protection', name: '青草沙饮用水水源保护区', ring: QINGCAOSHA, bufferM: 500 },
  ];
}
