import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { planningApi, type ChemicalPark, type User } from '../../api/client.ts';
import { LoginPanel } from '../LoginPanel.tsx';

const canEdit = (user: User | null) => user?.role === 'planner' || user?.role === 'admin';

/** 化工园区: score and enclosure per park; planners edit the score and see the A–D grade the API recomputes. */
export function ParksSection({ user, onLogin, visible }: { user: User | null; onLogin(user: User): void; visible: boolean }) {
  const { t, lang } = useI18n();
  const [parks, setParks] = useState<ChemicalPark[] | null>(null);
  const [gradeSource, setGradeSource] = useState('');
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [loginOpen, setLoginOpen] = useState(false);

  const load = useCallback(() => {
    planningApi.parks().then((r) => { setParks(r.parks); setGradeSource(r.gradeSource); },
      (err: Error) => setMessage({ kind: 'error', text: err.message }));
  }, []);
  useEffect(() => { if (visible && !parks) load(); }, [visible, parks, load]);

  const save = async (park: ChemicalPark, patch: { score?: number | null; enclosed?: boolean }) => {
    setMessage(null);
    try {
      const { park: updated } = await planningApi.patchPark(park.id, patch);
      setParks((ps) => ps?.map((p) => (p.id === updated.id ? updated : p)) ?? null);
      setDrafts((d) => { const { [park.id]: _, ...rest } = d; return rest; });
      setMessage({ kind: 'ok', text: t('parks.saved', { name: updated.name, score: updated.score ?? '—', grade: updated.riskGrade ? t(`enum.risk_grade.${updated.riskGrade}`) : '—' }) });
    } catch (err) {
      setMessage({ kind: 'error', text: t('parks.error', { message: (err as Error).message }) });
    }
  };

  const editable = canEdit(user);
  return (
    <div className="planning-section" data-testid="parks-section">
      {!editable && (
        <div className="notice" data-testid="parks-login-hint">
          {t('parks.loginHint')} <button type="button" onClick={() => setLoginOpen(true)} data-testid="parks-login">{t('parks.login')}</button>
        </div>
      )}
      {message && <p className={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="parks-message">{message.text}</p>}
      <table className="rule-table parks-table">
        <thead><tr><th>{t('planning.parks')}</th><th className="num">{t('parks.score')}</th><th>{t('parks.grade')}</th><th>{t('parks.enclosed')}</th></tr></thead>
        <tbody>
          {(parks ?? []).map((p) => {
            const draft = drafts[p.id];
            const value = draft ?? (p.score === null ? '' : String(p.score));
            return (
              <tr key={p.id} data-testid="park-row" data-park-id={p.id} data-grade={p.riskGrade ?? ''}>
                <td>{lang === 'en' && p.nameEn ? p.nameEn : p.name}<div className="muted small">{p.district}</div></td>
                <td className="num">
                  {editable ? (
                    <form onSubmit={(e) => { e.preventDefault(); void save(p, { score: value.trim() === '' ? null : Number(value) }); }} className="inline-form">
                      <input type="number" min={0} max={100} step="any" value={value} onChange={(e) => setDrafts((d) => ({ ...d, [p.id]: e.target.value }))}
                        data-testid={`park-score-${p.id}`} />
                      <button type="submit" disabled={draft === undefined} data-testid={`park-save-${p.id}`}>{t('parks.save')}</button>
                    </form>
                  ) : (p.score ?? '—')}
                </td>
                <td><span className={`park-grade park-grade-${p.riskGrade ?? 'none'}`} data-testid={`park-grade-${p.id}`}>
                  {p.riskGrade ? t(`enum.risk_grade.${p.riskGrade}`) : '—'}</span> <span title={gradeSource}>⚠️</span></td>
                <td>
                  <input type="checkbox" checked={p.enclosed} disabled={!editable} onChange={(e) => void save(p, { enclosed: e.target.checked })}
                    aria-label={t('parks.enclosed')} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {gradeSource && <p className="muted small" data-testid="parks-source">{t('parks.secondary')}{gradeSource}</p>}
      {loginOpen && (
        <>
          <LoginPanel onLogin={(u) => { setLoginOpen(false); onLogin(u); }} />
          <button type="button" className="login-close" onClick={() => setLoginOpen(false)} aria-label={t('report.close')}>× {t('report.close')}</button>
        </>
      )}
    </div>
  );
}
