import { useCallback, useEffect, useRef, useState } from 'react';
import type { Feature, Geometry } from 'geojson';
import { useI18n } from '../../i18n/index.tsx';
import { ApiError, planningApi, type FeatureRef, type HazardSourceSummary, type SiteKind, type SitingResult, type SitingRule } from '../../api/client.ts';
import { analysisFeatures, formatMetres, ringsOf, type Ring } from '../../map/analysis/analysisFeatures.ts';
import type { AnalysisOverlay, PickMode } from '../../map/analysis/analysisOverlay.ts';
import { cellM, describeSite, ringLabel } from './planningFormat.ts';
import { SitingReport } from './SitingReport.tsx';
import { planningHooks } from './testHooks.ts';
import type { SiteState } from './PlanningPanel.tsx';

export const siteKinds: SiteKind[] = ['hazard_source', 'hazmat_storage', 'chemical_plant', 'gas_station'];

interface Props {
  overlay: AnalysisOverlay | null;
  kind: SiteKind;
  setKind(kind: SiteKind): void;
  site: SiteState | null;
  setSite(site: SiteState | null): void;
  sources: HazardSourceSummary[] | null;
}

const refKey = (r: FeatureRef) => `${r.collection}:${r.id}`;

export function VerdictBadge({ verdict }: { verdict: SitingResult['verdict'] }) {
  const { t } = useI18n();
  return <span className={`verdict verdict-${verdict}`} data-testid="siting-verdict" data-verdict={verdict}>{t(`verdict.${verdict}`)}</span>;
}

export function UnverifiedBadge() {
  const { t } = useI18n();
  return <span className="badge-unverified" title={t('badge.unverified.title')}>{t('badge.unverified')}</span>;
}

