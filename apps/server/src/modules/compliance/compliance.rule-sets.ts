/** The stored rule sets of compliance (versioned data with an effective date), read by every part of the module. */
import { defaultRuleSet, ruleSetInEffect, ruleSetSchema, type RuleSet } from '@pioneer/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import * as repo from './compliance.repo.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The stored rule sets in order of effective date; the default set is stored on first use. */
export async function loadRuleSets(db: Db): Promise<Array<{ row: repo.RuleSetRow; set: RuleSet }>> {
  let rows = await repo.listRuleSets(db);
  if (rows.length === 0) {
    await repo.insertRuleSet(db, { id: newId(), version: defaultRuleSet.version, effectiveFrom: defaultRuleSet.effectiveFrom, rules: defaultRuleSet, note: '默认规则（domain.md §4）', createdBy: null });
    rows = await repo.listRuleSets(db);
  }
  return rows.map((row) => ({ row, set: ruleSetSchema.parse(row.rules) }));
}

export const loadSets = async (db: Db): Promise<RuleSet[]> => (await loadRuleSets(db)).map((r) => r.set);

/** The stored rule set in effect on a local day (credit hours, make-up deadlines and frequencies). */
export async function ruleSetOn(db: Db, day: string): Promise<RuleSet> {
  return ruleSetInEffect(await loadSets(db), day) ?? defaultRuleSet;
}
