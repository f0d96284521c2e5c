import { useI18n } from '../i18n/index.tsx';
import { featureName, fieldLabel, formatValue, orderedFields } from '../i18n/format.ts';
import type { LayerInfo } from '../api/client.ts';
import { moduleFor } from '../map/layers/index.ts';
import type { AtlasFeature } from '../map/types.ts';
import { useChemicalNames } from './useChemicalNames.ts';

interface Props {
  feature: AtlasFeature | null;
  infos: LayerInfo[] | null;
  /** properties of a loaded feature of another layer (to name the park of an enterprise …) */
  lookup(collection: string, id: number): Record<string, unknown> | undefined;
  onClose(): void;
}

/** Attributes of the clicked feature with zh-CN (or English) field labels and coded values spelled out. */
export function FeaturePanel({ feature, infos, lookup, onClose }: Props) {
  const { t, lang } = useI18n();
  const chemicalName = useChemicalNames(feature?.collection === 'hazard_sources', lang);
  if (!feature) {
    return (
      <aside className="feature-panel is-empty" data-testid="feature-panel" data-state="empty">
        <p className="muted">{t('feature.hint')}</p>
      </aside>
    );
  }
  const info = infos?.find((i) => i.id === feature.collection);
  const layerTitle = (lang === 'en' ? info?.titleEn : info?.title) || info?.title || feature.collection;
  const props = feature.properties;
  const fields = orderedFields(feature.collection, props, moduleFor(feature.collection)?.fields ?? []);
  const ctx = {
    chemicalName,
    featureName: (collection: string, id: number) => {
      const p = lookup(collection, id);
      return p ? featureName(collection, p, lang) : undefined;
    },
  };
  return (
    <aside className="feature-panel" data-testid="feature-panel" data-state="open" data-collection={feature.collection}
      data-feature-id={String(feature.id)} aria-live="polite">
      <header>
        <div>
          <div className="feature-layer" data-testid="feature-layer">{layerTitle}</div>
          <h2 data-testid="feature-name">{featureName(feature.collection, props, lang)}</h2>
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('feature.close')} title={t('feature.close')}>×</button>
      </header>
      <dl>
        {fields.map((field) => (
          <div key={field} className="field" data-field={field}>
            <dt>{fieldLabel(field, lang)}</dt>
            <dd>{formatValue(feature.collection, field, props[field], lang, ctx)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
