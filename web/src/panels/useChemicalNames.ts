import { useEffect, useState } from 'react';
import { api, type Chemical } from '../api/client.ts';
import type { Lang } from '../i18n/messages.ts';

let catalogue: Promise<Chemical[]> | null = null;

/**
 * Name lookup for the chemicals that hazard-source units name by CAS, UN number or name. The catalogue is
 * fetched once, the first time a panel needs it; without it the panel shows the keys as stored.
 */
export function useChemicalNames(needed: boolean, lang: Lang): ((key: string) => string | undefined) | undefined {
  const [index, setIndex] = useState<Map<string, Chemical> | null>(null);
  useEffect(() => {
    if (!needed || index) return;
    let live = true;
    catalogue ??= api.chemicals().catch(() => { catalogue = null; return []; });
    void catalogue.then((rows) => {
      if (!live) return;
      const m = new Map<string, Chemical>();
      for (const c of rows) for (const k of [c.name, ...c.cas, ...c.aliases, c.unNumber ?? '']) if (k) m.set(k, c);
      setIndex(m);
    });
    return () => { live = false; };
  }, [needed, index]);
  if (!index) return undefined;
  return (key) => {
    const c = index.get(key);
    return c ? (lang === 'en' && c.nameEn ? c.nameEn : c.name) : undefined;
  };
}
