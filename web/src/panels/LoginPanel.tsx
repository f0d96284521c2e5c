import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { api, setToken, type User } from '../api/client.ts';

/** Shown when reads need a token (PUBLIC_READ=false): signs in and hands the user back. */
export function LoginPanel({ onLogin }: { onLogin(user: User): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { token, user } = await api.login(username, password);
      setToken(token);
      onLogin(user);
    } catch (err) {
      setError(t('auth.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="modal-backdrop">
      <form className="login-panel" onSubmit={submit} data-testid="login-panel">
        <h2>{t('auth.title')}</h2>
        <p className="muted">{t('auth.why')}</p>
        <label>{t('auth.username')}<input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required /></label>
        <label>{t('auth.password')}<input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t('auth.submit')}</button>
      </form>
    </div>
  );
}
