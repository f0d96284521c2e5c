import { hasMessage, translate, type Lang } from './messages.ts';

/** Columns never shown in the feature panel (all layers, then per layer). */
const hiddenEverywhere = new Set(['geom', 'created_at']);
const hiddenIn: Record<string, Set<string>> = {
  roads: new Set(['source', 'target']),     // routing-graph node ids
};

/** Properties to show, in order: the layer's preferred fields, then the rest (id and updated_at last). */
export function orderedFields(collection: string, props: Record<string, unknown>, preferred: readonly string[]): string[] {
  const hidden = (k: string) => hiddenEverywhere.has(k) || (hiddenIn[collection]?.has(k) ?? false);
  const keys = Object.keys(props).filter((k) => !hidden(k));
  const tail = ['id', 'updated_at'];
  const head = preferred.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !head.includes(k) && !tail.includes(k)).sort();
  return [...head, ...rest, ...tail.filter((k) => keys.includes(k))];
}

export function fieldLabel(field: string, lang: Lang): string {
  const key = `field.${field}`;
  return hasMessage(key) ? translate(lang, key) : field;
}

/** Coded value → label: `enum.<collection>.<field>.<value>`, then `enum.<field>.<value>`; undefined when not coded. */
export function enumLabel(collection: string, field: string, value: string | number, lang: Lang): string | undefined {
  for (const key of [`enum.${collection}.${field}.${value}`, `enum.${field}.${value}`]) {
    if (hasMessage(key)) return translate(lang, key);
  }
  return undefined;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A timestamp in Shanghai time, `YYYY-MM-DD HH:mm`. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** ISO weekdays 1…7 → "周一至周五、周日" / "Mon–Fri, Sun": consecutive days are joined into ranges. */
export function formatDays(days: readonly number[], lang: Lang): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const day = (d: number) => translate(lang, `day.${d}`);
  return runs
    .map(([a, b]) => (a === b ? day(a) : b === a + 1 ? `${day(a)}${lang === 'en' ? ', ' : '、'}${day(b)}` : translate(lang, 'day.range', { from: day(a), to: day(b) })))
    .join(lang === 'en' ? ', ' : '、');
}

const listSeparator = (lang: Lang) => (lang === 'en' ? ', ' : '、');

export interface FormatContext {
  /** a chemical's display name from its name, CAS or UN number (hazard-source units) */
  chemicalName?(key: string): string | undefined;
  /** the name of a feature another one refers to (an enterprise's park, an occupation's pipeline …) */
  featureName?(collection: string, id: number): string | undefined;
}

/** Columns that refer to a feature of another layer. */
export const references: Record<string, string> = {
  park_id: 'chemical_parks',
  enterprise_id: 'enterprises',
  pipeline_id: 'gas_pipelines',
  railway_id: 'railways',
};

/** A property value as the feature panel shows it. */
export function formatValue(collection: string, field: string, value: unknown, lang: Lang, ctx: FormatContext = {}): string {
  if (value === null || value === undefined || value === '') return translate(lang, 'value.empty');
  if (typeof value === 'boolean') return translate(lang, value ? 'value.yes' : 'value.no');
  if (typeof value === 'string' || typeof value === 'number') {
    const coded = enumLabel(collection, field, value, lang);
    if (coded) return coded;
  }
  if (field === 'units' && Array.isArray(value)) {
    return value
      .map((u: { chemical?: unknown; quantityT?: unknown }) => {
        const key = String(u.chemical ?? '?');
        const name = ctx.chemicalName?.(key);
        const label = name && name !== key ? `${name}（${key}）` : key;
        return `${label}：${translate(lang, 'value.tonnes', { q: formatNumber(Number(u.quantityT), lang) })}`;
      })
      .join('\n');
  }
  if (field === 'time_windows' && Array.isArray(value)) {
    if (value.length === 0) return translate(lang, 'value.empty');
    return value
      .map((w: { days?: number[]; from?: string; to?: string }) =>
        translate(lang, 'value.days', { days: formatDays(w.days ?? [], lang), from: w.from ?? '?', to: w.to ?? '?' }))
      .join('\n');
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? translate(lang, 'value.empty') : value.map((v) => formatValue(collection, field, v, lang, ctx)).join(listSeparator(lang));
  }
  if (typeof value === 'number' && references[field]) {
    const name = ctx.featureName?.(references[field], value);
    if (!name) return `#${value}`;
    return name.endsWith(`#${value}`) ? name : `${name}（#${value}）`;
  }
  if (typeof value === 'number') {
    return /(^|_)id$/.test(field) ? String(value) : formatNumber(value, lang);
  }
  if (typeof value === 'string') {
    if (isoDate.test(value)) return value;
    if (isoTimestamp.test(value)) return formatTimestamp(value);
    return value;
  }
  return JSON.stringify(value);
}

export function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(n);
}

/** The name a feature is shown by: its name (English one in English when present), title, or kind and id. */
export function featureName(collection: string, props: Record<string, unknown>, lang: Lang): string {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const named = (lang === 'en' ? str(props.name_en) : undefined) ?? str(props.name) ?? str(props.title);
  if (named) return named;
  const id = props.id ?? '?';
  if (collection === 'gas_pipelines' && typeof props.pressure_class === 'string') {
    return `${formatValue(collection, 'pressure_class', props.pressure_class, lang)} #${id}`;
  }
  if (collection === 'roads' && typeof props.class === 'string') {
    return `${formatValue(collection, 'class', props.class, lang)} #${id}`;
  }
  return `#${id}`;
}
