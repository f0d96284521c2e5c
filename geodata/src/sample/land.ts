/**
 * Point-in-district lookups over the decoded district boundaries. Every ring keeps its edges in latitude bands,
 * so a ray-casting test only looks at the few edges that straddle the point's latitude (the generators ask
 * tens of thousands of times).
 */
import type { District } from './districts.ts';
import { bboxOf, type BBox, type LonLat } from './geo.ts';

const BANDS = 64;

class RingIndex {
  private minY: number;
  private bandH: number;
  private bands: Float64Array[];
  constructor(ring: readonly LonLat[]) {
    const b = bboxOf(ring);
    this.minY = b.minLat;
    this.bandH = (b.maxLat - b.minLat) / BANDS || 1;
    const lists: number[][] = Array.from({ length: BANDS }, () => []);
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      const lo = this.band(Math.min(yi, yj)), hi = this.band(Math.max(yi, yj));
      for (let k = lo; k <= hi; k++) lists[k].push(xi, yi, xj, yj);
    }
    this.bands = lists.map((l) => Float64Array.from(l));
  }
  private band(y: number): number {
    return Math.max(0, Math.min(BANDS - 1, Math.floor((y - this.minY) / this.bandH)));
  }
  /** even-odd ray casting over the edges of the point's band */
  contains(p: LonLat): boolean {
    const e = this.bands[this.band(p[1])];
    let inside = false;
    for (let k = 0; k < e.length; k += 4) {
      const xi = e[k], yi = e[k + 1], xj = e[k + 2], yj = e[k + 3];
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
}

interface Piece { district: District; outer: RingIndex; holes: RingIndex[]; bbox: BBox }

export class Land {
  private pieces: Piece[];
  constructor(public districts: District[]) {
    this.pieces = districts.flatMap((d) => d.geom.map((poly) => ({
      district: d, outer: new RingIndex(poly[0]), holes: poly.slice(1).map((h) => new RingIndex(h)), bbox: bboxOf(poly[0]),
    })));
  }
  /** the district containing p, or undefined at sea / outside Shanghai */
  districtAt(p: LonLat): District | undefined {
    for (const piece of this.pieces) {
      const b = piece.bbox;
      if (p[0] < b.minLon || p[0] > b.maxLon || p[1] < b.minLat || p[1] > b.maxLat) continue;
      if (piece.outer.contains(p) && !piece.holes.some((h) => h.contains(p))) return piece.district;
    }
    return undefined;
  }
  onLand(p: LonLat): boolean {
    return this.districtAt(p) !== undefined;
  }
  byName(name: string): District {
    const d = this.districts.find((x) => x.name === name || x.short === name);
    if (!d) throw new Error(`unknown district ${name}`);
    return d;
  }
}
