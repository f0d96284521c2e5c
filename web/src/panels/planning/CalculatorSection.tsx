import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { ApiError, planningApi, type Chemical, type HazardClass, type MajorHazardResult } from '../../api/client.ts';
import { fieldKey } from './planningFormat.ts';

interface Row { key: number; chemical: string; quantityT: string; hazardClass: string }

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, chemical: '', quantityT: '', hazardClass: '' });

/** Suggestions for one chemical input (GET /api/chemicals?q=), debounced. */
function useChemicalSuggestions(q: string): Chemical[] {
  const [list, setList] = useState<Chemical[]>([]);
  useEffect(() => {
    const text = q.trim();
    if (!text) { setList([]); return; }
    let live = true;
    const timer = setTimeout(() => {
      planningApi.searchChemicals(text).then((rows) => { if (live) setList(rows); }, () => { if (live) setList([]); });
    }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  return list;
}

function ChemicalInput({ row, index, onChange, error }: { row: Row; index: number; onChange(v: string): void; error?: string }) {
  const { t, lang } = useI18n();
  const suggestions = useChemicalSuggestions(row.chemical);
  const listId = `chem-list-${row.key}`;
  return (
    <div className="calc-cell">
      <input list={listId} value={row.chemical} onChange={(e) => onChange(e.target.value)} placeholder={t('calc.chemical')}
        aria-label={t('calc.chemical')} aria-invalid={!!error} data-testid={`calc-chemical-${index}`} autoComplete="off" />
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c.id} value={c.name}>
            {[lang === 'en' && c.nameEn ? c.nameEn : null, c.cas.join('/'), c.unNumber ? `UN${c.unNumber}` : null, `Q=${c.criticalQuantityT} t`].filter(Boolean).join(' · ')}
          </option>
        ))}
      </datalist>
      {error && <div className="field-error" role="alert" data-testid={`calc-error-items.${index}.chemical`}>{error}</div>}
    </div>
  );
}

/** 重大危险源辨识 (GB 18218-2018 §4.2, §4.3): substances and quantities + exposed people → S, α, R, grade. */
export function CalculatorSection() {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [people, setPeople] = useState('');
  const [classes, setClasses] = useState<HazardClass[]>([]);
  const [result, setResult] = useState<MajorHazardResult | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const loadedClasses = useRef(false);

  useEffect(() => {
    if (loadedClasses.current) return;
    loadedClasses.current = true;
    planningApi.hazardClasses().then(setClasses, () => setClasses([]));
  }, []);

  const update = (key: number, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const num = (s: string) => (s.trim() === '' ? null : Number(s));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLoading(true);
    setErrors({});
    try {
      const items = rows.map((r) => ({
        chemical: r.chemical.trim(),
        quantityT: num(r.quantityT) as number,
        ...(r.hazardClass ? { hazardClass: r.hazardClass } : {}),
      }));
      setResult(await planningApi.majorHazard(items, num(people) as number));
    } catch (err) {
      setResult(null);
      const e2 = err as ApiError;
      setErrors({ [fieldKey(e2.field)]: e2.message });
    } finally {
      setLoading(false);
    }
  };

  const fieldError = (k: string, testId = k) =>
    errors[k] ? <div className="field-error" role="alert" data-testid={`calc-error-${testId}`}>{errors[k]}</div> : null;

  return (
    <form className="planning-section calculator" onSubmit={(e) => void submit(e)} data-testid="calculator-section" noValidate>
      <table className="calc-table">
        <thead>
          <tr><th>{t('calc.chemical')}</th><th>{t('calc.quantity')}</th><th title={t('calc.hazardClass.title')}>{t('calc.hazardClass')}</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key} data-testid="calc-row">
              <td><ChemicalInput row={r} index={i} onChange={(v) => update(r.key, { chemical: v })} error={errors[`items.${i}.chemical`]} /></td>
              <td>
                <input type="number" min={0} step="any" value={r.quantityT} onChange={(e) => update(r.key, { quantityT: e.target.value })}
                  aria-label={t('calc.quantity')} aria-invalid={!!errors[`items.${i}.quantityT`]} data-testid={`calc-quantity-${i}`} />
                {fieldError(`items.${i}.quantityT`)}
              </td>
              <td>
                <select value={r.hazardClass} onChange={(e) => update(r.key, { hazardClass: e.target.value })} title={t('calc.hazardClass.title')}
                  data-testid={`calc-class-${i}`}>
                  <option value="">{t('calc.hazardClass.none')}</option>
                  {classes.map((c) => (
                    <option key={c.symbol} value={c.symbol}>{c.symbol} {lang === 'en' ? c.categoryEn : c.category}：{c.description}（Q={c.criticalQuantityT} t）</option>
                  ))}
                </select>
                {fieldError(`items.${i}.hazardClass`)}
              </td>
              <td>
                {rows.length > 1 && (
                  <button type="button" className="link-button" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    aria-label={t('calc.remove')} title={t('calc.remove')}>×</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fieldError('items')}
      <button type="button" className="link-button" onClick={() => setRows((rs) => [...rs, emptyRow()])} data-testid="calc-add">{t('calc.addRow')}</button>
      <label className="field-row">
        <span>{t('calc.people')}</span>
        <input type="number" min={0} step={1} value={people} onChange={(e) => setPeople(e.target.value)} aria-invalid={!!errors.exposedPeople}
          data-testid="calc-people" />
      </label>
      {fieldError('exposedPeople')}
      <button type="submit" className="primary" disabled={loading} data-testid="calc-run">{t('calc.run')}</button>
      {fieldError('general')}
      {loading && <p className="loading">{t('siting.loading')}</p>}
      {result && !loading && (
        <div className="calc-result" data-testid="calc-result" data-major={String(result.isMajorHazard)}>
          <dl className="calc-numbers">
            <div><dt>{t('calc.S')}</dt><dd data-testid="calc-S">{formatNumber(result.ratioSum, 'en')}</dd></div>
            <div><dt>{t('calc.alpha')}</dt><dd data-testid="calc-alpha">{result.alpha.toFixed(1)}</dd></div>
            <div><dt>{t('calc.R')}</dt><dd data-testid="calc-R">{result.r === null ? '—' : formatNumber(result.r, 'en')}</dd></div>
            <div><dt>{t('calc.grade')}</dt><dd data-testid="calc-grade" className={result.grade ? `grade grade-${result.grade}` : ''}>
              {result.grade ? t(`enum.grade.${result.grade}`) : t('calc.notMajor')}
            </dd></div>
          </dl>
          <p className={result.isMajorHazard ? 'major' : 'muted'}>{result.isMajorHazard ? t('calc.major') : t('calc.notMajor')}</p>
          <h4>{t('calc.explanation')}</h4>
          <ol className="explanation" data-testid="calc-explanation">{result.explanation.map((line) => <li key={line}>{line}</li>)}</ol>
        </div>
      )}
    </form>
  );
}
