import { useI18n } from '../i18n/index.tsx';
import type { LegendEntry } from '../map/types.ts';
import { Swatch } from './Swatch.tsx';

/** The legend of one layer: a swatch and a label per row. */
export function Legend({ entries }: { entries: readonly LegendEntry[] }) {
  const { t } = useI18n();
  return (
    <ul className="legend">
      {entries.map((e) => (
        <li key={e.labelKey}><Swatch swatch={e.swatch} /><span>{t(e.labelKey)}</span></li>
      ))}
    </ul>
  );
}

/** Up to `max` swatches in a row, for the collapsed layer list. */
export function SwatchStrip({ entries, max = 8 }: { entries: readonly LegendEntry[]; max?: number }) {
  return (
    <span className="swatch-strip" aria-hidden="true">
      {entries.slice(0, max).map((e) => <Swatch key={e.labelKey} swatch={e.swatch} />)}
    </span>
  );
}
