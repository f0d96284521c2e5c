import { describe, expect, it } from 'vitest';
import { RuleBook, ruleBookAt, type SafetyRule } from '../src/planning/ruleBook.ts';
import { db } from './helpers.ts';

/**
 * The rule book decides which rows of `safety_rules` apply to a (site, feature) pair — the join the analysis SQL
 * used to do. Pure cases on a hand-made book, then the real table (003_safety_rules.sql) on the test database.
 */

let nextId = 1;
function rule(r: Partial<SafetyRule> & Pick<SafetyRule, 'group' | 'facilityKind' | 'checkKind'>): SafetyRule {
  return {
    id: nextId++, title: r.group, detail: null, facilitySubkind: null, areaClass: null, effect: 'prohibited',
    protectedCollection: null, protectedKind: null, protectedSensitivity: null, requiredM: null, clause: '§',
    verified: false, configurable: true, note: null, ...r,
  };
}

const school19 = rule({ group: 'hc19_2', facilityKind: 'hazard_source', checkKind: 'min_distance',
  protectedCollection: 'protected_targets', protectedKind: 'school' });
const anyHigh = rule({ group: 'gb36894_high', facilityKind: 'hazard_source', checkKind: 'min_distance',
  protectedCollection: 'protected_targets', protectedSensitivity: 'high' });
const storageSchool = rule({ group: 'hc19_2', facilityKind: 'hazmat_storage', checkKind: 'min_distance',
  protectedCollection: 'protected_targets', protectedKind: 'school' });
const railAny = rule({ group: 'hc19_4', facilityKind: 'hazard_source', checkKind: 'min_distance', protectedCollection: 'railways' });
const railUrban = rule({ group: 'rail27', facilityKind: 'railway', checkKind: 'zone', facilitySubkind: 'high_speed',
  areaClass: 'urban', requiredM: 10, verified: true, configurable: false });
const railOther = rule({ group: 'rail27', facilityKind: 'railway', checkKind: 'zone', facilitySubkind: 'high_speed',
  areaClass: 'other', requiredM: 20, verified: true, configurable: false });
const gasHigh = rule({ group: 'gas_gb55009', facilityKind: 'gas_pipeline', checkKind: 'zone', facilitySubkind: '高压A',
  requiredM: 5, verified: true, configurable: false });
const ring = rule({ group: 'outer_ring', facilityKind: 'hazard_source', checkKind: 'not_inside',
  protectedCollection: 'planning_areas', protectedKind: 'outer_ring_inside' });
const book = new RuleBook('7', [school19, anyHigh, storageSchool, railAny, railUrban, railOther, gasHigh, ring]);

const ids = (rules: SafetyRule[]) => rules.map((r) => r.id);

describe('rule book (pure)', () => {
  it('matches distance rules by site kind, collection, kind and sensitivity', () => {
    const school = { collection: 'protected_targets', kind: 'school', sensitivity: 'high', areaClass: null };
    expect(ids(book.rulesFor('hazard_source', school))).toEqual([school19.id, anyHigh.id]);
    expect(ids(book.rulesFor('hazmat_storage', school))).toEqual([storageSchool.id]);
    // a general-sensitivity school: only the kind rule
    expect(ids(book.rulesFor('hazard_source', { ...school, sensitivity: 'general' }))).toEqual([school19.id]);
    // a target with no sensitivity never matches a rule that names one
    expect(ids(book.rulesFor('hazard_source', { ...school, kind: 'hospital', sensitivity: null }))).toEqual([]);
    expect(book.rulesFor('gas_station', school)).toEqual([]);
  });

  it('applies zone rules to every site kind by line type, area class and pressure class', () => {
    const urban = { collection: 'railways', kind: 'high_speed', sensitivity: null, areaClass: 'urban' };
    expect(ids(book.rulesFor('hazard_source', urban))).toEqual([railAny.id, railUrban.id]);
    expect(ids(book.rulesFor('gas_station', { ...urban, areaClass: 'other' }))).toEqual([railOther.id]);
    expect(ids(book.rulesFor('gas_station', { ...urban, kind: 'other' }))).toEqual([]);
    const pipe = { collection: 'gas_pipelines', kind: '高压A', sensitivity: null, areaClass: null };
    expect(ids(book.rulesFor('chemical_plant', pipe))).toEqual([gasHigh.id]);
    expect(ids(book.rulesFor('chemical_plant', { ...pipe, kind: '低压' }))).toEqual([]);
  });

  it('lists a kind\'s distance rules (with every zone rule) and its area rules', () => {
    expect(ids(book.distanceRules('hazard_source'))).toEqual([school19.id, anyHigh.id, railAny.id, railUrban.id, railOther.id, gasHigh.id]);
    expect(ids(book.areaRules('hazard_source'))).toEqual([ring.id]);
    expect(book.areaRules('gas_station')).toEqual([]);
  });
});

describe('rule book (database)', () => {
  it('is read once per rules version and re-read when safety_rules changes, whoever changes it', async () => {
    const pool = db();
    const version = async () => (await pool.query<{ v: string }>(
      `SELECT version::text AS v FROM data_versions WHERE table_name = 'safety_rules'`)).rows[0].v;
    const v1 = await version();
    const first = await ruleBookAt(pool, v1);
    expect(first.version).toBe(v1);
    expect(first.rules.length).toBeGreaterThanOrEqual(86);
    expect(await ruleBookAt(pool, v1)).toBe(first); // cached
    // a no-op UPDATE from "psql" still bumps the version (per statement trigger, 005_data_versions.sql)
    await pool.query(`UPDATE safety_rules SET note = note WHERE code = 'rail27_other_urban'`);
    const v2 = await version();
    expect(BigInt(v2)).toBe(BigInt(v1) + 1n);
    const second = await ruleBookAt(pool, v2);
    expect(second).not.toBe(first);
    expect(second.version).toBe(v2);
    // the real table: a high-speed line in the city (城市市区) has a 10 m protection zone (《铁路安全管理条例》第二十七条)
    const zone = second.rulesFor('hazard_source', { collection: 'railways', kind: 'high_speed', sensitivity: null, areaClass: 'urban' })
      .filter((r) => r.group === 'rail27');
    expect(zone.map((r) => r.requiredM)).toEqual([10]);
  });
});
