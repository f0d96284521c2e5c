import { useEffect, useRef } from 'react';
import { AtlasMap } from './atlasMap.ts';
import { layerModules } from './layers/index.ts';
import type { Lang } from '../i18n/messages.ts';
import type { AtlasFeature } from './types.ts';

interface Props {
  lang: Lang;
  onReady(atlas: AtlasMap | null): void;
  onSelect(feature: AtlasFeature | null): void;
}

/** Mounts the map once; everything after that goes through the AtlasMap instance handed to `onReady`. */
export function MapView({ lang, onReady, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef({ lang, onSelect });
  latest.current = { lang, onSelect };

  useEffect(() => {
    const atlas = new AtlasMap({
      container: container.current!,
      modules: layerModules,
      lang: latest.current.lang,
      onSelect: (f) => latest.current.onSelect(f),
    });
    onReady(atlas);
    return () => { onReady(null); atlas.destroy(); };
  }, [onReady]);

  return <div ref={container} className="map" data-testid="map" />;
}
