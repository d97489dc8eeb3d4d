import { describe, expect, it } from 'vitest';
import { evaluateCompliance, requirementApplies, summarise, verdictText, type ActivityCount, type ComplianceOrg, type Verdict } from './compliance.ts';
import type { ActivityKind, StudyForm } from './kinds.ts';
import { defaultRuleSet, type RuleSet } from './rule-sets.ts';
import { parsePeriodKey, type Period } from './periods.ts';

const P = (key: string): Period => parsePeriodKey(key)!;
const branch: ComplianceOrg = { kind: 'branch', hasCommittee: true, ownsCentralGroup: false, establishedOn: '2010-01-01' };
const c = (month: string, activityKind: ActivityKind, count = 1, studyForm: StudyForm | null = null): ActivityCount => ({ month, activityKind, studyForm, count });

function verdicts(period: string, counts: ActivityCount[] = [], org: ComplianceOrg = branch, ruleSets: RuleSet[] = [defaultRuleSet]) {
  return evaluateCompliance({ org, period: P(period), ruleSets, counts });
}
const find = (vs: Verdict[], id: string) => vs.find((v) => v.requirementId === id);

/** A later set that doubles the assembly and theme-day minimums. */
function doubled(effectiveFrom: string, version = '2026.2'): RuleSet {
  const set = structuredClone(defaultRuleSet);
  set.version = version;
  set.effectiveFrom = effectiveFrom;
  for (const r of set.requirements) if (r.id === 'member_assembly.quarterly' || r.id === 'theme_party_day.monthly') r.min = 2;
  return set;
}

describe('evaluateCompliance: a quarter for a branch', () => {
  it('reports a quarter without an assembly as NONE_HELD, 0/1, citing the article', () => {
    const v = find(verdicts('2026-Q3'), 'member_assembly.quarterly')!;
    expect(v).toMatchObject({ activityKind: 'member_assembly', per: 'quarter', required: 1, done: 0, met: false, reason: 'NONE_HELD', shortPeriods: [{ period: P('2026-Q3'), required: 1, done: 0 }], ruleSetVersions: ['2019.1'] });
    expect(v.source).toContain('支部工作条例');
    expect(verdictText(v, P('2026-Q3'), 'zh-CN')).toBe('2026年第三季度 支部党员大会 0/1 次');
    expect(verdictText(v, P('2026-Q3'), 'en')).toBe('Q3 2026 member assembly 0/1');
  });

  it('meets the assembly with one held in any month of the quarter, and counts extra ones', () => {
    expect(find(verdicts('2026-Q3', [c('2026-09', 'member_assembly')]), 'member_assembly.quarterly')).toMatchObject({ required: 1, done: 1, met: true, reason: null, shortPeriods: [] });
    expect(find(verdicts('2026-Q3', [c('2026-07', 'member_assembly', 2)]), 'member_assembly.quarterly')).toMatchObject({ done: 2, met: true });
  });

  it('ignores activities of other months, and adds up repeated rows', () => {
    const vs = verdicts('2026-Q3', [c('2026-06', 'member_assembly'), c('2026-10', 'member_assembly'), c('2026-08', 'theme_party_day'), c('2026-08', 'theme_party_day', 2)]);
    expect(find(vs, 'member_assembly.quarterly')).toMatchObject({ done: 0, met: false });
    expect(find(vs, 'theme_party_day.monthly')).toMatchObject({ done: 3 });
  });

  it('needs 3 for a monthly requirement over a quarter, one in each month', () => {
    const spread = verdicts('2026-Q3', [c('2026-07', 'theme_party_day'), c('2026-08', 'theme_party_day'), c('2026-09', 'theme_party_day')]);
    expect(find(spread, 'theme_party_day.monthly')).toMatchObject({ per: 'month', required: 3, done: 3, met: true });
    expect(find(spread, 'committee_meeting.monthly')).toMatchObject({ required: 3, done: 0, reason: 'NONE_HELD' });
  });

  it('does not let three theme days in July cover August and September, and says which months were missed', () => {
    const v = find(verdicts('2026-Q3', [c('2026-07', 'theme_party_day', 3)]), 'theme_party_day.monthly')!;
    expect(v).toMatchObject({ required: 3, done: 3, met: false, reason: 'TOO_FEW' });
    expect(v.shortPeriods).toEqual([
      { period: P('2026-08'), required: 1, done: 0 },
      { period: P('2026-09'), required: 1, done: 0 },
    ]);
    expect(verdictText(v, P('2026-Q3'), 'zh-CN')).toBe('2026年第三季度 主题党日 3/3 次（2026年8月 0/1，2026年9月 0/1）');
    expect(verdictText(v, P('2026-Q3'), 'en')).toBe('Q3 2026 theme party day 3/3 (August 2026 0/1, September 2026 0/1)');
  });

  it('needs 12 for a monthly requirement over a year', () => {
    const counts = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((m) => c(`2026-${m}`, 'theme_party_day'));
    const v = find(verdicts('2026', counts), 'theme_party_day.monthly')!;
    expect(v).toMatchObject({ required: 12, done: 11, met: false, reason: 'TOO_FEW', shortPeriods: [{ period: P('2026-12'), required: 1, done: 0 }] });
    expect(find(verdicts('2026'), 'member_assembly.quarterly')).toMatchObject({ required: 4 });
  });

  it('omits requirements coarser than the period: no assembly or party lessons in a month, no yearly ones in a quarter', () => {
    const month = verdicts('2026-07').map((v) => v.requirementId);
    expect(month).toEqual(['committee_meeting.monthly', 'theme_party_day.monthly']);
    const quarter = verdicts('2026-Q3').map((v) => v.requirementId);
    expect(quarter).toEqual(['member_assembly.quarterly', 'committee_meeting.monthly', 'theme_party_day.monthly']);
    const year = verdicts('2026').map((v) => v.requirementId);
    expect(year).toEqual(['member_assembly.quarterly', 'committee_meeting.monthly', 'party_lesson.branch.yearly', 'theme_party_day.monthly', 'org_life_meeting.yearly', 'democratic_review.yearly']);
  });
});

