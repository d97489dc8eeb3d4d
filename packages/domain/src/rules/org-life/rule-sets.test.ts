import { describe, expect, it } from 'vitest';
import { activityKinds } from './kinds.ts';
import { checkRuleSetAddition, defaultRuleSet, ruleSetInEffect, ruleSetSchema, type RuleSet } from './rule-sets.ts';

const clone = (): RuleSet => structuredClone(defaultRuleSet);

function issueCodes(input: unknown): Array<{ code: string; path: string }> {
  const result = ruleSetSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ code: i.message, path: i.path.join('.') }));
}

describe('defaultRuleSet', () => {
  it('passes its own schema', () => {
    expect(issueCodes(defaultRuleSet)).toEqual([]);
  });

  it('takes effect on 2019-01-01 and cites a source for every requirement', () => {
    expect(defaultRuleSet.effectiveFrom).toBe('2019-01-01');
    for (const r of defaultRuleSet.requirements) expect(r.source, r.id).toMatch(/《.+》|实践做法/);
  });

  it('says in each cited text the same frequency as its numbers (per and min), so a number cannot drift from its article', () => {
    const perWord = { month: '每月', quarter: '每季度', year: '每年' } as const;
    for (const r of defaultRuleSet.requirements) {
      // The quoted words come after the colon: "《…》第十一条：党员大会一般每季度召开1次".
      const quoted = r.source.slice(r.source.indexOf('：') + 1);
      expect(quoted, r.id).toContain(perWord[r.per]);
      expect(quoted, r.id).toMatch(new RegExp(`(?<!\\d)${r.min}次`));
    }
  });

  it('cites the articles checked against the published regulations', () => {
    const byId = Object.fromEntries(defaultRuleSet.requirements.map((r) => [r.id, r.source]));
    const branch = '《中国共产党支部工作条例（试行）》（2018年）';
    const education = '《中国共产党党员教育管理工作条例》（2019年）';
    expect(byId['member_assembly.quarterly']).toContain(`${branch}第十一条`);
    expect(byId['committee_meeting.monthly']).toContain(`${branch}第十二条`);
    expect(byId['party_group_meeting.monthly']).toContain(`${branch}第十三条`);
    expect(byId['theme_party_day.monthly']).toContain(`${education}第十六条`);
    expect(byId['org_life_meeting.yearly']).toContain(`${education}第十七条`);
    expect(byId['democratic_review.yearly']).toContain(`${education}第十八条`);
  });

  it('holds the frequencies of domain.md §4', () => {
    const byId = Object.fromEntries(defaultRuleSet.requirements.map((r) => [r.id, r]));
    expect(byId['member_assembly.quarterly']).toMatchObject({ activityKind: 'member_assembly', per: 'quarter', min: 1, appliesTo: { orgKinds: ['branch', 'general_branch'] } });
    expect(byId['committee_meeting.monthly']).toMatchObject({ per: 'month', min: 1, appliesTo: { onlyWithCommittee: true } });
    expect(byId['party_group_meeting.monthly']).toMatchObject({ per: 'month', min: 1, appliesTo: { orgKinds: ['party_group'] } });
    expect(byId['party_lesson.branch.yearly']).toMatchObject({ per: 'year', min: 4 });
    expect(byId['party_lesson.branch.yearly']!.source).toMatch(/^实践做法/);
    expect(byId['party_lesson.secretary.yearly']).toMatchObject({ per: 'year', min: 1, appliesTo: { orgKinds: ['party_committee', 'leading_party_group'] } });
    expect(byId['theme_party_day.monthly']).toMatchObject({ per: 'month', min: 1 });
    expect(byId['org_life_meeting.yearly']).toMatchObject({ per: 'year', min: 1 });
    expect(byId['democratic_review.yearly']).toMatchObject({ per: 'year', min: 1 });
    expect(byId['central_group_study.monthly']).toMatchObject({ per: 'month', min: 1, appliesTo: { onlyCentralGroup: true } });
    expect(byId['central_group_study.monthly']!.studyForm).toBeUndefined();
    expect(byId['central_group_study.discussion.quarterly']).toMatchObject({ per: 'quarter', min: 1, studyForm: 'discussion', appliesTo: { onlyCentralGroup: true } });
  });

  it('has a credit entry for every activity kind, none for business meetings', () => {
    expect(Object.keys(defaultRuleSet.creditHours).sort()).toEqual([...activityKinds].sort());
    expect(defaultRuleSet.creditHours.committee_meeting).toBeNull();
    expect(defaultRuleSet.creditHours.party_lesson).toBeGreaterThan(0);
  });
});

