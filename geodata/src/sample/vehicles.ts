/**
 * Synthetic hazmat vehicles (GBK-safe plates: 沪, 苏, 浙 + letters without I/O + 5 characters), 11-digit terminal
 * ids (JT/T 808 terminal phone numbers in the data-only 14x range), carriers, cargo by UN number; a few waybills whose
 * planned route is a shortest hazmat-allowed path on the sample road graph, and a short position track along the
 * route for the vehicles on the road. Times are fixed (2025-06-16, Asia/Shanghai) so the city is reproducible.
 */
import { bearingDeg, haversineM, type LonLat } from './geo.ts';
import type { Enterprise } from './enterprises.ts';
import type { Rng } from './prng.ts';
import { pathCoords, shortestPath, type RoadGraph } from './roadGraph.ts';
import { nearestNode } from './roads.ts';

export interface Cargo { un: string; name: string; quantityT: number }

export interface Vehicle {
  id: number;
  plate: string;
  plateColor: number;
  terminalId: string;
  carrier: string;
  vehicleClass: 'tank_truck' | 'van_truck' | 'cylinder_truck';
  cargo: Cargo;
}

export interface Waybill {
  id: number;
  vehicleId: number;
  cargo: Cargo;
  origin: LonLat;
  destination: LonLat;
  windowFrom: string;
  windowTo: string;
  corridorM: number;
  status: 'planned' | 'active' | 'completed' | 'cancelled';
  route: LonLat[];
}

export interface Position {
  vehicleId: number;
  fixTime: string;
  receivedAt: string;
  speedKmh: number;
  heading: number;
  location: LonLat;
}

const CARGO: Record<Vehicle['vehicleClass'], readonly (readonly [string, string, number, number])[]> = {
  // UN, name, min t, max t
  tank_truck: [['1203', '汽油', 15, 30], ['1202', '柴油', 15, 30], ['1230', '甲醇', 15, 28], ['1005', '液氨', 8, 20], ['1075', '液化石油气', 8, 24],
    ['1114', '苯', 15, 28], ['1294', '甲苯', 15, 28], ['1093', '丙烯腈', 15, 25], ['1073', '液氧', 10, 22]],
  van_truck: [['1263', '涂料', 5, 12], ['1760', '腐蚀性液体，未另作规定的', 4, 10], ['2014', '过氧化氢水溶液', 4, 10], ['1993', '易燃液体，未另作规定的', 5, 12]],
  cylinder_truck: [['1017', '氯', 2, 6], ['1001', '乙炔，溶解的', 1, 3], ['1049', '压缩氢', 0.5, 2], ['1072', '压缩氧', 2, 5]],
};

const PLATE_PREFIX = [['沪A', 3], ['沪B', 5], ['沪C', 3], ['沪D', 7], ['沪F', 4], ['苏E', 4], ['苏F', 3], ['浙F', 4], ['浙B', 2]] as const;
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const CARRIERS = ['上海某甲危险品运输有限公司', '上海某乙化工物流有限公司', '上海某丙石化运输有限公司', '上海某丁气体运输有限公司', '苏州某戊危险货物运输有限公司', '嘉兴某己化学品物流有限公司'];

export function buildVehicles(rand: Rng): Vehicle[] {
  const out: Vehicle[] = [];
  const plates = new Set<string>();
  const terminals = new Set<string>();
  while (out.length < 36) {
    const prefix = rand.weighted(PLATE_PREFIX);
    let body = '';
    for (let i = 0; i < 5; i++) body += i === 0 && rand.chance(0.3) ? PLATE_CHARS[rand.int(0, PLATE_CHARS.length - 1)] : String(rand.int(0, 9));
    const plate = prefix + body;
    let terminalId = '14';
    for (let i = 0; i < 9; i++) terminalId += String(rand.int(0, 9));
    if (plates.has(plate) || terminals.has(terminalId)) continue;
    plates.add(plate);
    terminals.add(terminalId);
    const vehicleClass = rand.weighted([['tank_truck', 6], ['van_truck', 2.5], ['cylinder_truck', 1.5]] as const);
    const [un, name, lo, hi] = rand.pick(CARGO[vehicleClass]);
    const carrier = prefix.startsWith('苏') ? CARRIERS[4] : prefix.startsWith('浙') ? CARRIERS[5] : CARRIERS[rand.int(0, 3)];
    out.push({
      id: out.length + 1, plate, plateColor: 2, terminalId, carrier, vehicleClass,
      cargo: { un, name, quantityT: Math.round(rand.range(lo, hi) * 10) / 10 },
    });
  }
  return out;
}

