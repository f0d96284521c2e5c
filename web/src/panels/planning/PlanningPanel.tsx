import { useEffect, useState } from 'react';
import type { Geometry } from 'geojson';
import { useI18n } from '../../i18n/index.tsx';
import { planningApi, type HazardSourceSummary, type SiteKind, type User } from '../../api/client.ts';
import type { AtlasMap } from '../../map/atlasMap.ts';
import { AnalysisOverlay } from '../../map/analysis/analysisOverlay.ts';
import { SitingSection } from './SitingSection.tsx';
import { DistanceSection } from './DistanceSection.tsx';
import { CalculatorSection } from './CalculatorSection.tsx';
import { RegistersSection } from './RegistersSection.tsx';
import { ParksSection } from './ParksSection.tsx';

export type Section = 'siting' | 'distance' | 'calculator' | 'registers' | 'parks';
const sections: Section[] = ['siting', 'distance', 'calculator', 'registers', 'parks'];

/** The site under analysis, shared by 选址分析 and 安全距离. */
export interface SiteState {
  geometry: Geometry;
  /** set when the site is an existing hazard source */
  hazardSourceId: number | null;
  label: string | null;
}

interface Props { atlas: AtlasMap | null; user: User | null; onLogin(user: User): void; active: boolean }

/** 规划分析: siting, safety distances, the GB 18218 calculator, registers and chemical-park scores. */
export function PlanningPanel({ atlas, user, onLogin, active }: Props) {
  const { t } = useI18n();
  const [section, setSection] = useState<Section>('siting');
  const [overlay, setOverlay] = useState<AnalysisOverlay | null>(null);
  const [kind, setKind] = useState<SiteKind>('hazmat_storage');
  const [site, setSite] = useState<SiteState | null>(null);
  const [sources, setSources] = useState<HazardSourceSummary[] | null>(null);

  useEffect(() => {
    if (!atlas) return;
    const o = new AnalysisOverlay(atlas.map);
    setOverlay(o);
    return () => { o.destroy(); setOverlay(null); };
  }, [atlas]);

  useEffect(() => {
    if (!active || sources) return;
    planningApi.hazardSources().then(setSources, () => setSources([]));
  }, [active, sources]);

  return (
    <section className="planning-panel" data-testid="planning-panel">
      <nav className="planning-sections">
        {sections.map((s) => (
          <button key={s} type="button" className={s === section ? 'is-active' : ''} data-testid={`planning-${s}`}
            aria-pressed={s === section} onClick={() => setSection(s)}>{t(`planning.${s}`)}</button>
        ))}
      </nav>
      <div hidden={section !== 'siting'}>
        <SitingSection overlay={overlay} kind={kind} setKind={setKind} site={site} setSite={setSite} sources={sources} />
      </div>
      <div hidden={section !== 'distance'}>
        <DistanceSection overlay={overlay} kind={kind} site={site} sources={sources} visible={active && section === 'distance'} />
      </div>
      <div hidden={section !== 'calculator'}><CalculatorSection /></div>
      <div hidden={section !== 'registers'}><RegistersSection visible={active && section === 'registers'} /></div>
      <div hidden={section !== 'parks'}>
        <ParksSection user={user} onLogin={onLogin} visible={active && section === 'parks'} />
      </div>
    </section>
  );
}
