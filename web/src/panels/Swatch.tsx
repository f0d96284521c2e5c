import { useId } from 'react';
import { crossMarkPath, fontFamily, glyphLayout, iconPath, strokeWidth } from '../map/icons.ts';
import type { IconSpec, Swatch as SwatchSpec } from '../map/types.ts';

const W = 22;
const H = 16;

/** A legend swatch drawn with the map's own colours and icon shapes. */
export function Swatch({ swatch }: { swatch: SwatchSpec }) {
  const patternId = useId();
  switch (swatch.kind) {
    case 'fill':
      return (
        <svg className="swatch" width={W} height={H} aria-hidden="true">
          <rect x={1} y={1} width={W - 2} height={H - 2} rx={2} fill={swatch.color} fillOpacity={swatch.opacity} stroke={swatch.outline} strokeWidth={1.5} />
        </svg>
      );
    case 'hatch':
      return (
        <svg className="swatch" width={W} height={H} aria-hidden="true">
          <defs>
            <pattern id={patternId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
              <line x1={0} y1={0} x2={0} y2={6} stroke={swatch.color} strokeWidth={1.6} strokeOpacity={Math.min(1, swatch.strength + 0.2)} />
            </pattern>
          </defs>
          <rect x={1} y={1} width={W - 2} height={H - 2} fill={swatch.color} fillOpacity={0.08} />
          <rect x={1} y={1} width={W - 2} height={H - 2} fill={`url(#${patternId})`} stroke={swatch.color} strokeWidth={1.2} strokeDasharray="3 2" />
        </svg>
      );
    case 'line': {
      const w = Math.min(swatch.widthPx + 1, 6);
      return (
        <svg className="swatch" width={W} height={H} aria-hidden="true">
          {swatch.casing && <line x1={2} y1={H / 2} x2={W - 2} y2={H / 2} stroke={swatch.casing} strokeWidth={w + 2} strokeLinecap="round" />}
          <line x1={2} y1={H / 2} x2={W - 2} y2={H / 2} stroke={swatch.color} strokeWidth={w} strokeLinecap="round" />
          {swatch.dash && <line x1={2} y1={H / 2} x2={W - 2} y2={H / 2} stroke={swatch.dash} strokeWidth={w * 0.4} strokeDasharray="3 3" />}
        </svg>
      );
    }
    case 'circle':
      return (
        <svg className="swatch" width={W} height={H} aria-hidden="true">
          <circle cx={W / 2} cy={H / 2} r={5} fill={swatch.color} stroke={swatch.stroke} strokeWidth={1} />
        </svg>
      );
    case 'icon':
      return <IconSvg icon={swatch.icon} />;
  }
}

function IconSvg({ icon }: { icon: IconSpec }) {
  const s = icon.sizePx;
  const g = glyphLayout(icon.shape, s);
  return (
    <svg className="swatch swatch-icon" width={18} height={18} viewBox={`0 0 ${s} ${s}`} aria-hidden="true">
      <path d={iconPath(icon.shape, s)} fill={icon.fill} stroke={icon.stroke} strokeWidth={strokeWidth(s)} strokeLinejoin="round" />
      {icon.shape === 'crossing' && <path d={crossMarkPath(s)} stroke={icon.stroke} strokeWidth={s * 0.13} strokeLinecap="round" fill="none" />}
      {icon.glyph && (
        <text x={g.x} y={g.y + g.fontPx * 0.04} fontSize={g.fontPx} fontWeight="bold" fontFamily={fontFamily}
          fill={icon.glyphColor ?? '#ffffff'} textAnchor="middle" dominantBaseline="central">{icon.glyph}</text>
      )}
    </svg>
  );
}
