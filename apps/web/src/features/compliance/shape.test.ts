import { describe, expect, it } from 'vitest';
import type { RequirementSummary, TrendPoint } from '@pioneer/domain';
import { complianceBarOption, percent, requirementCategories, trendEndMonth, trendOption, type ChartTexts } from './shape.ts';

const texts: ChartTexts = { met: '达标', notMet: '未达标', judged: '应考核', complianceRate: '全部达标率', attendanceRate: '出席率' };

const req = (over: Partial<RequirementSummary>): RequirementSummary => ({
  requirementId: 'member_assembly.quarterly',
  activityKind: 'member_assembly',
  studyForm: null,
  per: 'quarter',
  judged: 10,
  met: 7,
  rate: 0.7,
  ...over,
});

describe('percent', () => {
  it('shows a rate with one decimal and nothing-to-judge as a dash, never as 0%', () => {
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('—');
  });
});

describe('requirementCategories', () => {
  it('names a requirement by its activity kind, and its form of study when it has one', () => {
    const names = requirementCategories(
      [req({}), req({ requirementId: 'central_group_study.discussion.quarterly', activityKind: 'central_group_study', studyForm: 'discussion' })],
      'zh-CN',
    );
    expect(names).toEqual(['支部党员大会', '理论学习中心组学习（研讨交流）']);
  });

  it('tells apart two requirements of the same kind by their ids, and only those', () => {
    const names = requirementCategories(
      [req({ requirementId: 'party_lesson.branch.yearly', activityKind: 'party_lesson' }), req({ requirementId: 'party_lesson.secretary.yearly', activityKind: 'party_lesson' }), req({})],
      'en',
    );
    expect(names).toEqual(['Party lesson · party_lesson.branch.yearly', 'Party lesson · party_lesson.secretary.yearly', 'Member assembly']);
  });

  it('writes the form of study in the brackets of each language', () => {
    const discussion = req({ requirementId: 'central_group_study.discussion.quarterly', activityKind: 'central_group_study', studyForm: 'discussion' });
    expect(requirementCategories([discussion], 'en')).toEqual(['Central group study (Discussion)']);
    expect(requirementCategories([discussion], 'zh-CN')).toEqual(['理论学习中心组学习（研讨交流）']);
  });
});

describe('complianceBarOption', () => {
  it('stacks the organisations that met each requirement on those that did not, adding up to those judged', () => {
    const option = complianceBarOption([req({ judged: 10, met: 7 }), req({ requirementId: 'theme_party_day.monthly', activityKind: 'theme_party_day', judged: 4, met: 4, rate: 1 })], 'zh-CN', texts);
    const series = option.series as Array<{ name: string; data: number[]; stack: string }>;
    expect(series.map((s) => s.name)).toEqual(['达标', '未达标']);
    expect(series[0]!.data).toEqual([7, 4]);
    expect(series[1]!.data).toEqual([3, 0]);
    expect(series[0]!.stack).toBe(series[1]!.stack);
    expect((option.xAxis as { data: string[] }).data).toEqual(['支部党员大会', '主题党日']);
  });

  it('explains a bar in its tooltip with the counts and the rate from the server', () => {
    const option = complianceBarOption([req({ judged: 8, met: 6, rate: 0.75 })], 'zh-CN', texts);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter([{ dataIndex: 0 }])).toBe('支部党员大会<br/>达标 6 / 应考核 8（75%）');
  });
});

describe('trendOption', () => {
  it('plots both rates as percentages over the months, leaving months without figures empty', () => {
    const points: TrendPoint[] = [
      { period: '2026-06', periodLabel: '2026年6月', orgsJudged: 0, orgsAllMet: 0, rate: null, attendanceRate: null },
      { period: '2026-07', periodLabel: '2026年7月', orgsJudged: 4, orgsAllMet: 3, rate: 0.75, attendanceRate: 0.9125 },
    ];
    const option = trendOption(points, texts);
    const series = option.series as Array<{ name: string; data: Array<number | null> }>;
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026年6月', '2026年7月']);
    expect(series.map((s) => s.name)).toEqual(['全部达标率', '出席率']);
    expect(series[0]!.data).toEqual([null, 75]);
    expect(series[1]!.data).toEqual([null, 91.3]);
  });
});

describe('trendEndMonth', () => {
  it('ends a past period’s trend with its last month', () => {
    expect(trendEndMonth('2026-Q2', '2026-11-23')).toBe('2026-06');
    expect(trendEndMonth('2025', '2026-11-23')).toBe('2025-12');
    expect(trendEndMonth('2026-03', '2026-11-23')).toBe('2026-03');
  });

  it('ends a period still under way with the current month, not with months that have not come', () => {
    expect(trendEndMonth('2026-Q4', '2026-11-23')).toBe('2026-11');
    expect(trendEndMonth('2026', '2026-11-23')).toBe('2026-11');
  });

  it('falls back to the current month for a key that is not a period', () => {
    expect(trendEndMonth('2026-Q5', '2026-01-01')).toBe('2026-01');
  });
});
