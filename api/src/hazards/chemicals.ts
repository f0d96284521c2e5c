/**
 * Chemical lookup for GB 18218-2018: resolves what a user or a stored hazard source names ("氯", "液氯", "7782-50-5",
 * "UN1017", "chlorine") to a Table-1 row, or to a Table-2 hazard class for substances not named in Table 1, and
 * says where Q and β come from. The lookup runs in SQL against `chemicals.match_keys` (002_gb18218.sql): NFKC,
 * whitespace- and case-insensitive exact match on name, English name, aliases, CAS and UN number.
 */
import type pg from 'pg';
import { unprocessable } from '../errors.ts';
import type { GradeInput } from '../domain/gb18218.ts';

/** pg.Pool or a client inside a transaction */
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** One line of a unit: `{"chemical":"<name|alias|CAS|UN>","quantityT":n,"hazardClass"?:"W5.1"}` */
export interface ItemInput {
  chemical: string;
  quantityT: number;
  hazardClass?: string;
}

export interface ResolvedItem {
  chemical: string;
  matched: {
    name: string;
    nameEn?: string | null;
    cas?: string[];
    unNumber?: string | null;
    table1Seq?: number;
    /** class whose Table-4 β (and, for unnamed substances, Table-2 Q) was used */
    hazardClass?: string;
    hazardClassDescription?: string;
  };
  quantityT: number;
  criticalQuantityT: number;
  criticalQuantitySource: 'Table 1' | 'Table 2';
  beta: number;
  betaSource: 'Table 3' | 'Table 4';
  /**
   * true when β rests on the project's class assignment for a Table-1 row (the standard prints no class per row):
   * unverified against the standard, and overridable with hazardClass
   */
  betaClassAssumed: boolean;
  /** zh-CN citations used in explanations */
  qCite: string;
  betaCite: string;
  notes: string[];
}

export interface ItemProblem {
  /** the offending property of the item: "chemical", "hazardClass" or "quantityT" */
  property: 'chemical' | 'hazardClass' | 'quantityT';
  message: string;
}

/**
 * Columns of the lookup, for a FROM clause that has an alias `i` with text columns `chemical_key` (chem_key() of the
 * name given: compute it in a MATERIALIZED CTE so it is not re-evaluated per chemicals row) and `class_symbol`
 * (upper-cased). Several rows sharing a key (one CAS for the six nitrocellulose rows,
 * "硝化棉", the two ammonium nitrate rows) resolve to the most stringent one — the smallest Q — and say so.
 */
export const LOOKUP_COLUMNS = `
  m.chem_id, m.table1_seq, m.chem_name, m.chem_name_en, m.chem_cas, m.chem_un, m.chem_q, m.chem_class, m.chem_beta,
  m.beta_table, m.beta_note, m.candidates, m.candidate_seqs,
  gc.symbol AS given_class, gc.critical_quantity_t::float8 AS given_class_q, gc.beta::float8 AS given_class_beta,
  gc.category || ' ' || gc.description AS given_class_desc,
  cc.symbol AS own_class, cc.critical_quantity_t::float8 AS own_class_q, cc.beta::float8 AS own_class_beta,
  cc.category || ' ' || cc.description AS own_class_desc`;

export const LOOKUP_JOINS = `
  LEFT JOIN LATERAL (
    SELECT c.id AS chem_id, c.table1_seq, c.name AS chem_name, c.name_en AS chem_name_en, c.cas AS chem_cas,
           c.un_number AS chem_un, c.critical_quantity_t::float8 AS chem_q, c.hazard_class AS chem_class,
           c.beta::float8 AS chem_beta, c.beta_table, c.beta_note,
           count(*) OVER ()::int AS candidates,
           array_agg(c.table1_seq) OVER (ORDER BY c.table1_seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS candidate_seqs
      FROM chemicals c
     WHERE c.match_keys @> ARRAY[i.chemical_key]
     ORDER BY (c.table1_seq IS NULL), c.critical_quantity_t, c.table1_seq, c.id
     LIMIT 1) m ON true
  LEFT JOIN hazard_classes gc ON gc.symbol = i.class_symbol
  LEFT JOIN hazard_classes cc ON cc.symbol = m.chem_class`;

/** A row produced by LOOKUP_COLUMNS (plus the item's own columns). */
export interface LookupRow {
  chemical: string | null;
  class_symbol: string | null;
  chem_id: number | null;
  table1_seq: number | null;
  chem_name: string | null;
  chem_name_en: string | null;
  chem_cas: string[] | null;
  chem_un: string | null;
  chem_q: number | null;
  chem_class: string | null;
  chem_beta: number | null;
  beta_table: 'table3' | 'table4' | null;
  beta_note: string | null;
  candidates: number | null;
  candidate_seqs: (number | null)[] | null;
  given_class: string | null;
  given_class_q: number | null;
  given_class_beta: number | null;
  given_class_desc: string | null;
  own_class: string | null;
  own_class_q: number | null;
  own_class_beta: number | null;
  own_class_desc: string | null;
}

