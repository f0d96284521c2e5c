/**
 * Mapbox Vector Tile 2.1 encoder for the `portable` path (see layers.ts): PostGIS has already clipped, projected,
 * snapped and repaired the geometry and returns it as WKB in tile units; this writes the protobuf. Polygon rings are
 * oriented as the spec requires (exterior: positive surveyor's-formula area in tile coordinates, y down).
 */

export type PropValue = string | number | boolean | null;

export interface EncoderFeature { id: number; props: PropValue[]; wkb: Uint8Array }
export interface EncoderLayer { name: string; keys: string[]; features: EncoderFeature[] }

const EXTENT = 4096;

class Writer {
  private buf = Buffer.allocUnsafe(1024);
  len = 0;
  private ensure(n: number) {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) { this.buf[this.len++] = (v % 0x80) | 0x80; v = Math.floor(v / 0x80); }
    this.buf[this.len++] = v;
  }
  tag(field: number, wire: number): void { this.varint(field * 8 + wire); }
  bytes(field: number, data: Uint8Array): void {
    this.tag(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }
  string(field: number, s: string): void { this.bytes(field, Buffer.from(s, 'utf8')); }
  double(field: number, v: number): void { this.tag(field, 1); this.ensure(8); this.buf.writeDoubleLE(v, this.len); this.len += 8; }
  packed(field: number, values: number[]): void {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.bytes(field, w.finish());
  }
  finish(): Buffer { return this.buf.subarray(0, this.len); }
}

const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);

// --- WKB (ISO, as ST_AsBinary writes it) -------------------------------------------------------------------------

type Ring = [number, number][];
interface Parts { points: [number, number][]; lines: Ring[]; polygons: Ring[][] }

function readWkb(wkb: Uint8Array): Parts {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  let pos = 0;
  const out: Parts = { points: [], lines: [], polygons: [] };
  const geometry = (): void => {
    const le = view.getUint8(pos) === 1;
    pos += 1;
    const type = view.getUint32(pos, le) % 1000; // ISO Z/M variants add 1000s; tile geometry is 2D
    pos += 4;
    const u32 = () => { const v = view.getUint32(pos, le); pos += 4; return v; };
    const pt = (): [number, number] => { const x = view.getFloat64(pos, le); const y = view.getFloat64(pos + 8, le); pos += 16; return [x, y]; };
    const ring = (): Ring => Array.from({ length: u32() }, pt);
    switch (type) {
      case 1: { const p = pt(); if (!Number.isNaN(p[0])) out.points.push(p); break; } // POINT EMPTY is NaN, NaN
      case 2: out.lines.push(ring()); break;
      case 3: out.polygons.push(Array.from({ length: u32() }, ring)); break;
      case 4: case 5: case 6: case 7: { const n = u32(); for (let i = 0; i < n; i++) geometry(); break; }
      default: throw new Error(`WKB type ${type} not supported in tiles`);
    }
  };
  geometry();
  return out;
}

// --- geometry commands -------------------------------------------------------------------------------------------

const command = (id: number, count: number) => (count << 3) | (id & 7);

