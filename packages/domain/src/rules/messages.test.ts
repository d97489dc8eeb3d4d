import { describe, expect, it } from 'vitest';
import { checkIdNumber, checkIdNumberAgainstRecord, idNumberCheckDigit } from './id-number.ts';
import { checkMembershipDates, type PersonCategory } from './membership.ts';
import { isRuleCode, ruleMessages } from './messages.ts';
import { checkOrgPlacement, orgKinds } from './org-tree.ts';
import { checkPassword } from './password-policy.ts';
import { checkPhone } from './phone.ts';
import { parseFlexibleDate } from './dates.ts';
import { checkCommitteeQuorum, checkMotion, checkQuorum } from './org-life/meeting-rules.ts';
import { recurrenceSchema } from './org-life/recurrence.ts';
import { checkRuleSetAddition, defaultRuleSet, ruleSetSchema, type RuleSet } from './org-life/rule-sets.ts';

/**
 * Drives every rule through inputs that produce each of its error codes, so that a code added to
 * a rule without a message fails here even if someone widens the RuleCode type by hand.
 */
function codesProducedByRules(): Set<string> {
  const today = '2025-06-15';
  const codes = new Set<string>();
  const add = (r: { ok: boolean; code?: string }) => {
    if (!r.ok && r.code) codes.add(r.code);
  };

  const valid = (first17: string) => first17 + idNumberCheckDigit(first17);
  for (const id of ['123', '11O105199001011232', valid('11010519990230123'), '110105199001011234']) {
    add(checkIdNumber(id, today));
  }
  for (const code of checkIdNumberAgainstRecord(
    { birthDate: '1990-01-01', sex: 'male', regionCode: '110105' },
    { birthDate: '1991-01-01', sex: 'female' },
  )) {
    codes.add(code);
  }

  add(checkPhone('12345'));
  add(parseFlexibleDate('2019-02-30'));
  for (const code of checkPassword('zhangsan', 'nasgnahz')) codes.add(code);
  for (const code of checkPassword('abc', 'abc')) codes.add(code);

  const cases: Array<[PersonCategory, string, string | null, string | null]> = [
    ['full', '1990-01-01', null, null],
    ['full', '1990-01-01', '2015-02-30', '2016/01/01'],
    ['full', '1990-01-01', '2026-01-01', null],
    ['full', '2000-01-01', '2010-01-01', '2011-01-01'],
    ['full', '1990-01-01', '2020-01-01', '2019-01-01'],
    ['full', '1990-01-01', '2020-01-01', '2020-06-01'],
    ['full', '1990-01-01', '2024-06-01', '2026-01-01'],
    ['probationary', '1990-01-01', '2024-07-01', '2025-01-01'],
    ['activist', '1990-01-01', '2024-07-01', null],
  ];
  for (const [category, birthDate, joinedOn, confirmedOn] of cases) {
    for (const e of checkMembershipDates({ category, birthDate, joinedOn, confirmedOn, today })) codes.add(e.code);
  }

  for (const parent of [null, ...orgKinds]) {
    for (const child of orgKinds) {
      const code = checkOrgPlacement(parent, child);
      if (code) codes.add(code);
    }
  }

  // Rule sets report their codes as zod issue messages; a broken copy of the default set
  // triggers each one, and a clashing addition the history checks.
  const broken = structuredClone(defaultRuleSet) as RuleSet;
  broken.version = ' ';
  broken.effectiveFrom = '2026-02-30';
  broken.requirements[0]!.id = 'Bad Id';
  broken.requirements[1]!.id = broken.requirements[2]!.id;
  broken.requirements[3]!.appliesTo.orgKinds = [];
  broken.requirements[4]!.min = -1;
  broken.requirements[5]!.source = '';
  broken.creditHours.party_lesson = 9;
  broken.makeupDueDays = 0;
  const parsed = ruleSetSchema.safeParse(broken);
  for (const issue of parsed.success ? [] : parsed.error.issues) codes.add(issue.message);
  const redefined = structuredClone(defaultRuleSet);
  redefined.requirements[0] = { ...redefined.requirements[0]!, per: 'month' };
  for (const p of checkRuleSetAddition({ existing: [defaultRuleSet], candidate: redefined, today: '2026-01-01' })) codes.add(p.code);

  for (const q of [checkQuorum({ votingMembers: 4, presentVoting: 2 }), checkQuorum({ votingMembers: 4, presentVoting: 5 }), checkQuorum({ votingMembers: -1, presentVoting: 0 })]) {
    if (q) codes.add(q);
  }
  const committee = checkCommitteeQuorum({ committeeMembers: 4, presentMembers: 2 });
  if (committee) codes.add(committee);
  const motion = checkMotion({ shouldAttend: 4, presentVoting: 3, ayes: 3, nays: 1, abstentions: 0 }).problem;
  if (motion) codes.add(motion);
  const recurrence = recurrenceSchema.safeParse({ freq: 'yearly', month: 2, day: 30 });
  for (const issue of recurrence.success ? [] : recurrence.error.issues) codes.add(issue.message);
  return codes;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ruleMessages', () => {
  const produced = codesProducedByRules();

  it('has a message for every code the rules produce', () => {
    const missing = [...produced].filter((code) => !isRuleCode(code));
    expect(missing).toEqual([]);
  });

  it('has no message for a code that no rule produces, so stale entries get noticed', () => {
    const unused = Object.keys(ruleMessages).filter((code) => !produced.has(code));
    expect(unused).toEqual([]);
  });

  it('gives every code a Chinese and an English message that are not empty', () => {
    for (const [code, message] of Object.entries(ruleMessages)) {
      expect(message['zh-CN'].trim(), code).not.toBe('');
      expect(message.en.trim(), code).not.toBe('');
      expect(message['zh-CN'], `${code} zh-CN should be written in Chinese`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the same placeholders in both languages, so neither shows a raw {name}', () => {
    for (const [code, message] of Object.entries(ruleMessages)) {
      expect(placeholders(message['zh-CN']), code).toEqual(placeholders(message.en));
    }
  });

  it('answers isRuleCode for known codes only, not for inherited object keys', () => {
    expect(isRuleCode('ID_NUMBER_CHECK_DIGIT')).toBe(true);
    expect(isRuleCode('NOT_A_CODE')).toBe(false);
    expect(isRuleCode('toString')).toBe(false);
  });
});
