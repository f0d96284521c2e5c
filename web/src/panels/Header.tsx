import { useI18n } from '../i18n/index.tsx';
import type { User } from '../api/client.ts';

/** "安全生产一张图 SafetyAtlas", the language switch, and the signed-in user when there is one. */
export function Header({ user, onLogout }: { user: User | null; onLogout(): void }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="app-header">
      <h1>
        <span className="app-title">{t('app.title')}</span> <span className="app-brand">{t('app.brand')}</span>
      </h1>
      <div className="header-tools">
        {user && (
          <span className="user">
            {user.username} · <button type="button" className="link" onClick={onLogout}>{t('auth.logout')}</button>
          </span>
        )}
        <button type="button" className="lang-switch" data-testid="lang-switch" title={t('lang.switch.title')}
          onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('lang.switch')}</button>
      </div>
    </header>
  );
}
