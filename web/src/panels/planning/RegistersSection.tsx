import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatTimestamp } from '../../i18n/format.ts';
import { planningApi, type HazardViolationStats, type HazardViolations } from '../../api/client.ts';
import { UnverifiedBadge } from './SitingSection.tsx';

/** 隐患台账: hazard sources breaking a rule today, counts by district (bar list), CSV export. */
export function RegistersSection({ visible }: { visible: boolean }) {
  const { t } = useI18n();
  const [stats, setStats] = useState<HazardViolationStats | null>(null);
  const [list, setList] = useState<HazardViolations | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const [s, l] = await Promise.all([planningApi.violationStats(), planningApi.violations()]);
      setStats(s);
      setList(l);
    } catch (err) {
      setError(t('reg.error', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }, [t]);

  useEffect(() => { if (visible && !stats && !busy && !error) void load(); }, [visible, stats, busy, error, load]);

  const exportCsv = async () => {
    try { await planningApi.downloadViolationsCsv(); } catch (err) { setError(t('reg.error', { message: (err as Error).message })); }
  };

  const max = Math.max(1, ...(stats?.byDistrict.map((d) => d.sources) ?? [1]));
  return (
    <div className="planning-section" data-testid="registers-section">
      <div className="verdict-row">
        <h3>{t('reg.title')}</h3>
        <button type="button" onClick={() => void exportCsv()} data-testid="reg-csv">{t('reg.csv')}</button>
        <button type="button" className="link-button" onClick={() => void load()} disabled={busy}>{t('siting.rerun')}</button>
      </div>
      {busy && <p className="loading">{t('layers.loading')}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {stats && (
        <>
          <p className="muted small">{t('reg.generatedAt', { t: formatTimestamp(stats.generatedAt) })}</p>
          {stats.byDistrict.length === 0 && <p className="muted">{t('reg.none')}</p>}
          <h4>{t('reg.byDistrict')}</h4>
          <table className="district-bars" data-testid="reg-districts">
            <thead><tr><th>{t('reg.district')}</th><th className="num">{t('reg.sources')}</th><th className="num">{t('reg.violations')}</th><th /></tr></thead>
            <tbody>
              {stats.byDistrict.map((d) => (
                <tr key={d.district ?? ''} data-testid="reg-district" data-district={d.district ?? ''} data-sources={d.sources} data-violations={d.violations}>
                  <td>{d.district ?? t('reg.noDistrict')}</td>
                  <td className="num">{d.sources}</td>
                  <td className="num">{d.violations}</td>
                  <td className="bar-cell"><span className="bar" style={{ width: `${(100 * d.sources) / max}%` }} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="reg-total"><td>{t('reg.total')}</td><td className="num">{stats.total.sources}</td><td className="num">{stats.total.violations}</td><td /></tr>
            </tfoot>
          </table>
        </>
      )}
      {list && list.sources.length > 0 && (
        <details className="reg-list">
          <summary>{t('reg.list')}（{list.count}）</summary>
          <ul>
            {list.sources.map((s) => (
              <li key={s.hazardSourceId} data-testid="reg-source">
                <strong>{s.name}</strong> <span className="muted">{s.district ?? ''}{s.grade ? ` · ${t(`enum.grade.${s.grade}`)}` : ''}</span>
                <ul>
                  {s.violations.map((v, i) => (
                    <li key={i} className="small">
                      {v.rule}{v.shortfallM ? `（差 ${v.shortfallM} m）` : ''}{v.offender ? ` — ${v.offender.name}` : ''}
                      {!v.verified && <> <UnverifiedBadge /></>}<div className="muted">{v.clause}</div>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