function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0, n = r.length; i < n; i++) {
    const [x1, y1] = r[i];
    const [x2, y2] = r[(i + 1) % n];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** Returns [type, commands]; type 0 when nothing drawable is left. */
function encodeGeometry(parts: Parts): [number, number[]] {
  const cmds: number[] = [];
  let cx = 0;
  let cy = 0;
  const moveTo = (pts: [number, number][]) => {
    cmds.push(command(1, pts.length));
    for (const [x, y] of pts) { cmds.push(zigzag(Math.round(x) - cx), zigzag(Math.round(y) - cy)); cx = Math.round(x); cy = Math.round(y); }
  };
  const lineTo = (pts: [number, number][]) => {
    const deltas: number[] = [];
    for (const [x, y] of pts) {
      const dx = Math.round(x) - cx;
      const dy = Math.round(y) - cy;
      if (dx === 0 && dy === 0) continue;
      deltas.push(zigzag(dx), zigzag(dy));
      cx += dx;
      cy += dy;
    }
    if (deltas.length) cmds.push(command(2, deltas.length / 2), ...deltas);
    return deltas.length / 2;
  };
  if (parts.polygons.length) {
    for (const poly of parts.polygons) {
      let exteriorDrawn = false;
      poly.forEach((ring, i) => {
        if (i > 0 && !exteriorDrawn) return; // holes of a collapsed polygon go with it
        let r = ring.slice(0, -1); // drop the closing point: ClosePath closes
        const area = r.length >= 3 ? ringArea(r) : 0;
        if (area === 0) return;
        if ((i === 0) !== (area > 0)) r = r.reverse(); // exterior positive, holes negative
        const mark = cmds.length;
        const [sx, sy] = [cx, cy];
        moveTo([r[0]]);
        if (lineTo(r.slice(1)) >= 2) {
          cmds.push(command(7, 1));
          if (i === 0) exteriorDrawn = true;
        } else { cmds.length = mark; cx = sx; cy = sy; }
      });
    }
    return [cmds.length ? 3 : 0, cmds];
  }
  if (parts.lines.length) {
    for (const line of parts.lines) {
      if (line.length < 2) continue;
      const mark = cmds.length;
      const [sx, sy] = [cx, cy];
      moveTo([line[0]]);
      if (lineTo(line.slice(1)) === 0) { cmds.length = mark; cx = sx; cy = sy; } // collapsed to a point
    }
    return [cmds.length ? 2 : 0, cmds];
  }
  if (parts.points.length) { moveTo(parts.points); return [1, cmds]; }
  return [0, cmds];
}

// --- layers ------------------------------------------------------------------------------------------------------

function encodeValue(v: Exclude<PropValue, null>): Buffer {
  const w = new Writer();
  if (typeof v === 'string') w.string(1, v);
  else if (typeof v === 'boolean') { w.tag(7, 0); w.varint(v ? 1 : 0); }
  else if (Number.isSafeInteger(v)) {
    if (v >= 0) { w.tag(5, 0); w.varint(v); } else { w.tag(6, 0); w.varint(zigzag(v)); }
  } else w.double(3, v);
  return w.finish();
}

function encodeLayer(layer: EncoderLayer): Buffer | null {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: Buffer[] = [];
  const valueIndex = new Map<string, number>();
  const features: Buffer[] = [];
  for (const f of layer.features) {
    const [type, geometry] = encodeGeometry(readWkb(f.wkb));
    if (!type) continue;
    const tags: number[] = [];
    f.props.forEach((v, i) => {
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return;
      const key = layer.keys[i];
      let k = keyIndex.get(key);
      if (k === undefined) { k = keys.push(key) - 1; keyIndex.set(key, k); }
      const vk = `${typeof v}:${v}`;
      let vi = valueIndex.get(vk);
      if (vi === undefined) { vi = values.push(encodeValue(v)) - 1; valueIndex.set(vk, vi); }
      tags.push(k, vi);
    });
    const w = new Writer();
    w.tag(1, 0); w.varint(f.id);
    if (tags.length) w.packed(2, tags);
    w.tag(3, 0); w.varint(type);
    w.packed(4, geometry);
    features.push(w.finish());
  }
  if (!features.length) return null;
  const w = new Writer();
  w.tag(15, 0); w.varint(2);
  w.string(1, layer.name);
  for (const f of features) w.bytes(2, f);
  for (const k of keys) w.string(3, k);
  for (const v of values) w.bytes(4, v);
  w.tag(5, 0); w.varint(EXTENT);
  return w.finish();
}

/** Encodes the layers (those left without features are omitted); an empty tile is an empty buffer. */
export function encodeMvt(layers: EncoderLayer[]): Buffer {
  const w = new Writer();
  for (const l of layers) {
    const bytes = encodeLayer(l);
    if (bytes) w.bytes(3, bytes);
  }
  return Buffer.from(w.finish());
}
