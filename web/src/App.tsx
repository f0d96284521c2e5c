import { useCallback, useEffect, useState } from 'react';
import { useI18n } from './i18n/index.tsx';
import { api, getToken, setToken, type User } from './api/client.ts';
import type { AtlasMap } from './map/atlasMap.ts';
import { MapView } from './map/MapView.tsx';
import { useLayers } from './map/useLayers.ts';
import type { AtlasFeature, MapCollectionId } from './map/types.ts';
import { Header } from './panels/Header.tsx';
import { LayerPanel } from './panels/LayerPanel.tsx';
import { FeaturePanel } from './panels/FeaturePanel.tsx';
import { LoginPanel } from './panels/LoginPanel.tsx';
import { PlanningSidebar } from './panels/planning/PlanningSidebar.tsx';

export function App() {
  const { t, lang } = useI18n();
  const [atlas, setAtlas] = useState<AtlasMap | null>(null);
  const [selected, setSelected] = useState<AtlasFeature | null>(null);
  const [visibility, setVisibility] = useState<Record<string, boolean>>({});
  const [user, setUser] = useState<User | null>(null);
  const { infos, states, error, reload, retry } = useLayers(atlas);

  useEffect(() => { atlas?.setLang(lang); }, [atlas, lang]);
  useEffect(() => {
    if (!atlas) return;
    for (const [id, visible] of Object.entries(visibility)) atlas.setVisible(id as MapCollectionId, visible);
  }, [atlas, visibility]);
  useEffect(() => {
    if (getToken()) api.me().then(setUser, () => setToken(null));
  }, []);

  const onToggle = useCallback((id: string, visible: boolean) => {
    setVisibility((v) => ({ ...v, [id]: visible }));
    if (!visible) setSelected((s) => (s?.collection === id ? null : s));
  }, []);
  const onClose = useCallback(() => {
    setSelected(null);
    atlas?.select(null);
  }, [atlas]);
  const lookup = useCallback((collection: string, id: number) =>
    atlas?.feature(collection as MapCollectionId, id)?.properties ?? undefined, [atlas]);
  const onLogin = useCallback((u: User) => { setUser(u); void reload(); }, [reload]);
  const onLogout = useCallback(() => { setToken(null); setUser(null); void reload(); }, [reload]);

  return (
    <div className="app">
      <Header user={user} onLogout={onLogout} />
      <main className="app-body">
        <PlanningSidebar atlas={atlas} user={user} onLogin={onLogin} layerPanel={/* 规划分析 tab (issue 5) */
          <LayerPanel infos={infos} states={states} visibility={visibility} onToggle={onToggle} onRetry={retry} />} />
        <div className="map-wrap">
          <MapView lang={lang} onReady={setAtlas} onSelect={setSelected} />
          <FeaturePanel feature={selected} infos={infos} lookup={lookup} onClose={onClose} />
          {error && error.status !== 401 && (
            <div className="banner" role="alert" data-testid="api-error">
              {t('status.apiDown', { message: error.message })}
              <button type="button" onClick={() => void reload()}>{t('status.retry')}</button>
            </div>
          )}
        </div>
      </main>
      {error?.status === 401 && <LoginPanel onLogin={onLogin} />}
    </div>
  );
}