/** The rule-by-rule table (panel and printed report). */
export function RuleTable({ rules, onRow }: { rules: SitingRule[]; onRow?(rule: SitingRule): void }) {
  const { t } = useI18n();
  return (
    <table className="rule-table" data-testid="siting-rules">
      <thead>
        <tr>
          <th>{t('col.rule')}</th><th>{t('col.status')}</th><th className="num">{t('col.requiredM')}</th>
          <th className="num">{t('col.actualM')}</th><th>{t('col.offender')}</th><th>{t('col.clause')}</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => {
          const target = r.offender ?? r.nearest ?? null;
          return (
            <tr key={`${r.group}:${r.ruleId}`} className={`status-${r.status}${onRow ? ' clickable' : ''}`} data-testid="siting-rule"
              data-group={r.group} data-status={r.status} onClick={onRow ? () => onRow(r) : undefined} title={r.note ?? undefined}>
              <td>{r.rule}{!r.verified && <> <UnverifiedBadge /></>}</td>
              <td><span className={`status status-${r.status}`}>{t(`ruleStatus.${r.status}`)}</span></td>
              <td className="num">{cellM(r.requiredM)}</td>
              <td className="num">{cellM(r.actualM)}</td>
              <td className={r.offender ? 'offender' : 'muted'}>{target?.name ?? '—'}</td>
              <td className="clause">{r.clause}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** 选址分析: place a site (point, polygon or an existing hazard source), get the verdict, rules and rings. */
export function SitingSection({ overlay, kind, setKind, site, setSite, sources }: Props) {
  const { t } = useI18n();
  const [picking, setPicking] = useState<PickMode | null>(null);
  const [result, setResult] = useState<SitingResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [offenders, setOffenders] = useState<Map<string, Feature>>(new Map());
  const [report, setReport] = useState<string | null>(null);
  const seq = useRef(0);

  const polygonText = useCallback((n: number, c: string) => t('siting.polygonVertices', { n, c }), [t]);

  // run the analysis whenever the site or the kind changes
  useEffect(() => {
    if (!site) return;
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    planningHooks().busy = true;
    planningApi.siting(site.geometry, kind).then(
      (res) => { if (my === seq.current) { setResult(res); setOffenders(new Map()); } },
      (err: unknown) => {
        if (my !== seq.current) return;
        setResult(null);
        setError(t('siting.error', { message: err instanceof ApiError ? err.message : String(err) }));
      },
    ).finally(() => {
      if (my !== seq.current) return;
      setLoading(false);
      planningHooks().busy = false;
    });
  }, [site, kind, t]);

  // offender geometries (OGC API) for the highlight and for flying to them
  useEffect(() => {
    if (!result) return;
    let live = true;
    const refs = new Map<string, FeatureRef>();
    // planning areas (the Outer Ring …) are not an OGC collection: the site itself shows where that rule bites
    for (const r of result.rules) if (r.offender && r.offender.collection !== 'planning_areas') refs.set(refKey(r.offender), r.offender);
    void Promise.all([...refs.values()].map(async (ref) => [refKey(ref), await planningApi.feature(ref.collection, ref.id)] as const))
      .then((pairs) => {
        if (!live) return;
        setOffenders(new Map(pairs.filter((p): p is readonly [string, Feature] => !!p[1]?.geometry)));
      });
    return () => { live = false; };
  }, [result]);

  const rings: Ring[] = result ? ringsOf(result.rules) : [];

  // draw
  useEffect(() => {
    if (!overlay) return;
    if (!site || !result) { overlay.clear(); return; }
    overlay.show(analysisFeatures({
      site: site.geometry,
      rings,
      searchRadiusM: result.radiusM,
      offenders: [...offenders.values()],
      ringLabel,
      searchLabel: (r) => t('siting.searchRadius', { r: formatMetres(r) }),
    }));
    const hooks = planningHooks();
    hooks.siting = result;
    hooks.site = site.geometry;
    hooks.rings = rings.map((r) => ({ radiusM: r.radiusM, status: r.status }));
    hooks.offenders = [...offenders.keys()];
  }, [overlay, site, result, offenders, t]);

  // frame the site so that its largest ring is visible (× 3 for context, between 150 m and the search radius)
  useEffect(() => {
    if (!overlay || !site || !result) return;
    const largest = Math.max(0, ...ringsOf(result.rules).map((r) => r.radiusM));
    const frameM = Math.min(result.radiusM || 1000, Math.max(150, largest * 3));
    const frame = analysisFeatures({ site: site.geometry, rings: [{ radiusM: frameM, status: 'pass', rules: [''] }] })
      .features.find((f) => f.properties?.role === 'ring');
    if (frame) overlay.flyTo(frame.geometry, 500);
  }, [overlay, site, result]);

  useEffect(() => () => overlay?.cancelPick(), [overlay]);

  const startPick = (mode: PickMode) => {
    if (!overlay) return;
    setPicking(mode);
    overlay.pick(mode, (geometry: Geometry) => {
      setPicking(null);
      setSite({ geometry, hazardSourceId: null, label: null });
    });
  };
  const cancelPick = () => { overlay?.cancelPick(); setPicking(null); };

  const chooseSource = (id: string) => {
    const s = sources?.find((x) => String(x.id) === id);
    if (!s?.location) return;
    setSite({ geometry: { type: 'Point', coordinates: s.location }, hazardSourceId: s.id, label: s.name });
  };

  const clear = () => {
    seq.current++;
    setSite(null);
    setResult(null);
    setError(null);
    setLoading(false);
    overlay?.clear();
    Object.assign(planningHooks(), { siting: null, site: null, rings: [], offenders: [], busy: false });
  };

  const flyToRule = (r: SitingRule) => {
    const target = r.offender ?? r.nearest;
    const feature = target ? offenders.get(refKey(target)) : undefined;
    if (feature?.geometry) overlay?.flyTo(feature.geometry);
    else if (target && !feature && target.collection !== 'planning_areas') {
      void planningApi.feature(target.collection, target.id).then((f) => overlay?.flyTo(f?.geometry ?? site!.geometry));
    } else if (site) overlay?.flyTo(site.geometry);
    planningHooks().flownTo = target ? refKey(target) : null;
  };

  const openReport = () => {
    if (!overlay) return;
    setReport(overlay.snapshot());
  };

  return (
    <div className="planning-section" data-testid="siting-section">
      <label className="field-row">
        <span>{t('siteKind.label')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as SiteKind)} data-testid="siting-kind">
          {siteKinds.map((k) => <option key={k} value={k}>{t(`siteKind.${k}`)}</option>)}
        </select>
      </label>
      <div className="button-row">
        {picking ? (
          <>
            <span className="pick-hint" data-testid="siting-pick-hint">{t(`siting.pickHint.${picking}`)}</span>
            <button type="button" onClick={cancelPick}>{t('siting.cancel')}</button>
          </>
        ) : (
          <>
            <button type="button" className="primary" disabled={!overlay} onClick={() => startPick('point')} data-testid="siting-pick-point">
              {t('siting.placePoint')}
            </button>
            <button type="button" disabled={!overlay} onClick={() => startPick('polygon')} data-testid="siting-pick-polygon">
              {t('siting.drawPolygon')}
            </button>
            {site && <button type="button" onClick={clear} data-testid="siting-clear">{t('siting.clear')}</button>}
          </>
        )}
      </div>
      <label className="field-row">
        <span>{t('siting.fromSource')}</span>
        <select value={site?.hazardSourceId ?? ''} onChange={(e) => chooseSource(e.target.value)} data-testid="siting-source">
          <option value="">{t('siting.sourcePlaceholder')}</option>
          {(sources ?? []).filter((s) => s.location).map((s) => (
            <option key={s.id} value={s.id}>{s.name}{s.district ? `（${s.district}）` : ''}</option>
          ))}
        </select>
      </label>

      {!site && !picking && <p className="muted">{t('siting.empty')}</p>}
      {site && (
        <p className="site-coords" data-testid="siting-coords">
          {t('siting.coords')}：{site.label ? `${site.label} · ` : ''}{describeSite(site.geometry, polygonText)}
        </p>
      )}
      {loading && <p className="loading" data-testid="siting-loading">{t('siting.loading')}</p>}
      {error && <p className="error" role="alert" data-testid="siting-error">{error}</p>}
      {result && site && !loading && (
        <div className="siting-result" data-testid="siting-result">
          <div className="verdict-row">
            <span>{t('siting.verdict')}：</span><VerdictBadge verdict={result.verdict} />
            <span className="muted">{t(`siteKind.${result.kind}`)} · {t('siting.searchRadius', { r: formatMetres(result.radiusM) })}</span>
            <button type="button" className="print-button" onClick={openReport} data-testid="siting-print">{t('siting.print')}</button>
          </div>
          <p className="muted small">{t('siting.rowHint')}</p>
          <RuleTable rules={result.rules} onRow={flyToRule} />
          {result.notes.length > 0 && (
            <ul className="notes">{result.notes.map((n) => <li key={n}>{n}</li>)}</ul>
          )}
        </div>
      )}
      {report && result && site && (
        <SitingReport result={result} site={site} snapshot={report} onClose={() => setReport(null)} />
      )}
    </div>
  );
}