describe('evaluateCompliance: which requirements apply', () => {
  it('asks committee meetings only of branches that have a committee', () => {
    expect(find(verdicts('2026-Q3', [], { ...branch, hasCommittee: false }), 'committee_meeting.monthly')).toBeUndefined();
    expect(find(verdicts('2026-Q3', [], { ...branch, kind: 'general_branch' }), 'committee_meeting.monthly')).toMatchObject({ required: 3 });
    expect(find(verdicts('2026-Q3', [], { ...branch, kind: 'general_branch' }), 'theme_party_day.monthly')).toBeUndefined();
  });

  it('asks party-group meetings of party groups only', () => {
    const group: ComplianceOrg = { kind: 'party_group', hasCommittee: false, ownsCentralGroup: false, establishedOn: null };
    expect(verdicts('2026-Q3', [c('2026-07', 'party_group_meeting')], group).map((v) => [v.requirementId, v.done, v.required])).toEqual([['party_group_meeting.monthly', 1, 3]]);
  });

  it('asks central-group study only of committees that run a central group', () => {
    const committee: ComplianceOrg = { kind: 'leading_party_group', hasCommittee: false, ownsCentralGroup: false, establishedOn: null };
    expect(verdicts('2026', [], committee).map((v) => v.requirementId)).toEqual(['party_lesson.secretary.yearly']);
    expect(verdicts('2026', [], { ...committee, ownsCentralGroup: true }).map((v) => v.requirementId)).toEqual(['party_lesson.secretary.yearly', 'central_group_study.monthly', 'central_group_study.discussion.quarterly']);
    expect(verdicts('2026-Q3', [], { ...branch, ownsCentralGroup: true }).some((v) => v.activityKind === 'central_group_study')).toBe(false);
  });

  it('counts only discussions toward the discussion requirement, but every form toward the monthly study', () => {
    const committee: ComplianceOrg = { kind: 'party_committee', hasCommittee: true, ownsCentralGroup: true, establishedOn: null };
    const counts = [c('2026-07', 'central_group_study', 1, 'collective_study'), c('2026-08', 'central_group_study', 1, 'tutorial'), c('2026-09', 'central_group_study', 1, null)];
    const vs = verdicts('2026-Q3', counts, committee);
    expect(find(vs, 'central_group_study.monthly')).toMatchObject({ done: 3, met: true });
    const discussion = find(vs, 'central_group_study.discussion.quarterly')!;
    expect(discussion).toMatchObject({ studyForm: 'discussion', done: 0, met: false, reason: 'NONE_HELD' });
    expect(verdictText(discussion, P('2026-Q3'), 'zh-CN')).toBe('2026年第三季度 理论学习中心组学习（研讨交流） 0/1 次');
    expect(verdictText(discussion, P('2026-Q3'), 'en')).toBe('Q3 2026 central group study (discussion) 0/1');

    const withDiscussion = verdicts('2026-Q3', [...counts, c('2026-09', 'central_group_study', 1, 'discussion')], committee);
    expect(find(withDiscussion, 'central_group_study.discussion.quarterly')).toMatchObject({ done: 1, met: true });
    expect(find(withDiscussion, 'central_group_study.monthly')).toMatchObject({ done: 4, met: true });
  });

  it('checks the applicability flags one by one', () => {
    const r = defaultRuleSet.requirements.find((x) => x.id === 'committee_meeting.monthly')!;
    expect(requirementApplies({ kind: 'branch', hasCommittee: true, ownsCentralGroup: false }, r)).toBe(true);
    expect(requirementApplies({ kind: 'branch', hasCommittee: false, ownsCentralGroup: false }, r)).toBe(false);
    expect(requirementApplies({ kind: 'party_committee', hasCommittee: true, ownsCentralGroup: false }, r)).toBe(false);
  });
});

