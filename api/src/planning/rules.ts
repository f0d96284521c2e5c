import type pg from 'pg';
import type { Queryable } from '../geo/validate.ts';
import { ApiError, notFound } from '../errors.ts';
import { withTransaction, writeAudit } from '../db/transaction.ts';
import { verificationLabel, type AreaClass, type CheckKind, type Effect, type FacilityKind } from '../domain/safetyRules.ts';

/** SQL and row mapping for table `safety_rules` (geodata/migrations/003_safety_rules.sql). */

/** Every column of `safety_rules`, numbers as float8: the rules API and the rule book (ruleBook.ts) read the same. */
export const RULE_COLUMNS = `id, code, rule_group, title, title_en, detail, facility_kind, facility_subkind, area_class, check_kind,
  effect, protected_collection, protected_kind, protected_sensitivity, required_m::float8 AS required_m, clause,
  verified, configurable, source, note, configured_by, configured_at, configured_source, updated_at`;

export interface RuleRow {
  id: number; code: string; rule_group: string; title: string; title_en: string; detail: string | null;
  facility_kind: FacilityKind; facility_subkind: string | null; area_class: AreaClass | null; check_kind: CheckKind;
  effect: Effect;
  protected_collection: string | null; protected_kind: string | null; protected_sensitivity: string | null;
  required_m: number | null; clause: string; verified: boolean; configurable: boolean; source: string | null;
  note: string | null; configured_by: string | null; configured_at: Date | null; configured_source: string | null;
  updated_at: Date;
}

function toJson(r: RuleRow) {
  const distanceRule = r.check_kind === 'min_distance' || r.check_kind === 'zone';
  return {
    id: r.id, code: r.code, group: r.rule_group, title: r.title, titleEn: r.title_en, detail: r.detail,
    facilityKind: r.facility_kind, facilitySubkind: r.facility_subkind, areaClass: r.area_class, check: r.check_kind,
    effect: r.effect, protectedCollection: r.protected_collection, protectedKind: r.protected_kind,
    protectedSensitivity: r.protected_sensitivity, requiredM: r.required_m, clause: r.clause, verified: r.verified,
    configurable: r.configurable, verification: verificationLabel(r.verified),
    state: !distanceRule ? 'area' : r.required_m === null ? 'not_configured' : r.configured_at ? 'configured' : 'seeded',
    source: r.source, note: r.note,
    configured: r.configured_at ? { by: r.configured_by, at: r.configured_at.toISOString(), source: r.configured_source } : null,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listRules(db: Queryable, facilityKind: string | null) {
  const { rows } = await db.query<RuleRow>(
    `SELECT ${RULE_COLUMNS} FROM safety_rules WHERE ($1::text IS NULL OR facility_kind = $1) ORDER BY id`, [facilityKind]);
  return rows.map(toJson);
}

/**
 * Sets the distance of a configurable rule (one whose number is missing or unverified). Verified statutory values
 * are refused (409). Runs in one transaction with its audit_log entry.
 */
export async function configureRule(pool: pg.Pool, id: number, requiredM: number | null, source: string | null,
                                    username: string) {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM safety_rules WHERE id = $1 FOR UPDATE`, [id]);
    const before = rows[0];
    if (!before) throw notFound(`no safety rule with id ${id}`);
    if (!before.configurable) {
      throw new ApiError(409, 'not_configurable', before.verified
        ? `规则 ${id} 的距离来自已核实条文（${before.clause}），不可修改 (verified statutory value)`
        : `规则 ${id} 是范围判定规则，没有距离可配置 (area rule: no distance to configure)`, 'requiredM');
    }
    const { rows: after } = await client.query<RuleRow>(
      `UPDATE safety_rules SET required_m = $2, configured_by = $3, configured_at = now(), configured_source = $4
        WHERE id = $1 RETURNING ${RULE_COLUMNS}`, [id, requiredM, username, source]);
    await writeAudit(client, { username, action: 'update', collection: 'safety_rules', featureId: id,
      before: { requiredM: before.required_m, source: before.configured_source },
      after: { requiredM, source } });
    return toJson(after[0]);
  });
}
