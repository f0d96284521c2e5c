import type { Queryable } from '../geo/validate.ts';
import type { AreaClass, CheckKind, Effect, FacilityKind, SiteKind } from '../domain/safetyRules.ts';
import { RULE_COLUMNS, type RuleRow } from './rules.ts';

/**
 * The safety rule book: table `safety_rules` (geodata/migrations/003_safety_rules.sql) in memory, and which rules
 * apply to a (site, feature) pair. The spatial query (candidates.ts) finds the features and their distances; this
 * module decides the rules, so the database returns one short row per feature instead of one wide row per
 * feature × rule (the rule join cost 4 of the 9 ms of a safety-distance query at 100k targets:
 * docs/benchmarks.md).
 *
 * Matching (the rule table's columns):
 * - `min_distance` rules of the site's kind: `protected_collection` = the feature's collection, and
 *   `protected_kind` / `protected_sensitivity` equal to the feature's when set (NULL = any);
 * - `zone` rules (railway and gas pipeline protection zones) apply to every site kind: a railway's rules by its
 *   line type (`facility_subkind`) and area class (`area_class`, 《铁路安全管理条例》第二十七条); a gas pipeline's
 *   by its pressure class (`facility_subkind`, GB 55009-2021 §5.1.6);
 * - `not_inside` / `must_be_inside` rules of the site's kind are area rules (areaRules).
 *
 * The book is cached per pool and reloaded when `data_versions.version` of 'safety_rules'
 * (005_data_versions.sql) differs from the one it was read at; every analysis statement reads that counter.
 */

export interface SafetyRule {
  id: number;
  group: string;
  title: string;
  detail: string | null;
  facilityKind: FacilityKind;
  facilitySubkind: string | null;
  areaClass: AreaClass | null;
  checkKind: CheckKind;
  effect: Effect;
  protectedCollection: string | null;
  protectedKind: string | null;
  protectedSensitivity: string | null;
  requiredM: number | null;
  clause: string;
  verified: boolean;
  configurable: boolean;
  note: string | null;
}

/** What the rule book needs to know of a feature near a site. */
export interface FeatureKey {
  collection: string;
  kind: string | null;
  sensitivity: string | null;
  /** railways only: the area class of the section nearest to the site */
  areaClass: string | null;
}

export class RuleBook {
  private readonly distance = new Map<string, SafetyRule[]>();
  private readonly zone = new Map<string, SafetyRule[]>();
  private readonly area = new Map<string, SafetyRule[]>();

  /** `rules` in id order; `version` is data_versions.version of 'safety_rules' they were read at. */
  constructor(readonly version: string, readonly rules: readonly SafetyRule[]) {
    const push = (m: Map<string, SafetyRule[]>, key: string, r: SafetyRule) => {
      const list = m.get(key);
      if (list) list.push(r); else m.set(key, [r]);
    };
    for (const r of rules) {
      if (r.checkKind === 'min_distance') push(this.distance, `${r.facilityKind}|${r.protectedCollection}`, r);
      else if (r.checkKind === 'zone') push(this.zone, `${measuredCollection(r)}|${r.facilitySubkind}|${r.areaClass}`, r);
      else push(this.area, r.facilityKind, r);
    }
  }

  /** The distance and zone rules that apply to `feature` near a site of `siteKind`, in id order. */
  rulesFor(siteKind: SiteKind, feature: FeatureKey): SafetyRule[] {
    const out: SafetyRule[] = [];
    for (const r of this.distance.get(`${siteKind}|${feature.collection}`) ?? []) {
      if (r.protectedKind !== null && r.protectedKind !== feature.kind) continue;
      if (r.protectedSensitivity !== null && r.protectedSensitivity !== feature.sensitivity) continue;
      out.push(r);
    }
    // only railways carry an area class; a gas pipeline's zone rules have none (NULL on both sides)
    out.push(...(this.zone.get(`${feature.collection}|${feature.kind}|${feature.areaClass}`) ?? []));
    return out.length > 1 ? out.sort((a, b) => a.id - b.id) : out;
  }

  /** The distance and zone rules a site of `siteKind` is checked against (one line each in the siting check). */
  distanceRules(siteKind: SiteKind): SafetyRule[] {
    return this.rules.filter((r) => (r.checkKind === 'min_distance' && r.facilityKind === siteKind) || r.checkKind === 'zone');
  }

  /** `not_inside` / `must_be_inside` rules of a site kind (inside the Outer Ring Road, inside a chemical park …). */
  areaRules(siteKind: SiteKind): SafetyRule[] {
    return this.area.get(siteKind) ?? [];
  }
}

/**
 * The collection a distance or zone rule is measured against: a zone rule protects its own facility (a railway
 * line, a gas pipeline), a distance rule the protected collection it names.
 */
export function measuredCollection(r: SafetyRule): string | null {
  if (r.checkKind !== 'zone') return r.protectedCollection;
  return r.facilityKind === 'railway' ? 'railways' : 'gas_pipelines';
}

/** The counter every analysis statement selects (as text: pg returns int8 as a string anyway). */
export const RULES_VERSION_SQL = `(SELECT version::text FROM data_versions WHERE table_name = 'safety_rules')`;

const LOAD_SQL = `
SELECT v.version, ${RULE_COLUMNS}
  FROM (SELECT ${RULES_VERSION_SQL} AS version) v LEFT JOIN safety_rules ON true
 ORDER BY id`;

const books = new WeakMap<object, RuleBook>();

/**
 * The rule book at `version` (what an analysis statement just read), from the cache of `db` or read afresh.
 * The returned book's version may be newer than asked when the rules changed in between: callers compare.
 */
export async function ruleBookAt(db: Queryable, version: string | null): Promise<RuleBook> {
  const cached = books.get(db);
  if (cached && version !== null && cached.version === version) return cached;
  // LEFT JOIN: the version comes back even when the table is empty (id NULL)
  const { rows } = await db.query<RuleRow & { version: string }>(LOAD_SQL);
  const rules = rows.filter((r) => r.id !== null).map((r): SafetyRule => ({
    id: r.id, group: r.rule_group, title: r.title, detail: r.detail, facilityKind: r.facility_kind,
    facilitySubkind: r.facility_subkind, areaClass: r.area_class, checkKind: r.check_kind, effect: r.effect,
    protectedCollection: r.protected_collection, protectedKind: r.protected_kind,
    protectedSensitivity: r.protected_sensitivity, requiredM: r.required_m, clause: r.clause, verified: r.verified,
    configurable: r.configurable, note: r.note,
  }));
  const book = new RuleBook(rows[0]?.version ?? '', rules);
  books.set(db, book);
  return book;
}
