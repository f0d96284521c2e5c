import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { User } from '../../api/client.ts';
import type { AtlasMap } from '../../map/atlasMap.ts';
import { PlanningPanel } from './PlanningPanel.tsx';
import './planning.css';
import '../../print.css';

interface Props {
  atlas: AtlasMap | null;
  user: User | null;
  onLogin(user: User): void;
  /** the layer list, shown under the 图层 tab */
  layerPanel: ReactNode;
}

/** The left sidebar: 图层 (layer list) and 规划分析 (planning tools) as two tabs. */
export function PlanningSidebar({ atlas, user, onLogin, layerPanel }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'layers' | 'planning'>('layers');
  return (
    <div className={`sidebar sidebar-${tab}`} data-testid="sidebar">
      <div className="sidebar-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'layers'} data-testid="tab-layers" onClick={() => setTab('layers')}>
          {t('sidebar.layers')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'planning'} data-testid="tab-planning" onClick={() => setTab('planning')}>
          {t('sidebar.planning')}
        </button>
      </div>
      <div className="sidebar-body" hidden={tab !== 'layers'}>{layerPanel}</div>
      <div className="sidebar-body" hidden={tab !== 'planning'}>
        <PlanningPanel atlas={atlas} user={user} onLogin={onLogin} active={tab === 'planning'} />
      </div>
    </div>
  );
}
