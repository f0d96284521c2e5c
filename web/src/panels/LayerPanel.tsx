import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { LayerInfo } from '../api/client.ts';
import { groups, layerModules } from '../map/layers/index.ts';
import type { LayerState } from '../map/useLayers.ts';
import type { LayerModule } from '../map/types.ts';
import { Legend, SwatchStrip } from './Legend.tsx';

interface Props {
  infos: LayerInfo[] | null;
  states: Record<string, LayerState>;
  visibility: Record<string, boolean>;
  onToggle(id: string, visible: boolean): void;
  onRetry(id: string): void;
}

/** Layer list by group: toggle, zh-CN/English title from `GET /api/layers`, feature count, legend. */
export function LayerPanel({ infos, states, visibility, onToggle, onRetry }: Props) {
  const { t } = useI18n();
  const listed = layerModules.filter((m) => m.toggleable && states[m.id] && states[m.id].status !== 'absent');
  const allEmpty = infos !== null && listed.length > 0 && listed.every((m) => states[m.id].count === 0);
  return (
    <nav className="layer-panel" aria-label={t('layers.title')} data-testid="layer-panel">
      <h2>{t('layers.title')}</h2>
      {infos === null && <p className="muted">{t('status.loading')}</p>}
      {allEmpty && <p className="notice" data-testid="all-empty">{t('layers.allEmpty')}</p>}
      {groups.map((group) => {
        const members = listed.filter((m) => m.group === group);
        if (members.length === 0) return null;
        return (
          <section key={group} className="layer-group">
            <h3>{t(`group.${group}`)}</h3>
            <ul>
              {members.map((m) => (
                <LayerRow key={m.id} module={m} info={infos?.find((i) => i.id === m.id)} state={states[m.id]}
                  visible={visibility[m.id] ?? true} onToggle={onToggle} onRetry={onRetry} />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

function LayerRow({ module, info, state, visible, onToggle, onRetry }: {
  module: LayerModule; info?: LayerInfo; state: LayerState; visible: boolean;
  onToggle(id: string, visible: boolean): void; onRetry(id: string): void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const title = (lang === 'en' ? info?.titleEn : info?.title) || info?.title || t('layers.unknown');
  const empty = state.status === 'ready' && state.count === 0;
  return (
    <li className={`layer-row${empty ? ' is-empty' : ''}${visible ? '' : ' is-off'}`} data-testid={`layer-row-${module.id}`} data-status={state.status}>
      <div className="layer-line">
        <label>
          <input type="checkbox" checked={visible} onChange={(e) => onToggle(module.id, e.target.checked)}
            data-testid={`layer-toggle-${module.id}`} />
          <span className="layer-title">{title}</span>
        </label>
        <span className="layer-count" data-testid={`layer-count-${module.id}`}>
          {state.status === 'loading' ? t('layers.loading') : state.count.toLocaleString(lang)}
        </span>
        <button type="button" className="legend-toggle" aria-expanded={open} title={t('layers.legend')}
          onClick={() => setOpen(!open)}>{open ? '▾' : '▸'}</button>
      </div>
      {state.status === 'error' && (
        <div className="layer-error" role="alert">
          {t('layers.error')}: {state.error} <button type="button" onClick={() => onRetry(module.id)}>{t('layers.retry')}</button>
        </div>
      )}
      {empty && <div className="layer-empty" data-testid={`layer-empty-${module.id}`}>{t('layers.empty')}</div>}
      {open ? <Legend entries={module.legend} /> : !empty && <SwatchStrip entries={module.legend} />}
    </li>
  );
}