describe('evaluateCompliance: organisations founded or deactivated inside a period (pro rata)', () => {
  const founded = (on: string): ComplianceOrg => ({ ...branch, establishedOn: on });

  it('owes the full count when founded on the first day of the quarter', () => {
    expect(find(verdicts('2026-Q3', [], founded('2026-07-01')), 'member_assembly.quarterly')).toMatchObject({ required: 1 });
  });

  it('owes no assembly for a quarter it did not live through entirely', () => {
    expect(find(verdicts('2026-Q3', [], founded('2026-07-02')), 'member_assembly.quarterly')).toMatchObject({ required: 0, met: true, reason: null });
    // Only the last 10 days of the quarter.
    expect(find(verdicts('2026-Q3', [], founded('2026-09-21')), 'member_assembly.quarterly')).toMatchObject({ required: 0, done: 0, met: true });
  });

  it('owes monthly meetings only for the whole months it existed', () => {
    expect(find(verdicts('2026-Q3', [], founded('2026-08-01')), 'theme_party_day.monthly')).toMatchObject({ required: 2 });
    expect(find(verdicts('2026-Q3', [], founded('2026-08-02')), 'theme_party_day.monthly')).toMatchObject({ required: 1, shortPeriods: [{ period: P('2026-09'), required: 1, done: 0 }] });
  });

  it('scales yearly counts: founded on 1 April it owes 3 of 4 party lessons, on 2 July 2', () => {
    expect(find(verdicts('2026', [], founded('2026-04-01')), 'party_lesson.branch.yearly')).toMatchObject({ required: 3 });
    expect(find(verdicts('2026', [], founded('2026-07-02')), 'party_lesson.branch.yearly')).toMatchObject({ required: 2 });
    expect(find(verdicts('2026', [], founded('2026-12-20')), 'org_life_meeting.yearly')).toMatchObject({ required: 0, met: true });
  });

  it('owes the quarter when deactivated on its last day, and less when deactivated earlier', () => {
    const until = (on: string): ComplianceOrg => ({ ...branch, deactivatedOn: on });
    expect(find(verdicts('2026-Q3', [], until('2026-09-30')), 'member_assembly.quarterly')).toMatchObject({ required: 1 });
    expect(find(verdicts('2026-Q3', [], until('2026-09-29')), 'member_assembly.quarterly')).toMatchObject({ required: 0 });
    expect(find(verdicts('2026-Q3', [], until('2026-08-15')), 'theme_party_day.monthly')).toMatchObject({ required: 1 });
  });

  it('judges nothing for a period in which the organisation did not exist', () => {
    expect(verdicts('2026-Q3', [], founded('2026-10-01'))).toEqual([]);
    expect(verdicts('2026-Q3', [], { ...branch, deactivatedOn: '2026-06-30' })).toEqual([]);
  });

  it('treats an unknown founding date as always existing', () => {
    expect(find(verdicts('2026-Q1', [], { ...branch, establishedOn: null }), 'member_assembly.quarterly')).toMatchObject({ required: 1 });
  });
});

