import { useEffect, useRef, useState } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import { AtlasMap } from './atlasMap.ts';
import { layerModules } from './layers/index.ts';
import { BaseLegend } from './BaseLegend.tsx';
import { api } from '../api/client.ts';
import type { Lang } from '../i18n/messages.ts';
import type { AtlasFeature } from './types.ts';

interface Props {
  lang: Lang;
  onReady(atlas: AtlasMap | null): void;
  onSelect(feature: AtlasFeature | null): void;
}

/**
 * The base style named by `GET /api/config` (BASEMAP_STYLE_URL), or undefined for the offline style: when none
 * is set, when the API cannot say, or when the style cannot be loaded (the map must still work offline).
 */
async function loadBaseStyle(): Promise<StyleSpecification | undefined> {
  let url: string | null;
  try { url = (await api.config()).basemapStyleUrl; } catch { return undefined; }
  if (!url) return undefined;
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    const style = (await res.json()) as StyleSpecification;
    if (style?.version !== 8 || !Array.isArray(style.layers) || !style.sources) throw new Error('not a MapLibre style (version 8)');
    return style;
  } catch (err) {
    console.warn(`base map style ${url} not loaded, using the offline base map: ${(err as Error).message}`);
    return undefined;
  }
}

/** Mounts the map once; everything after that goes through the AtlasMap instance handed to `onReady`. */
export function MapView({ lang, onReady, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ lang, onSelect });
  latest.current = { lang, onSelect };
  const [externalBase, setExternalBase] = useState(false);

  useEffect(() => {
    let atlas: AtlasMap | null = null;
    let cancelled = false;
    void loadBaseStyle().then((baseStyle) => {
      if (cancelled) return;
      setExternalBase(Boolean(baseStyle));
      atlas = new AtlasMap({
        container: container.current!,
        modules: layerModules,
        lang: latest.current.lang,
        baseStyle,
        onSelect: (f) => latest.current.onSelect(f),
      });
      onReady(atlas);
    });
    return () => {
      cancelled = true;
      if (atlas) { onReady(null); atlas.destroy(); }
    };
  }, [onReady]);

  return (
    <>
      <div ref={container} className="map" data-testid="map" />
      <BaseLegend external={externalBase} />
    </>
  );
}
