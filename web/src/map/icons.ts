import type { IconShape, IconSpec } from './types.ts';

/** Font stack for glyphs inside icons and for deck.gl labels (a CJK font must be installed). */
export const fontFamily = 'Noto Sans CJK SC, WenQuanYi Micro Hei, DejaVu Sans, sans-serif';

/**
 * SVG path of an icon's outline in a `size` × `size` box. Used by the canvas (Path2D) for the map and by the
 * legend's SVG, so both draw the same shape.
 */
export function iconPath(shape: IconShape, size: number): string {
  const m = size * 0.08;           // margin for the stroke
  const c = size / 2;
  const r = c - m;
  const f = (n: number) => +n.toFixed(2);
  switch (shape) {
    case 'circle':
    case 'crossing':
      return `M${f(c - r)} ${f(c)}A${f(r)} ${f(r)} 0 1 0 ${f(c + r)} ${f(c)}A${f(r)} ${f(r)} 0 1 0 ${f(c - r)} ${f(c)}Z`;
    case 'square': {
      const k = size * 0.18;       // corner radius
      const a = m, b = size - m;
      return `M${f(a + k)} ${f(a)}H${f(b - k)}Q${f(b)} ${f(a)} ${f(b)} ${f(a + k)}V${f(b - k)}Q${f(b)} ${f(b)} ${f(b - k)} ${f(b)}` +
        `H${f(a + k)}Q${f(a)} ${f(b)} ${f(a)} ${f(b - k)}V${f(a + k)}Q${f(a)} ${f(a)} ${f(a + k)} ${f(a)}Z`;
    }
    case 'diamond':
      return `M${f(c)} ${f(m)}L${f(size - m)} ${f(c)}L${f(c)} ${f(size - m)}L${f(m)} ${f(c)}Z`;
    case 'triangle':
      return `M${f(c)} ${f(m)}L${f(size - m)} ${f(size - m * 1.2)}L${f(m)} ${f(size - m * 1.2)}Z`;
  }
}

/** The ✕ of a level-crossing icon (stroked). */
export function crossMarkPath(size: number): string {
  const a = size * 0.32, b = size * 0.68;
  return `M${a} ${a}L${b} ${b}M${b} ${a}L${a} ${b}`;
}

/** Where and how big the glyph sits inside the shape (triangles are bottom-heavy). */
export function glyphLayout(shape: IconShape, size: number): { x: number; y: number; fontPx: number } {
  if (shape === 'triangle') return { x: size / 2, y: size * 0.62, fontPx: size * 0.5 };
  if (shape === 'diamond') return { x: size / 2, y: size / 2, fontPx: size * 0.46 };
  return { x: size / 2, y: size / 2, fontPx: size * 0.58 };
}

export const strokeWidth = (size: number) => Math.max(1, size * 0.09);

/** Renders an icon for `map.addImage` at `pixelRatio` (2 = crisp on high-DPI screens and when scaled up). */
export function renderIcon(spec: IconSpec, pixelRatio = 2): ImageData {
  const px = Math.round(spec.sizePx * pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  const s = spec.sizePx;
  const path = new Path2D(iconPath(spec.shape, s));
  ctx.fillStyle = spec.fill;
  ctx.fill(path);
  ctx.lineWidth = strokeWidth(s);
  ctx.strokeStyle = spec.stroke;
  ctx.lineJoin = 'round';
  ctx.stroke(path);
  if (spec.shape === 'crossing') {
    ctx.lineWidth = s * 0.13;
    ctx.lineCap = 'round';
    ctx.stroke(new Path2D(crossMarkPath(s)));
  }
  if (spec.glyph) {
    const g = glyphLayout(spec.shape, s);
    ctx.fillStyle = spec.glyphColor ?? '#ffffff';
    ctx.font = `bold ${g.fontPx}px ${fontFamily}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(spec.glyph, g.x, g.y + g.fontPx * 0.04);
  }
  return ctx.getImageData(0, 0, px, px);
}

/** A tileable diagonal hatch (for restricted zones): a faint tint plus stripes of `strength` (0…1) opacity. */
export function renderHatch(color: string, strength = 0.4, pixelRatio = 2): ImageData {
  const s = 12;
  const px = s * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.globalAlpha = 0.06;
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, s, s);
  ctx.globalAlpha = strength;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.3;
  // three segments so the stripes join across tile edges
  ctx.beginPath();
  for (const d of [-s, 0, s]) { ctx.moveTo(d, s); ctx.lineTo(d + s, 0); }
  ctx.stroke();
  return ctx.getImageData(0, 0, px, px);
}