const PROJECT_CLASS_NOTE = '表1未给出各物质的危险性类别，该类别为本系统依据GHS分类指定（非标准原文，可用 hazardClass 指定其他类别） / ' +
  'the class is the project\'s GHS-based assignment, not printed in the standard; pass hazardClass to use another';

/**
 * Decides Q and β for one item from its lookup row (GB 18218-2018 §4.2, §4.3): Table-1 substances take Q from
 * Table 1 and β from Table 3 (named toxic gases) or Table 4 (by class); other substances take Q from Table 2 and β from
 * Table 4 of the hazard class given with the item.
 */
export function resolveItem(row: LookupRow, quantityT: number): ResolvedItem | ItemProblem {
  const chemical = row.chemical ?? '';
  if (row.class_symbol && !row.given_class) {
    return { property: 'hazardClass', message: `未知的危险性类别 "${row.class_symbol}"：应为GB 18218-2018表2符号 J1…J5、W1.1…W11 / ` +
      `unknown hazard class "${row.class_symbol}": use a GB 18218-2018 Table 2 symbol (J1…J5, W1.1…W11)` };
  }
  const notes: string[] = [];
  if (row.chem_id !== null && (row.candidates ?? 1) > 1) {
    const seqs = (row.candidate_seqs ?? []).filter((s) => s !== null).join('、');
    notes.push(`"${chemical}" 对应表1中 ${row.candidates} 个条目（第${seqs}项），按临界量最小者（保守）取第${row.table1_seq}项；` +
      `如需其他条目请填写完整名称 / matches ${row.candidates} Table-1 rows; the one with the smallest Q was used — give the full name for another`);
  }

  if (row.chem_id !== null && row.table1_seq !== null && row.chem_q !== null) {
    const seq = row.table1_seq;
    const base = {
      chemical,
      quantityT,
      criticalQuantityT: row.chem_q,
      criticalQuantitySource: 'Table 1' as const,
      qCite: `表1 第${seq}项`,
      notes,
    };
    const matched = { name: row.chem_name!, nameEn: row.chem_name_en, cas: row.chem_cas ?? [], unNumber: row.chem_un, table1Seq: seq };
    if (row.beta_table === 'table3' && row.chem_beta !== null) {
      if (row.given_class) notes.push(`已忽略 hazardClass "${row.given_class}"：该物质β按表3取值 / hazardClass ignored: β comes from Table 3`);
      if (row.beta_note) notes.push(row.beta_note);
      return { ...base, matched, beta: row.chem_beta, betaSource: 'Table 3', betaClassAssumed: false, betaCite: '表3', notes };
    }
    if (row.given_class && row.given_class_beta !== null) {
      notes.push(`β按请求指定的类别 ${row.given_class} 取表4值；Q仍取表1 / β from the requested class ${row.given_class} (Table 4); Q stays the Table-1 value`);
      return {
        ...base, matched: { ...matched, hazardClass: row.given_class, hazardClassDescription: row.given_class_desc ?? undefined },
        beta: row.given_class_beta, betaSource: 'Table 4', betaClassAssumed: false, betaCite: `表4 ${row.given_class}`, notes,
      };
    }
    if (row.chem_beta !== null) {
      if (row.own_class) notes.push(PROJECT_CLASS_NOTE);
      if (row.beta_note) notes.push(row.beta_note);
      return {
        ...base, matched: { ...matched, ...(row.own_class ? { hazardClass: row.own_class, hazardClassDescription: row.own_class_desc ?? undefined } : {}) },
        beta: row.chem_beta, betaSource: 'Table 4', betaClassAssumed: true, betaCite: row.own_class ? `表4 ${row.own_class}` : '表4', notes,
      };
    }
    if (row.own_class && row.own_class_beta !== null) {
      notes.push(PROJECT_CLASS_NOTE);
      return {
        ...base, matched: { ...matched, hazardClass: row.own_class, hazardClassDescription: row.own_class_desc ?? undefined },
        beta: row.own_class_beta, betaSource: 'Table 4', betaClassAssumed: true, betaCite: `表4 ${row.own_class}`, notes,
      };
    }
    return { property: 'hazardClass', message: `表1第${seq}项"${row.chem_name}"没有可用的β：请提供 hazardClass / no β known for this row: give hazardClass` };
  }

  // Not named in Table 1: Q from Table 2 and β from Table 4 of the class given (or recorded for a non-Table-1 chemical).
  const symbol = row.given_class ?? row.own_class;
  const q = row.given_class ? row.given_class_q : row.own_class_q;
  const beta = row.given_class ? row.given_class_beta : row.own_class_beta;
  const desc = row.given_class ? row.given_class_desc : row.own_class_desc;
  if (!symbol || q === null || beta === null) {
    return { property: 'chemical', message: `"${chemical}" 不是GB 18218-2018表1所列物质（按名称、别名、CAS号、UN号均未找到）：` +
      `请核对名称，或提供表2危险性类别 hazardClass / "${chemical}" is not named in GB 18218-2018 Table 1 (no name, alias, CAS or UN match): ` +
      'check it or give its Table-2 hazardClass' };
  }
  notes.push(`未列入表1，按表2类别 ${symbol}（${desc}）取临界量 / not named in Table 1: Q from Table 2 class ${symbol}`);
  return {
    chemical,
    matched: { name: row.chem_name ?? chemical, ...(row.chem_cas?.length ? { cas: row.chem_cas } : {}), hazardClass: symbol, hazardClassDescription: desc ?? undefined },
    quantityT,
    criticalQuantityT: q,
    criticalQuantitySource: 'Table 2',
    beta,
    betaSource: 'Table 4',
    betaClassAssumed: !row.given_class,
    qCite: `表2 ${symbol}`,
    betaCite: `表4 ${symbol}`,
    notes,
  };
}

