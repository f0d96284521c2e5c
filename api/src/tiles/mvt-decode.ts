/**
 * A small Mapbox Vector Tile 2.1 decoder (protobuf wire format by hand), enough for tests and benchmarks to
 * check what the tile endpoints return: layers, feature ids, properties and geometry in tile coordinates.
 */

export type MvtValue = string | number | boolean;
export interface MvtFeature {
  id: number | undefined;
  /** 1 point, 2 line string, 3 polygon */
  type: number;
  properties: Record<string, MvtValue>;
  /** parts (points, lines or rings) in tile units, 0…extent */
  geometry: [number, number][][];
}
export interface MvtLayer { name: string; version: number; extent: number; features: MvtFeature[] }

class Reader {
  pos = 0;
  constructor(private buf: Uint8Array, readonly end = buf.length) {}
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error('MVT: truncated varint');
      const b = this.buf[this.pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error('MVT: varint too long');
    }
  }
  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.end) throw new Error('MVT: truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  fixed(n: 4 | 8): DataView {
    if (this.pos + n > this.end) throw new Error('MVT: truncated fixed field');
    const v = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`MVT: unsupported wire type ${wire}`);
  }
  get done(): boolean { return this.pos >= this.end; }
}

const text = new TextDecoder();
const zigzag = (n: number) => (n % 2 === 1 ? -(n + 1) / 2 : n / 2);

function packed(bytes: Uint8Array): number[] {
  const r = new Reader(bytes);
  const out: number[] = [];
  while (!r.done) out.push(r.varint());
  return out;
}

function decodeValue(bytes: Uint8Array): MvtValue {
  const r = new Reader(bytes);
  let v: MvtValue = '';
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1) v = text.decode(r.bytes());
    else if (field === 2) v = r.fixed(4).getFloat32(0, true);
    else if (field === 3) v = r.fixed(8).getFloat64(0, true);
    else if (field === 4) { const n = r.varint(); v = n >= 2 ** 63 ? n - 2 ** 64 : n; }
    else if (field === 5) v = r.varint();
    else if (field === 6) v = zigzag(r.varint());
    else if (field === 7) v = r.varint() !== 0;
    else r.skip(wire);
  }
  return v;
}

function decodeGeometry(cmds: number[]): [number, number][][] {
  const parts: [number, number][][] = [];
  let x = 0;
  let y = 0;
  let part: [number, number][] | null = null;
  for (let i = 0; i < cmds.length;) {
    const cmd = cmds[i] & 7;
    const count = cmds[i] >> 3;
    i++;
    if (cmd === 7) { if (part?.length) part.push([...part[0]]); continue; }
    for (let k = 0; k < count; k++) {
      x += zigzag(cmds[i++]);
      y += zigzag(cmds[i++]);
      if (cmd === 1) { part = [[x, y]]; parts.push(part); } else part?.push([x, y]);
    }
  }
  return parts;
}

export function decodeMvt(buf: Uint8Array): MvtLayer[] {
  const layers: MvtLayer[] = [];
  const tile = new Reader(buf);
  while (!tile.done) {
    const tag = tile.varint();
    if (tag !== ((3 << 3) | 2)) { tile.skip(tag % 8); continue; }
    const r = new Reader(tile.bytes());
    const keys: string[] = [];
    const values: MvtValue[] = [];
    const raw: { id?: number; type: number; tags: number[]; geometry: number[] }[] = [];
    const layer: MvtLayer = { name: '', version: 1, extent: 4096, features: [] };
    while (!r.done) {
      const t = r.varint();
      const field = Math.floor(t / 8);
      if (field === 1) layer.name = text.decode(r.bytes());
      else if (field === 2) {
        const f = new Reader(r.bytes());
        const feat: (typeof raw)[number] = { type: 0, tags: [], geometry: [] };
        while (!f.done) {
          const ft = f.varint();
          const ff = Math.floor(ft / 8);
          if (ff === 1) feat.id = f.varint();
          else if (ff === 2) feat.tags = packed(f.bytes());
          else if (ff === 3) feat.type = f.varint();
          else if (ff === 4) feat.geometry = packed(f.bytes());
          else f.skip(ft % 8);
        }
        raw.push(feat);
      } else if (field === 3) keys.push(text.decode(r.bytes()));
      else if (field === 4) values.push(decodeValue(r.bytes()));
      else if (field === 5) layer.extent = r.varint();
      else if (field === 15) layer.version = r.varint();
      else r.skip(t % 8);
    }
    layer.features = raw.map((f) => {
      const properties: Record<string, MvtValue> = {};
      for (let i = 0; i + 1 < f.tags.length; i += 2) properties[keys[f.tags[i]]] = values[f.tags[i + 1]];
      return { id: f.id, type: f.type, properties, geometry: decodeGeometry(f.geometry) };
    });
    layers.push(layer);
  }
  return layers;
}
