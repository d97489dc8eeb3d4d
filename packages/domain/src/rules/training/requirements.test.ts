/**
 * Training requirements and progress at their boundaries: the local day deciding the year, the
 * secretary appointed in July (member's hours that year, the 6-month deadline into the next year),
 * the first year after confirmation, rotations' deadlines, missed and weak, exempt members never
 * flagged, the rule-set history, recommendations from a person's own gaps.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { progressOf, recommendationsFor, studyYearOf, trainingReasonText, type TrainingProgress } from './progress.ts';
import {
  checkTrainingRuleSetAddition,
  defaultTrainingRuleSet as rs,
  requirementsFor,
  trainingRuleSetForYear,
  trainingRuleSetSchema,
  type RotationTarget,
  type TrainingPerson,
} from './requirements.ts';

const member: TrainingPerson = {
  category: 'full',
  confirmedOn: '2010-05-01',
  isSecretary: false,
  secretarySince: null,
  isCommitteeMember: false,
  isPartyAffairsWorker: false,
  isInfirm: false,
  studyExempt: false,
  studyExemptReason: null,
};
const req = (person: Partial<TrainingPerson>, year = 2026, rotations: RotationTarget[] = [], ruleSet = rs) => requirementsFor({ person: { ...member, ...person }, year, ruleSet, rotations });
const zh = (r: { code: string; params: Record<string, string | number> }) => trainingReasonText(r as Parameters<typeof trainingReasonText>[0], 'zh-CN');

describe('the local day decides the year', () => {
  it('counts a credit at 23:30 on 31 December Beijing time in that year, and 00:00 on 1 January in the next', () => {
    expect(studyYearOf(new Date('2026-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe(2026);
    expect(studyYearOf(new Date('2026-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe(2026);
    expect(studyYearOf(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe(2027);
  });
});

describe('requirementsFor', () => {
  it('asks 32 hours of a member and no centralised training, citing article 20', () => {
    const r = req({});
    expect(r).toMatchObject({ exempt: false, hours: 32, hoursBasis: 'member', centralised: null, newSecretary: null, ruleSetVersion: 'training-2019.1' });
    expect(r.sources.join()).toContain('第二十条');
  });

  it('asks 56 hours and one centralised training by 31 December of a secretary or committee member in office since before the year', () => {
    for (const p of [{ isSecretary: true }, { isSecretary: true, secretarySince: '2026-01-01' }, { isCommitteeMember: true }]) {
      expect(req(p)).toMatchObject({ hours: 56, hoursBasis: 'leader', centralised: { count: 1, deadline: '2026-12-31', bases: ['leader'], rotation: null } });
    }
  });

  it('holds a secretary appointed in July to the member’s 32 hours that year and to training within 6 months, across the year end', () => {
    const p = { isSecretary: true, secretarySince: '2026-07-15' };
    expect(req(p, 2026)).toMatchObject({ hours: 32, hoursBasis: 'appointment_year', centralised: null, newSecretary: { since: '2026-07-15', deadline: '2027-01-15' } });
    expect(req(p, 2027)).toMatchObject({ hours: 56, hoursBasis: 'leader', centralised: { count: 1, bases: ['leader'] }, newSecretary: { since: '2026-07-15', deadline: '2027-01-15' } });
    expect(req(p, 2028)).toMatchObject({ hours: 56, newSecretary: null });
    expect(req(p, 2025)).toMatchObject({ newSecretary: null });
    // A committee member keeps 56 and the yearly training; a county may choose the full 56 in the appointment year.
    expect(req({ ...p, isCommitteeMember: true }, 2026)).toMatchObject({ hours: 56, centralised: { bases: ['leader'] } });
    expect(req(p, 2026, [], { ...rs, appointmentYearHours: 'full' })).toMatchObject({ hours: 56, hoursBasis: 'leader' });
  });

  it('clamps the 6 months at the end of a month (31 August → 28 February)', () => {
    expect(req({ isSecretary: true, secretarySince: '2026-08-31' }, 2026).newSecretary).toEqual({ since: '2026-08-31', deadline: '2027-02-28' });
  });

  it('asks one centralised training of probationary members and in the year holding most of the first year after confirmation', () => {
    expect(req({ category: 'probationary', confirmedOn: null })).toMatchObject({ hours: 32, centralised: { count: 1, bases: ['probationary'] } });
    // Confirmed 30 June 2025: six months later is still 2025 → 2025 is that year, not 2026.
    expect(req({ confirmedOn: '2025-06-30' }, 2025).centralised?.bases).toEqual(['first_year']);
    expect(req({ confirmedOn: '2025-06-30' }, 2026).centralised).toBeNull();
    expect(req({ confirmedOn: '2025-07-01' }, 2025).centralised).toBeNull();
    expect(req({ confirmedOn: '2025-07-01' }, 2026).centralised?.bases).toEqual(['first_year']);
  });

  it('judges a past year by the record of that year: confirmed after it → probationary then, a secretary since after it → a member then', () => {
    // Confirmed on 10 March 2026: 2025 was a probationary year (one centralised training), 2026 the
    // year of confirmation (the first year after it is the year of 10 September 2026).
    expect(req({ confirmedOn: '2026-03-10' }, 2025)).toMatchObject({ hours: 32, centralised: { bases: ['probationary'] } });
    expect(req({ confirmedOn: '2026-03-10' }, 2026).centralised?.bases).toEqual(['first_year']);
    // A secretary since 2027: in 2026 a member with 32 hours and no leader's training.
    expect(req({ isSecretary: true, secretarySince: '2027-02-01' }, 2026)).toMatchObject({ hours: 32, hoursBasis: 'member', centralised: null, newSecretary: null });
    // A secretaries' rotation of 2026 does not target them for 2026 either.
    const rotation: RotationTarget = { id: 'r', year: 2026, title: '书记轮训', deadline: '2026-10-31', targetGroups: ['secretaries'] };
    expect(req({ isSecretary: true, secretarySince: '2027-02-01' }, 2026, [rotation]).centralised).toBeNull();
    expect(req({ isSecretary: true, secretarySince: '2025-02-01' }, 2026, [rotation]).centralised?.rotation).toEqual({ id: 'r', title: '书记轮训' });
  });

  it('takes the earliest deadline of the year’s rotations targeting the person, ignoring others', () => {
    const rotations: RotationTarget[] = [
      { id: 'r2', year: 2026, title: '全体党员轮训', deadline: '2026-10-31', targetGroups: ['all_members'] },
      { id: 'r1', year: 2026, title: '书记轮训', deadline: '2026-06-30', targetGroups: ['secretaries'] },
      { id: 'r0', year: 2025, title: '去年的轮训', deadline: '2025-11-30', targetGroups: ['all_members'] },
    ];
    expect(req({}, 2026, rotations).centralised).toEqual({ count: 1, deadline: '2026-10-31', bases: ['rotation'], rotation: { id: 'r2', title: '全体党员轮训' } });
    expect(req({ isSecretary: true }, 2026, rotations).centralised).toMatchObject({ deadline: '2026-06-30', bases: ['leader', 'rotation'], rotation: { id: 'r1' } });
    // A candidate has no hours but is trained when a rotation targets candidates.
    expect(req({ category: 'candidate' }, 2026, [{ id: 'r3', year: 2026, title: '发展对象培训', deadline: '2026-09-30', targetGroups: ['candidates_probationary'] }])).toMatchObject({ hours: null, centralised: { bases: ['rotation'] } });
    expect(req({ category: 'candidate' }, 2026, rotations)).toMatchObject({ hours: null, centralised: null });
  });

  it('asks nothing of an exempt or infirm member, citing article 23', () => {
    for (const p of [{ studyExempt: true, studyExemptReason: '长期卧病' }, { isInfirm: true, isSecretary: true }]) {
      const r = req(p, 2026, [{ id: 'r', year: 2026, title: '轮训', deadline: '2026-10-31', targetGroups: ['all_members'] }]);
      expect(r).toMatchObject({ exempt: true, hours: null, centralised: null, newSecretary: null });
      expect(r.sources.join()).toContain('第二十三条');
    }
  });
});

describe('progressOf', () => {
  const progress = (person: Partial<TrainingPerson>, options: { hours: number; completions?: string[]; today: string; year?: number; rotations?: RotationTarget[]; failedTests?: Array<{ title: string; failedOn: string }> }) =>
    progressOf({
      requirement: req(person, options.year ?? 2026, options.rotations ?? []),
      hours: options.hours,
      completions: (options.completions ?? []).map((completedOn) => ({ completedOn })),
      failedTests: options.failedTests ?? [],
      today: options.today,
    });

  it('says "2026年 学时 18/32" and short below the hours, met at exactly the hours', () => {
    const p = progress({}, { hours: 18, today: '2026-03-01' });
    expect(p.status).toBe('short');
    expect(zh(p.reasons[0]!)).toBe('2026年 学时 18/32');
    expect(trainingReasonText(p.reasons[0]!, 'en')).toBe('2026: 18 of 32 hours');
    expect(progress({}, { hours: 32, today: '2026-03-01' }).status).toBe('met');
    expect(progress({}, { hours: 31.9, today: '2026-03-01' }).status).toBe('short');
  });

  it('names the missing centralised training, and flags it missed only after the deadline', () => {
    const leader = { isSecretary: true };
    const onDeadline = progress(leader, { hours: 56, today: '2026-12-31' });
    expect(onDeadline).toMatchObject({ status: 'short', missed: null });
    expect(onDeadline.reasons.map(zh)).toContain('尚未参加集中培训（应于 2026-12-31 前参加）');
    const after = progress(leader, { hours: 56, today: '2027-01-01' });
    expect(after.missed?.reasons.map(zh)).toEqual(['漏训：截至 2026-12-31 未参加集中培训']);
    expect(zh(after.missed!.action)).toBe('安排参加下一期集中培训班');
    expect(progress(leader, { hours: 56, today: '2027-01-01', completions: ['2026-12-31'] })).toMatchObject({ status: 'met', missed: null, centralisedDone: 1 });
    // A training of another year does not count for this one.
    expect(progress(leader, { hours: 56, today: '2027-01-01', completions: ['2025-12-31', '2027-01-01'] }).missed).not.toBeNull();
  });

  it('measures a rotation’s target against its deadline, not the year end', () => {
    const rotations: RotationTarget[] = [{ id: 'r', year: 2026, title: '轮训', deadline: '2026-06-30', targetGroups: ['all_members'] }];
    expect(progress({}, { hours: 32, today: '2026-07-01', rotations, completions: ['2026-07-01'] }).missed?.reasons.map(zh)).toEqual(['漏训：截至 2026-06-30 未参加集中培训']);
    expect(progress({}, { hours: 32, today: '2026-07-01', rotations, completions: ['2026-06-30'] }).missed).toBeNull();
  });

  it('gives a secretary appointed in July until 15 January to be trained, across the year end', () => {
    const p = { isSecretary: true, secretarySince: '2026-07-15' };
    const july = progress(p, { hours: 32, today: '2026-07-20' });
    expect(july.reasons.map(zh)).toContain('新任书记 2026-07-15 到任，应于 2027-01-15 前参加培训');
    // The deadline is next year: 2026 is met with the member's hours.
    expect(july).toMatchObject({ status: 'met', missed: null, newSecretaryTrained: false });
    expect(progress(p, { hours: 32, today: '2027-01-15', year: 2027 }).missed).toBeNull();
    const late = progress(p, { hours: 32, today: '2027-01-16', year: 2027 });
    expect(late.missed?.reasons.map(zh)).toEqual(['漏训：新任书记 2026-07-15 到任，2027-01-15 前未参加培训']);
    expect(zh(late.missed!.action)).toBe('安排参加书记培训班');
    // Trained in January 2027: both the new secretary's training and 2027's yearly one.
    const trained = progress(p, { hours: 56, today: '2027-12-31', year: 2027, completions: ['2027-01-10'] });
    expect(trained).toMatchObject({ status: 'met', newSecretaryTrained: true, centralisedDone: 1, missed: null });
    // A training before taking office is not the new secretary's training.
    expect(progress(p, { hours: 32, today: '2027-02-01', year: 2027, completions: ['2026-07-14'] }).newSecretaryTrained).toBe(false);
  });

  it('flags weak at the year end when the hours are short, with the hours to make up', () => {
    expect(progress({}, { hours: 31.5, today: '2026-12-31' }).weak).toBeNull();
    const weak = progress({}, { hours: 31.5, today: '2027-01-01' });
    expect(weak.weak?.reasons.map(zh)).toEqual(['弱训：2026年 学时 31.5/32，差 0.5 学时']);
    expect(zh(weak.weak!.action)).toBe('参加组织生活或学习课程，补足 0.5 学时');
  });

  it('flags weak during the year only when behind the pace of the quarters ended', () => {
    expect(progress({}, { hours: 0, today: '2026-03-31' }).weak).toBeNull();
    expect(progress({}, { hours: 8, today: '2026-04-01' }).weak).toBeNull();
    const behind = progress({}, { hours: 7.5, today: '2026-04-01' });
    expect(behind.weak?.reasons.map(zh)).toEqual(['弱训：截至第1季度末应达 8 学时，已完成 7.5 学时']);
    expect(progress({ isSecretary: true }, { hours: 41.9, today: '2026-10-01' }).weak?.reasons.map(zh)).toEqual(['弱训：截至第3季度末应达 42 学时，已完成 41.9 学时']);
    expect(progressOf({ requirement: req({}), hours: 0, completions: [], today: '2026-10-01', paceCheck: false }).weak).toBeNull();
  });

  it('flags weak for a failed test of the year (online-learning hook)', () => {
    const p = progress({}, { hours: 32, today: '2026-05-01', failedTests: [{ title: '党章知识测试', failedOn: '2026-04-20' }, { title: '去年测试', failedOn: '2025-04-20' }] });
    expect(p.weak?.reasons.map(zh)).toEqual(['弱训：测试“党章知识测试”未通过']);
    expect(zh(p.weak!.action)).toBe('重新参加测试“党章知识测试”');
  });

  it('says until which day its verdict holds: the next quarter end, deadline or year end it depends on', () => {
    expect(progress({}, { hours: 0, today: '2026-04-01' }).holdsThrough).toBe('2026-06-30');
    expect(progress({}, { hours: 0, today: '2026-06-30' }).holdsThrough).toBe('2026-06-30');
    expect(progress({}, { hours: 0, today: '2026-10-01' }).holdsThrough).toBe('2026-12-31');
    // Met members' and past years' verdicts change on no later day.
    expect(progress({}, { hours: 32, today: '2026-04-01' }).holdsThrough).toBeNull();
    expect(progress({ isSecretary: true }, { hours: 0, today: '2027-01-01' }).holdsThrough).toBeNull();
    const rotations: RotationTarget[] = [{ id: 'r', year: 2026, title: '轮训', deadline: '2026-05-15', targetGroups: ['all_members'] }];
    expect(progress({}, { hours: 32, today: '2026-04-01', rotations }).holdsThrough).toBe('2026-05-15');
    // A new secretary's deadline in the next year holds the verdict of the year of taking office into the next.
    expect(progress({ isSecretary: true, secretarySince: '2026-07-15' }, { hours: 32, today: '2026-10-01' }).holdsThrough).toBe('2027-01-15');
    expect(progress({ isSecretary: true, secretarySince: '2026-07-15' }, { hours: 32, today: '2027-01-16' }).holdsThrough).toBeNull();
    expect(progress({ isInfirm: true }, { hours: 0, today: '2026-04-01' }).holdsThrough).toBeNull();
  });

  it('keeps the same verdict on every day up to the day it says it holds through', () => {
    const rotations: RotationTarget[] = [{ id: 'r', year: 2026, title: '轮训', deadline: '2026-08-31', targetGroups: ['all_members'] }];
    const cases: Array<[Partial<TrainingPerson>, { hours: number; completions?: string[]; rotations?: RotationTarget[] }]> = [
      [{}, { hours: 0 }],
      [{}, { hours: 20 }],
      [{}, { hours: 31 }],
      [{}, { hours: 10, rotations }],
      [{ category: 'probationary', confirmedOn: null }, { hours: 40 }],
      [{ isSecretary: true }, { hours: 50, completions: ['2026-09-10'] }],
      [{ isSecretary: true, secretarySince: '2026-07-15' }, { hours: 32 }],
      [{ isSecretary: true, secretarySince: '2026-02-10' }, { hours: 12, completions: ['2026-11-20'] }],
    ];
    const verdict = (p: TrainingProgress) => JSON.stringify([p.status, p.missed, p.weak, p.newSecretaryTrained, p.reasons, p.centralisedDone]);
    for (const [person, facts] of cases) {
      let day = '2025-12-20';
      let current = progress(person, { ...facts, today: day });
      while (day < '2027-09-01') {
        const next = addDays(day, 1);
        const p = progress(person, { ...facts, today: next });
        if (current.holdsThrough === null || next <= current.holdsThrough) expect(verdict(p), `${JSON.stringify(person)} ${JSON.stringify(facts)} on ${next}`).toBe(verdict(current));
        current = p;
        day = next;
      }
    }
  });

  it('never flags an exempt member missed or weak, whatever the hours, rotations or tests', () => {
    const rotations: RotationTarget[] = [{ id: 'r', year: 2026, title: '轮训', deadline: '2026-06-30', targetGroups: ['all_members'] }];
    const p = progress({ isInfirm: true, isSecretary: true, secretarySince: '2026-01-15', studyExemptReason: '年老体弱' }, { hours: 0, today: '2027-06-01', rotations, failedTests: [{ title: 't', failedOn: '2026-05-01' }] });
    expect(p).toMatchObject({ status: 'exempt', missed: null, weak: null });
    expect(zh(p.reasons[0]!)).toBe('免除硬性要求（年老体弱），送学上门');
    expect(trainingReasonText({ code: 'EXEMPT', params: { reason: '' } }, 'en')).toBe('No hard requirement: study is delivered');
  });
});

describe('the training rule set', () => {
  it('validates the default set and picks the set of 1 January of the year', () => {
    expect(trainingRuleSetSchema.parse(rs)).toEqual(rs);
    const next = { ...rs, version: 'training-2027.1', effectiveFrom: '2027-01-01', memberHours: 40 };
    expect(trainingRuleSetForYear([rs, next], 2026)).toBe(rs);
    expect(trainingRuleSetForYear([rs, next], 2027)).toBe(next);
    expect(trainingRuleSetForYear([next], 2026)).toBeNull();
  });

  it('accepts a new set only from 1 January of a year after today, with a new version and day', () => {
    const next = { ...rs, version: 'training-2027.1', effectiveFrom: '2027-01-01' };
    expect(checkTrainingRuleSetAddition({ existing: [rs], candidate: next, today: '2026-12-31' })).toEqual([]);
    expect(checkTrainingRuleSetAddition({ existing: [rs], candidate: next, today: '2027-01-01' }).map((p) => p.code)).toEqual(['TRAINING_RULE_SET_EFFECTIVE_NOT_FUTURE']);
    expect(checkTrainingRuleSetAddition({ existing: [rs], candidate: { ...next, effectiveFrom: '2027-03-01' }, today: '2026-06-01' }).map((p) => p.code)).toEqual(['TRAINING_RULE_SET_NOT_YEAR_START']);
    expect(checkTrainingRuleSetAddition({ existing: [rs, next], candidate: next, today: '2026-06-01' }).map((p) => p.code)).toEqual(['TRAINING_RULE_SET_VERSION_DUPLICATE', 'TRAINING_RULE_SET_EFFECTIVE_DATE_DUPLICATE']);
  });
});

describe('recommendationsFor', () => {
  const directions = [
    { code: 'political_theory', nameZh: '政治理论', nameEn: 'Political theory' },
    { code: 'modern_economy', nameZh: '现代经济', nameEn: 'Modern economy' },
  ];
  const courses = [
    { id: 'c1', title: '党章学习', direction: 'political_theory' },
    { id: 'c2', title: '数字经济', direction: 'modern_economy' },
  ];
  const classes = [{ id: 'k1', title: '秋季轮训班', directions: ['modern_economy'] }];
  const base: TrainingProgress = { year: 2026, status: 'short', hoursDone: 20, hoursRequired: 32, centralisedDone: 0, centralisedRequired: 1, newSecretaryTrained: null, reasons: [], missed: null, weak: null, holdsThrough: null };

  it('derives hours, centralised training and directions never studied from the person’s own gaps', () => {
    const recs = recommendationsFor({ progress: base, directions, studiedDirections: ['political_theory'], courses, classes });
    expect(recs.map((r) => r.kind)).toEqual(['hours', 'centralised', 'direction']);
    expect(zh(recs[0]!.reason)).toBe('参加组织生活或学习课程，补足 12 学时');
    // Courses of directions never studied first.
    expect(recs[0]!.courses.map((c) => c.id)).toEqual(['c2', 'c1']);
    expect(recs[1]!.classes.map((c) => c.id)).toEqual(['k1']);
    expect(recs[2]).toMatchObject({ direction: 'modern_economy', courses: [{ id: 'c2' }], classes: [{ id: 'k1' }] });
    expect(zh(recs[2]!.reason)).toBe('尚未学习过“现代经济”方向的课程');
    expect(trainingReasonText(recs[2]!.reason, 'en')).toBe('No course of the direction "Modern economy" studied yet');
  });

  it('recommends nothing when there is no gap, and only directions to an exempt member', () => {
    const met = { ...base, status: 'met' as const, hoursDone: 32, centralisedDone: 1 };
    expect(recommendationsFor({ progress: met, directions, studiedDirections: ['political_theory', 'modern_economy'], courses, classes })).toEqual([]);
    const exempt = { ...base, status: 'exempt' as const, hoursRequired: null, centralisedRequired: 0, hoursDone: 0 };
    expect(recommendationsFor({ progress: exempt, directions, studiedDirections: [], courses, classes }).map((r) => r.kind)).toEqual(['direction', 'direction']);
    expect(recommendationsFor({ progress: { ...base, newSecretaryTrained: false, centralisedRequired: 0 }, directions, studiedDirections: ['political_theory', 'modern_economy'], courses, classes, limit: 1 }).map((r) => [r.kind, r.courses.length])).toEqual([
      ['hours', 1],
      ['new_secretary', 0],
    ]);
  });
});
