import type { CSSProperties } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Legend } from '../panels/Legend.tsx';
import { basemap } from './layers/basemap.ts';

const box: CSSProperties = {
  position: 'absolute', left: 10, bottom: 10, zIndex: 2, padding: '4px 10px 4px 0',
  background: 'rgba(255, 255, 255, 0.88)', borderRadius: 4, boxShadow: '0 1px 3px rgba(0, 0, 0, 0.25)', pointerEvents: 'none',
};
const heading: CSSProperties = { margin: '0 0 0 10px', fontSize: 12, fontWeight: 600 };

/**
 * The base map's legend (water, the Outer Ring Road area) in a corner of the map: the base map is always on
 * and so has no row in the layer panel. With an external base style only the rows our layers still draw.
 */
export function BaseLegend({ external }: { external: boolean }) {
  const { t } = useI18n();
  const entries = external ? basemap.legend.filter((e) => e.labelKey !== 'legend.basemap.water') : basemap.legend;
  return (
    <div style={box} data-testid="base-legend">
      <h2 style={heading}>{t('legend.basemap.title')}</h2>
      <Legend entries={entries} />
    </div>
  );
}