/** local time on the sample day (2025-06-16, UTC+8) as RFC 3339 UTC */
function sampleTime(hh: number, mm: number, ss = 0): string {
  return new Date(Date.UTC(2025, 5, 16, hh - 8, mm, ss)).toISOString();
}

export function buildWaybills(graph: RoadGraph, enterprises: Enterprise[], vehicles: Vehicle[]): Waybill[] {
  const byName = (pattern: RegExp, kind?: Enterprise['kind']) => {
    const e = enterprises.find((x) => pattern.test(x.name) && (!kind || x.kind === kind));
    if (!e) throw new Error(`no enterprise matching ${pattern}`);
    return e;
  };
  const trips: [Enterprise, Enterprise, Waybill['status'], number][] = [
    [byName(/^上海漕泾某/), byName(/加油站$/, 'gas_station'), 'active', 8],
    [byName(/^上海金山卫某/), byName(/储存基地（宝山）/), 'active', 9],
    [byName(/^上海高桥某/), byName(/^上海嘉定某/), 'active', 10],
    [byName(/^上海柘林某/), byName(/^上海松江某/), 'planned', 14],
    [byName(/储存基地（金山）/), byName(/^上海临港某/), 'planned', 15],
    [byName(/储存基地（浦东）/), byName(/^上海安亭某/), 'completed', 6],
  ];
  const tankers = vehicles.filter((v) => v.vehicleClass === 'tank_truck');
  return trips.map(([from, to, status, hour], i) => {
    const a = nearestNode(graph, from.location).id, b = nearestNode(graph, to.location).id;
    const path = shortestPath(graph, a, b, { hazmat: true });
    if (!path) throw new Error(`no hazmat route from ${from.name} to ${to.name}`);
    const v = tankers[i % tankers.length];
    return {
      id: i + 1, vehicleId: v.id, cargo: v.cargo, origin: from.location, destination: to.location,
      windowFrom: sampleTime(hour, 0), windowTo: sampleTime(hour + 4, 0), corridorM: 500, status, route: pathCoords(path, a),
    };
  });
}

/** 30 fixes, 30 s apart, along the start of each active waybill's route, plus a parked vehicle. */
export function buildPositions(waybills: Waybill[], vehicles: Vehicle[], rand: Rng): Position[] {
  const out: Position[] = [];
  for (const w of waybills.filter((x) => x.status === 'active')) {
    const route = w.route;
    let seg = 1, into = 0;
    let at = route[0];
    const startHour = Number(w.windowFrom.slice(11, 13)) + 8;
    for (let k = 0; k < 30; k++) {
      const speedKmh = Math.round(rand.range(38, 62));
      const fix = sampleTime(startHour, 10, k * 30);
      const heading = bearingDeg(route[seg - 1], route[seg]);
      out.push({
        vehicleId: w.vehicleId, fixTime: fix, receivedAt: new Date(Date.parse(fix) + rand.int(1, 4) * 1000).toISOString(),
        speedKmh, heading, location: at,
      });
      // advance 30 s along the route
      let left = (speedKmh / 3.6) * 30;
      while (left > 0 && seg < route.length) {
        const d = haversineM(route[seg - 1], route[seg]) - into;
        if (left < d) { into += left; left = 0; }
        else { left -= d; into = 0; seg++; }
      }
      if (seg >= route.length) break;
      const a = route[seg - 1], b = route[seg];
      const f = into / (haversineM(a, b) || 1);
      at = [Math.round((a[0] + (b[0] - a[0]) * f) * 1e7) / 1e7, Math.round((a[1] + (b[1] - a[1]) * f) * 1e7) / 1e7];
    }
  }
  const parked = vehicles[vehicles.length - 1];
  for (let k = 0; k < 5; k++) {
    const fix = sampleTime(9, 0, k * 60);
    out.push({ vehicleId: parked.id, fixTime: fix, receivedAt: new Date(Date.parse(fix) + 2000).toISOString(), speedKmh: 0, heading: 0, location: [121.4412, 30.8152] });
  }
  return out;
}
