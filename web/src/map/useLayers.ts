import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type LayerInfo } from '../api/client.ts';
import { layerModules } from './layers/index.ts';
import type { AtlasMap } from './atlasMap.ts';
import type { LayerModule } from './types.ts';

export type LayerStatus = 'loading' | 'ready' | 'error' | 'absent';
export interface LayerState {
  status: LayerStatus;
  /** features in the database (`GET /api/layers`) */
  count: number;
  error?: string;
}

/** At most this many layer requests at once (the embedded database serves one query at a time anyway). */
const parallel = 3;

/**
 * Loads the layer list, then every GeoJSON layer that has features, into the map. A 401 on the list means
 * reads need a sign-in (PUBLIC_READ=false): `error.status === 401`.
 */
export function useLayers(atlas: AtlasMap | null) {
  const [infos, setInfos] = useState<LayerInfo[] | null>(null);
  const [states, setStates] = useState<Record<string, LayerState>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);

  const loadOne = useCallback(async (module: LayerModule, gen: number) => {
    if (!atlas) return;
    try {
      const fc = await api.layerGeoJson(module.id);
      if (gen !== generation.current) return;
      atlas.setData(module.id, fc);
      setStates((s) => ({ ...s, [module.id]: { status: 'ready', count: fc.features.length } }));
    } catch (err) {
      if (gen !== generation.current) return;
      setStates((s) => ({ ...s, [module.id]: { ...s[module.id], status: 'error', error: (err as Error).message } }));
    }
  }, [atlas]);

  const load = useCallback(async () => {
    if (!atlas) return;
    const gen = ++generation.current;
    setError(null);
    let list: LayerInfo[];
    try {
      list = await api.layers();
    } catch (err) {
      if (gen !== generation.current) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'network', String(err)));
      return;
    }
    if (gen !== generation.current) return;
    const byId = new Map(list.map((i) => [i.id, i]));
    const next: Record<string, LayerState> = {};
    const queue: LayerModule[] = [];
    for (const m of layerModules) {
      const info = byId.get(m.id);
      if (!info) { next[m.id] = { status: 'absent', count: 0 }; continue; }
      if (m.source.kind === 'tiles') {
        atlas.setFeatureCount(m.id, info.count);
        next[m.id] = { status: 'ready', count: info.count };
      } else if (info.count > 0) {
        next[m.id] = { status: 'loading', count: info.count };
        queue.push(m);
      } else {
        next[m.id] = { status: 'ready', count: 0 };
      }
    }
    setInfos(list);
    setStates(next);
    const workers = Array.from({ length: Math.min(parallel, queue.length) }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) await loadOne(m, gen);
    });
    await Promise.all(workers);
    if (gen === generation.current) atlas.markDataSettled();
  }, [atlas, loadOne]);

  const retry = useCallback((id: string) => {
    const module = layerModules.find((m) => m.id === id);
    if (!module) return;
    setStates((s) => ({ ...s, [id]: { ...s[id], status: 'loading', error: undefined } }));
    void loadOne(module, generation.current);
  }, [loadOne]);

  useEffect(() => { void load(); }, [load]);

  return { infos, states, error, reload: load, retry };
}
