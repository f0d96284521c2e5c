import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { langs, translate, type Lang } from './messages.ts';

export type { Lang } from './messages.ts';
export type T = (key: string, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
}

const I18nContext = createContext<I18n | null>(null);
const storageKey = 'safety-atlas.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved && (langs as string[]).includes(saved)) return saved as Lang;
  } catch { /* storage unavailable: default */ }
  return 'zh-CN';
}

/** zh-CN by default; the choice is remembered in localStorage and set on <html lang>. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try { localStorage.setItem(storageKey, next); } catch { /* ignore */ }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${translate(lang, 'app.title')} ${translate(lang, 'app.brand')}`;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside <I18nProvider>');
  return ctx;
}
