import { useCallback, useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../../i18n/index.tsx';
import { formatTimestamp } from '../../i18n/format.ts';
import type { SitingResult } from '../../api/client.ts';
import { describeSite } from './planningFormat.ts';
import { RuleTable, VerdictBadge } from './SitingSection.tsx';
import type { SiteState } from './PlanningPanel.tsx';

interface Props { result: SitingResult; site: SiteState; snapshot: string; onClose(): void }

/**
 * The printable siting report (print.css shows only this when printing): map snapshot, verdict, the rule table,
 * the clauses, date and site coordinates. Opens the print dialog once the snapshot has loaded.
 */
export function SitingReport({ result, site, snapshot, onClose }: Props) {
  const { t } = useI18n();
  const printed = useRef(false);
  const clauses = [...new Set(result.rules.map((r) => r.clause))];
  const anyUnverified = result.rules.some((r) => !r.verified);
  const now = useRef(formatTimestamp(new Date().toISOString())).current;

  const print = useCallback(() => { window.print(); }, []);
  const onImage = () => {
    if (printed.current) return;
    printed.current = true;
    // let the layout settle first, so the dialog shows the report and not the map
    setTimeout(print, 50);
  };
  useEffect(() => {
    document.body.classList.add('printing-report');
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => { document.body.classList.remove('printing-report'); window.removeEventListener('keydown', onKey); };
  }, [onClose]);

  return createPortal(
    <div className="siting-report" data-testid="siting-report" role="dialog" aria-label={t('report.title')}>
      <div className="report-toolbar">
        <button type="button" className="primary" onClick={print} data-testid="report-print">{t('report.print')}</button>
        <button type="button" onClick={onClose} data-testid="report-close">{t('report.close')}</button>
      </div>
      <article className="report-page">
        <header>
          <h1>{t('report.title')}</h1>
          <div className="report-brand">{t('app.title')} {t('app.brand')}</div>
        </header>
        <dl className="report-meta">
          <div><dt>{t('report.date')}</dt><dd data-testid="report-date">{now}</dd></div>
          <div><dt>{t('report.kind')}</dt><dd>{t(`siteKind.${result.kind}`)}</dd></div>
          <div><dt>{t('report.coords')}</dt><dd data-testid="report-coords">
            {site.label ? `${site.label} · ` : ''}{describeSite(site.geometry, (n, c) => t('siting.polygonVertices', { n, c }))}
          </dd></div>
          <div><dt>{t('report.verdict')}</dt><dd><VerdictBadge verdict={result.verdict} /></dd></div>
        </dl>
        <img className="report-map" src={snapshot} alt={t('report.title')} onLoad={onImage} data-testid="report-map" />
        <RuleTable rules={result.rules} />
        <h2>{t('report.clauses')}</h2>
        <ol className="report-clauses">{clauses.map((c) => <li key={c}>{c}</li>)}</ol>
        {result.notes.length > 0 && <ul className="notes">{result.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
        {anyUnverified && <p className="report-disclaimer">{t('report.disclaimer')}</p>}
      </article>
    </div>,
    document.body,
  );
}