describe('ruleSetSchema', () => {
  it('rejects two requirements with the same id and points at the second', () => {
    const set = clone();
    set.requirements.push({ ...set.requirements[0]! });
    expect(issueCodes(set)).toEqual([{ code: 'RULE_REQUIREMENT_ID_DUPLICATE', path: `requirements.${set.requirements.length - 1}.id` }]);
  });

  it('rejects a negative, fractional or absurd minimum but accepts 0 (a requirement switched off)', () => {
    for (const min of [-1, 1.5, 400]) {
      const set = clone();
      set.requirements[0]!.min = min;
      expect(issueCodes(set), String(min)).toEqual([{ code: 'RULE_REQUIREMENT_MIN_INVALID', path: 'requirements.0.min' }]);
    }
    const off = clone();
    off.requirements[0]!.min = 0;
    expect(issueCodes(off)).toEqual([]);
  });

  it('rejects a requirement that applies to no kind of organisation or cites no source', () => {
    const set = clone();
    set.requirements[1]!.appliesTo.orgKinds = [];
    set.requirements[2]!.source = '   ';
    expect(issueCodes(set)).toEqual([
      { code: 'RULE_REQUIREMENT_ORG_KINDS_EMPTY', path: 'requirements.1.appliesTo.orgKinds' },
      { code: 'RULE_REQUIREMENT_SOURCE_REQUIRED', path: 'requirements.2.source' },
    ]);
  });

  it('rejects ids that are not lower-case slugs', () => {
    const set = clone();
    set.requirements[0]!.id = 'Member Assembly';
    expect(issueCodes(set)).toEqual([{ code: 'RULE_REQUIREMENT_ID_FORMAT', path: 'requirements.0.id' }]);
  });

  it('rejects an impossible effective date and an empty version', () => {
    const set = { ...clone(), effectiveFrom: '2026-02-29', version: ' ' };
    expect(issueCodes(set)).toEqual([
      { code: 'RULE_SET_VERSION_REQUIRED', path: 'version' },
      { code: 'RULE_SET_EFFECTIVE_DATE_INVALID', path: 'effectiveFrom' },
    ]);
  });

  it('rejects credit hours above a day, negative, or not in half hours; accepts null', () => {
    for (const h of [9, -1, 1.3]) {
      const set = clone();
      set.creditHours.party_lesson = h;
      expect(issueCodes(set), String(h)).toEqual([{ code: 'RULE_CREDIT_HOURS_INVALID', path: 'creditHours.party_lesson' }]);
    }
    const set = clone();
    set.creditHours.party_lesson = null;
    set.creditHours.theme_party_day = 1.5;
    expect(issueCodes(set)).toEqual([]);
  });

  it('requires a credit entry for every activity kind', () => {
    const { theme_party_day: _dropped, ...creditHours } = defaultRuleSet.creditHours;
    const result = ruleSetSchema.safeParse({ ...clone(), creditHours });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['creditHours', 'theme_party_day']);
  });

  it('rejects a make-up deadline of zero days or a fraction', () => {
    for (const d of [0, 2.5]) expect(issueCodes({ ...clone(), makeupDueDays: d })).toEqual([{ code: 'RULE_MAKEUP_DUE_DAYS_INVALID', path: 'makeupDueDays' }]);
  });
});

describe('ruleSetInEffect', () => {
  const v1 = { ...clone(), version: 'v1', effectiveFrom: '2019-01-01' };
  const v2 = { ...clone(), version: 'v2', effectiveFrom: '2026-07-01' };

  it('picks the latest set effective on or before the day, whatever the list order', () => {
    expect(ruleSetInEffect([v2, v1], '2026-06-30')?.version).toBe('v1');
    expect(ruleSetInEffect([v2, v1], '2026-07-01')?.version).toBe('v2');
    expect(ruleSetInEffect([v1, v2], '2027-01-01')?.version).toBe('v2');
  });

  it('answers null for a day before every set, or with no sets', () => {
    expect(ruleSetInEffect([v1, v2], '2018-12-31')).toBeNull();
    expect(ruleSetInEffect([], '2026-01-01')).toBeNull();
  });

  it('refuses a malformed day rather than comparing strings that are not dates', () => {
    expect(() => ruleSetInEffect([v1], '2026-7-1')).toThrow(RangeError);
  });
});

describe('checkRuleSetAddition', () => {
  const existing = [defaultRuleSet];
  const candidate = (over: Partial<RuleSet> = {}): RuleSet => ({ ...clone(), version: '2027.1', effectiveFrom: '2027-01-01', ...over });

  it('accepts a new version taking effect after today', () => {
    expect(checkRuleSetAddition({ existing, candidate: candidate(), today: '2026-11-30' })).toEqual([]);
  });

  it('refuses a set taking effect today or earlier, because it would rewrite verdicts already given', () => {
    expect(checkRuleSetAddition({ existing, candidate: candidate({ effectiveFrom: '2026-11-30' }), today: '2026-11-30' })).toEqual([{ code: 'RULE_SET_EFFECTIVE_NOT_FUTURE', path: 'effectiveFrom' }]);
    expect(checkRuleSetAddition({ existing, candidate: candidate({ effectiveFrom: '2026-01-01' }), today: '2026-11-30' })).toEqual([{ code: 'RULE_SET_EFFECTIVE_NOT_FUTURE', path: 'effectiveFrom' }]);
  });

  it('refuses a version or an effective day already taken', () => {
    const problems = checkRuleSetAddition({ existing, candidate: candidate({ version: defaultRuleSet.version, effectiveFrom: defaultRuleSet.effectiveFrom }), today: '2018-01-01' });
    expect(problems).toEqual([
      { code: 'RULE_SET_VERSION_DUPLICATE', path: 'version' },
      { code: 'RULE_SET_EFFECTIVE_DATE_DUPLICATE', path: 'effectiveFrom' },
    ]);
  });

  it('refuses reusing a requirement id for another granularity or form, but allows changing its minimum', () => {
    const changed = candidate();
    changed.requirements[0] = { ...changed.requirements[0]!, per: 'month' };
    changed.requirements[1] = { ...changed.requirements[1]!, min: 2 };
    changed.requirements[9] = { ...changed.requirements[9]!, studyForm: 'tutorial' };
    expect(checkRuleSetAddition({ existing, candidate: changed, today: '2026-11-30' })).toEqual([
      { code: 'RULE_REQUIREMENT_REDEFINED', path: 'requirements.0.id' },
      { code: 'RULE_REQUIREMENT_REDEFINED', path: 'requirements.9.id' },
    ]);
  });
});
