import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type LayerInfo } from '../api/client.ts';
import { subscribeStream, type ChangeEvent } from '../api/stream.ts';
import { layerModules, moduleFor } from './layers/index.ts';
import type { AtlasMap } from './atlasMap.ts';
import { atlasHooks } from './testHooks.ts';
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
/** Counts of the layer list are asked again this long after the last change (a burst of changes: one request). */
const countsDelayMs = 300;

const fetchLayer = (m: LayerModule) =>
  (m.source.kind === 'geojson' && m.source.path ? api.geoJsonAt(m.source.path) : api.layerGeoJson(m.id));

/**
 * Loads the layer list, then every GeoJSON layer that has features, into the map (tiled layers load their
 * tiles themselves), and keeps them live: a `change` event of `/api/stream` refetches a GeoJSON layer or reloads
 * a tiled layer's tiles, and refreshes the counts. A 401 on the list means reads need a sign-in
 * (PUBLIC_READ=false): `error.status === 401`.
 */
export function useLayers(atlas: AtlasMap | null) {
  const [infos, setInfos] = useState<LayerInfo[] | null>(null);
  const [states, setStates] = useState<Record<string, LayerState>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);

  const loadOne = useCallback(async (module: LayerModule, gen: number) => {
    if (!atlas) return;
    try {
      const fc = await fetchLayer(module);
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
    // a reload (after signing in or out, or a reconnection of the stream): tiles may have been refused or be stale
    if (gen > 1) atlas.refreshAllTiles();
    const byId = new Map(list.map((i) => [i.id, i]));
    const next: Record<string, LayerState> = {};
    const queue: LayerModule[] = [];
    for (const m of layerModules) {
      const info = byId.get(m.id);
      if (m.source.kind === 'geojson' && m.source.path) {
        // not a collection of the layer list (the base map): always fetched
        next[m.id] = { status: 'loading', count: 0 };
        queue.push(m);
      } else if (!info) {
        next[m.id] = { status: 'absent', count: 0 };
      } else if (m.source.kind === 'tiles') {
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

  // live refresh: row changes announced on /api/stream
  useEffect(() => {
    if (!atlas) return;
    const refetching = new Set<string>();
    const dirty = new Set<string>();
    let countsTimer: ReturnType<typeof setTimeout> | undefined;

    /** refetches a GeoJSON layer; changes arriving meanwhile cause one more fetch afterwards, not one each */
    const refetch = async (module: LayerModule) => {
      if (refetching.has(module.id)) { dirty.add(module.id); return; }
      refetching.add(module.id);
      try {
        do {
          dirty.delete(module.id);
          await loadOne(module, generation.current);
        } while (dirty.has(module.id));
      } finally {
        refetching.delete(module.id);
      }
    };

    const refreshCounts = () => {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(async () => {
        let list: LayerInfo[];
        try { list = await api.layers(); } catch { return; }
        setInfos(list);
        setStates((s) => {
          const next = { ...s };
          for (const info of list) {
            const m = moduleFor(info.id);
            if (m?.source.kind !== 'tiles' || !next[m.id]) continue;
            atlas.setFeatureCount(m.id, info.count);
            next[m.id] = { ...next[m.id], count: info.count };
          }
          return next;
        });
      }, countsDelayMs);
    };

    const onChange = (change: ChangeEvent) => {
      const module = moduleFor(change.collection);
      if (!module) return;
      atlas.applyChange(change);
      if (module.source.kind === 'geojson') void refetch(module);
      refreshCounts();
    };

    const unsubscribe = subscribeStream({
      change: onChange,
      status: (connected) => { atlasHooks().streamConnected = connected; },
      // changes sent while the connection was down are lost: reload everything (tiles included)
      resync: () => { void load(); },
    });
    return () => { unsubscribe(); clearTimeout(countsTimer); };
  }, [atlas, load, loadOne]);

  return { infos, states, error, reload: load, retry };
}
