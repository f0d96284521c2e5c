import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError, planningApi, type HazardSourceSummary, type SafetyDistanceResult, type SiteKind } from '../../api/client.ts';
import type { AnalysisOverlay } from '../../map/analysis/analysisOverlay.ts';
import { cellM, sortByShortfall } from './planningFormat.ts';
import { UnverifiedBadge } from './SitingSection.tsx';
import type { SiteState } from './PlanningPanel.tsx';

interface Props {
  overlay: AnalysisOverlay | null;
  kind: SiteKind;
  site: SiteState | null;
  sources: HazardSourceSummary[] | null;
  visible: boolean;
}

/** 安全距离: every feature within reach of the current site or a stored hazard source, failures (red) first. */
export function DistanceSection({ overlay, kind, site, sources }: Props) {
  const { t } = useI18n();
  const [from, setFrom] = useState<'site' | 'source'>('site');
  const [sourceId, setSourceId] = useState('');
  const [radius, setRadius] = useState('');
  const [result, setResult] = useState<SafetyDistanceResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ready = from === 'site' ? !!site : sourceId !== '';
  const run = async () => {
    setLoading(true);
    setError(null);
    try {
      const radiusM = radius.trim() ? Number(radius) : undefined;
      const target = from === 'site' ? (site!.hazardSourceId ? { hazardSourceId: site!.hazardSourceId } : { geometry: site!.geometry })
        : { hazardSourceId: Number(sourceId) };
      setResult(await planningApi.safetyDistance(target, kind, radiusM));
    } catch (err) {
      setResult(null);
      const e = err as ApiError;
      setError(t('siting.error', { message: e.field ? `${e.message} [${e.field}]` : e.message }));
    } finally {
      setLoading(false);
    }
  };
  const flyTo = (collection: string, id: number) => {
    void planningApi.feature(collection, id).then((f) => { if (f?.geometry) overlay?.flyTo(f.geometry); });
  };

  return (
    <div className="planning-section" data-testid="distance-section">
      <div className="radio-row">
        <label><input type="radio" checked={from === 'site'} onChange={() => setFrom('site')} data-testid="distance-from-site" /> {t('distance.forSite')}</label>
        <label><input type="radio" checked={from === 'source'} onChange={() => setFrom('source')} data-testid="distance-from-source" /> {t('distance.forSource')}</label>
      </div>
      {from === 'source' && (
        <select value={sourceId} onChange={(e) => setSourceId(e.target.value)} data-testid="distance-source">
          <option value="">{t('siting.sourcePlaceholder')}</option>
          {(sources ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}{s.district ? `（${s.district}）` : ''}</option>)}
        </select>
      )}
      <label className="field-row">
        <span>{t('distance.radius')}</span>
        <input type="number" min={1} max={50000} value={radius} onChange={(e) => setRadius(e.target.value)} data-testid="distance-radius" />
      </label>
      {!ready && <p className="muted">{t('distance.needSite')}</p>}
      <button type="button" className="primary" disabled={!ready || loading} onClick={() => void run()} data-testid="distance-run">
        {t('distance.run')}
      </button>
      {loading && <p className="loading">{t('siting.loading')}</p>}
      {error && <p className="error" role="alert" data-testid="distance-error">{error}</p>}
      {result && !loading && (
        <>
          <p className="muted small">{result.count ? t('distance.count', { n: result.count }) : t('distance.none')}</p>
          <table className="rule-table" data-testid="distance-table">
            <thead>
              <tr>
                <th>{t('col.offender')}</th><th>{t('col.rule')}</th><th className="num">{t('col.requiredM')}</th>
                <th className="num">{t('col.actualM')}</th><th className="num">{t('col.shortfallM')}</th><th>{t('col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {sortByShortfall(result.results).map((r) => (
                <tr key={`${r.collection}:${r.id}`} className={`clickable status-${r.status ?? 'none'}`} data-testid="distance-row"
                  data-status={r.status ?? 'none'} onClick={() => flyTo(r.collection, r.id)}>
                  <td>{r.name}<div className="muted small">{t(`collection.${r.collection}`)}</div></td>
                  <td>{r.rule ?? '—'}{r.verified === false && <> <UnverifiedBadge /></>}{r.clause && <div className="muted small">{r.clause}</div>}</td>
                  <td className="num">{cellM(r.requiredM)}</td>
                  <td className="num">{cellM(r.actualM)}</td>
                  <td className="num">{cellM(r.shortfallM)}</td>
                  <td>{r.status ? <span className={`status status-${r.status}`}>{t(`ruleStatus.${r.status}`)}</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