export const isProblem = (x: ResolvedItem | ItemProblem): x is ItemProblem => 'property' in x;

/** The domain module's input for a resolved item. */
export function toGradeInput(it: ResolvedItem): GradeInput {
  const label = it.matched.table1Seq ? it.matched.name : `${it.chemical} (${it.matched.hazardClass})`;
  return { quantityT: it.quantityT, criticalQuantityT: it.criticalQuantityT, beta: it.beta, label, qSource: it.qCite, betaSource: it.betaCite };
}

/**
 * Resolves request items in one query. The first unresolvable item becomes a 422 naming `${field}[i].chemical`
 * or `${field}[i].hazardClass`.
 */
export async function resolveItems(db: Queryable, items: ItemInput[], field = 'items'): Promise<ResolvedItem[]> {
  const { rows } = await db.query<LookupRow & { idx: number }>(`
    WITH i AS MATERIALIZED (
      SELECT (e.ord - 1)::int AS idx, e.elem->>'chemical' AS chemical, chem_key(e.elem->>'chemical') AS chemical_key,
             upper(nullif(btrim(e.elem->>'hazardClass'), '')) AS class_symbol
        FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(elem, ord))
    SELECT i.idx, i.chemical, i.class_symbol, ${LOOKUP_COLUMNS}
      FROM i ${LOOKUP_JOINS}
     ORDER BY i.idx`, [JSON.stringify(items)]);
  return rows.map((row) => {
    const r = resolveItem(row, items[row.idx].quantityT);
    if (isProblem(r)) throw unprocessable(r.message, `${field}[${row.idx}].${r.property}`);
    return r;
  });
}

export interface ChemicalRow {
  id: number;
  table1Seq: number | null;
  name: string;
  nameEn: string | null;
  aliases: string[];
  cas: string[];
  unNumber: string | null;
  criticalQuantityT: number;
  hazardClass: string | null;
  beta: number | null;
  betaTable: string | null;
  betaNote: string | null;
}

/** Substring search over every lookup key (for the UI's chemical picker); exact matches first. */
export async function searchChemicals(db: Queryable, q: string, limit: number): Promise<ChemicalRow[]> {
  const { rows } = await db.query<ChemicalRow>(`
    SELECT c.id, c.table1_seq AS "table1Seq", c.name, c.name_en AS "nameEn", c.aliases, c.cas, c.un_number AS "unNumber",
           c.critical_quantity_t::float8 AS "criticalQuantityT", c.hazard_class AS "hazardClass", c.beta::float8 AS beta,
           c.beta_table AS "betaTable", c.beta_note AS "betaNote"
      FROM chemicals c
     WHERE coalesce(chem_key($1), '') = ''
        OR EXISTS (SELECT 1 FROM unnest(c.match_keys) k WHERE strpos(k, chem_key($1)) > 0)
     ORDER BY (c.match_keys @> ARRAY[chem_key($1)]) DESC, c.table1_seq NULLS LAST, c.id
     LIMIT $2`, [q, limit]);
  return rows;
}

export async function listHazardClasses(db: Queryable) {
  const { rows } = await db.query(`
    SELECT symbol, category, category_en AS "categoryEn", description, critical_quantity_t::float8 AS "criticalQuantityT",
           beta::float8 AS beta, note
      FROM hazard_classes
     ORDER BY CASE WHEN symbol LIKE 'J%' THEN 0 ELSE 1 END, string_to_array(substr(symbol, 2), '.')::int[]`);
  return rows;
}