describe('evaluateCompliance: rule-set changes never rewrite history', () => {
  const v2 = doubled('2026-07-01');

  it('leaves the verdicts of H1 exactly as they were before the new set existed', () => {
    const counts = [c('2026-02', 'member_assembly'), c('2026-05', 'member_assembly'), c('2026-04', 'theme_party_day'), c('2026-05', 'theme_party_day')];
    for (const period of ['2026-Q1', '2026-Q2', '2026-03', '2026-06']) {
      expect(verdicts(period, counts, branch, [defaultRuleSet, v2]), period).toEqual(verdicts(period, counts, branch, [defaultRuleSet]));
    }
  });

  it('judges H2 by the new set', () => {
    const vs = verdicts('2026-Q3', [c('2026-08', 'member_assembly')], branch, [defaultRuleSet, v2]);
    expect(find(vs, 'member_assembly.quarterly')).toMatchObject({ required: 2, done: 1, met: false, reason: 'TOO_FEW', ruleSetVersions: ['2026.2'] });
    expect(find(vs, 'theme_party_day.monthly')).toMatchObject({ required: 6 });
  });

  it('adds up a year judged by two sets: old numbers for H1, new ones for H2', () => {
    const vs = verdicts('2026', [], branch, [v2, defaultRuleSet]);
    expect(find(vs, 'member_assembly.quarterly')).toMatchObject({ required: 1 + 1 + 2 + 2, ruleSetVersions: ['2019.1', '2026.2'] });
    expect(find(vs, 'theme_party_day.monthly')).toMatchObject({ required: 6 * 1 + 6 * 2 });
    // A yearly requirement over a year is judged by the set in effect on 1 January.
    expect(find(vs, 'party_lesson.branch.yearly')).toMatchObject({ required: 4, ruleSetVersions: ['2019.1'] });
  });

  it('keeps a sub-period already under way on its old rules when a set takes effect mid-month', () => {
    const midAugust = doubled('2026-08-15');
    const vs = verdicts('2026-Q3', [], branch, [defaultRuleSet, midAugust]);
    expect(find(vs, 'member_assembly.quarterly')).toMatchObject({ required: 1, ruleSetVersions: ['2019.1'] });
    expect(find(vs, 'theme_party_day.monthly')).toMatchObject({ required: 1 + 1 + 2, ruleSetVersions: ['2019.1', '2026.2'] });
    expect(find(verdicts('2026-Q4', [], branch, [defaultRuleSet, midAugust]), 'member_assembly.quarterly')).toMatchObject({ required: 2 });
  });

  it('counts a requirement introduced mid-year only from when it took effect', () => {
    const withTalks = structuredClone(defaultRuleSet);
    withTalks.version = '2026.3';
    withTalks.effectiveFrom = '2026-07-01';
    withTalks.requirements.push({ id: 'heart_to_heart_talk.quarterly', activityKind: 'heart_to_heart_talk', appliesTo: { orgKinds: ['branch'] }, per: 'quarter', min: 1, source: '实践做法（可配置）' });
    const counts = [c('2026-02', 'heart_to_heart_talk'), c('2026-08', 'heart_to_heart_talk')];
    expect(find(verdicts('2026', counts, branch, [defaultRuleSet, withTalks]), 'heart_to_heart_talk.quarterly')).toMatchObject({ required: 2, done: 1, met: false, shortPeriods: [{ period: P('2026-Q4'), required: 1, done: 0 }] });
    expect(find(verdicts('2026-Q1', counts, branch, [defaultRuleSet, withTalks]), 'heart_to_heart_talk.quarterly')).toBeUndefined();
  });

  it('judges nothing before the first rule set took effect', () => {
    expect(verdicts('2018-Q4')).toEqual([]);
    expect(verdicts('2026-Q3', [], branch, [])).toEqual([]);
  });
});

describe('evaluateCompliance: bad input is a caller bug', () => {
  it('refuses a malformed month or a negative count', () => {
    expect(() => verdicts('2026-Q3', [c('2026-7', 'member_assembly')])).toThrow(RangeError);
    expect(() => verdicts('2026-Q3', [c('2026-Q3', 'member_assembly')])).toThrow(RangeError);
    expect(() => verdicts('2026-Q3', [c('2026-07', 'member_assembly', -1)])).toThrow(RangeError);
    expect(() => verdicts('2026-Q3', [], { ...branch, establishedOn: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('verdictText', () => {
  it('writes month and year verdicts with the period label', () => {
    const month = find(verdicts('2026-07', [c('2026-07', 'theme_party_day')]), 'theme_party_day.monthly')!;
    expect(verdictText(month, P('2026-07'), 'zh-CN')).toBe('2026年7月 主题党日 1/1 次');
    expect(verdictText(month, P('2026-07'), 'en')).toBe('July 2026 theme party day 1/1');
    const lessons = find(verdicts('2026', [c('2026-03', 'party_lesson')]), 'party_lesson.branch.yearly')!;
    expect(verdictText(lessons, P('2026'), 'zh-CN')).toBe('2026年度 党课 1/4 次');
    expect(verdictText(lessons, P('2026'), 'en')).toBe('2026 party lesson 1/4');
  });
});

describe('summarise', () => {
  it('is met only when every verdict is, and lists the shortfalls', () => {
    const all = verdicts('2026-Q3', [c('2026-07', 'member_assembly'), ...['07', '08', '09'].flatMap((m) => [c(`2026-${m}`, 'theme_party_day'), c(`2026-${m}`, 'committee_meeting')])]);
    expect(summarise(all)).toEqual({ met: true, shortfalls: [] });
    const some = verdicts('2026-Q3', [c('2026-07', 'member_assembly')]);
    const s = summarise(some);
    expect(s.met).toBe(false);
    expect(s.shortfalls.map((v) => v.requirementId)).toEqual(['committee_meeting.monthly', 'theme_party_day.monthly']);
    expect(summarise([])).toEqual({ met: true, shortfalls: [] });
  });
});
