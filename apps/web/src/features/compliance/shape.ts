/**
 * Shaping the server's figures for display: chart options, percentages and which month the trend
 * ends with. Nothing here judges anything — met/judged counts and rates are the server's; this
 * only lays them out (pure functions, tested without a browser).
 */
import {
  activityKindLabels,
  parsePeriodKey,
  periodBounds,
  periodKey,
  periodOf,
  studyFormLabels,
  type ActivityKind,
  type RequirementSummary,
  type StudyForm,
  type TrendPoint,
} from '@pioneer/domain';
import type { ChartOption } from '../../components/EChart.tsx';
import type { Lang } from '../../i18n/index.tsx';

/** '理论学习中心组学习（研讨交流）' / 'Central group study (Discussion)': a kind of activity, with its form of study when one is named. */
export function activityName(kind: ActivityKind, form: StudyForm | null | undefined, lang: Lang): string {
  const name = activityKindLabels[kind][lang];
  if (!form) return name;
  const formName = studyFormLabels[form][lang];
  return lang === 'en' ? `${name} (${formName})` : `${name}（${formName}）`;
}

/** 0.875 → '87.5%'; null (nothing to judge) → '—'. */
export function percent(rate: number | null): string {
  if (rate === null) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

/**
 * One category per requirement, named by its activity kind (and form of study when it has one).
 * Two requirements of the same kind and form (the branches' party lessons and the committee
 * secretaries' party lesson) are told apart by their id, which the summary carries.
 */
export function requirementCategories(requirements: readonly RequirementSummary[], lang: Lang): string[] {
  const names = requirements.map((r) => activityName(r.activityKind, r.studyForm, lang));
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? `${name} · ${requirements[i]!.requirementId}` : name));
}

export type ChartTexts = { met: string; notMet: string; judged: string; complianceRate: string; attendanceRate: string };

/** Stacked bars per requirement: organisations that met it and those that did not (together: judged). */
export function complianceBarOption(requirements: readonly RequirementSummary[], lang: Lang, texts: ChartTexts): ChartOption {
  const categories = requirementCategories(requirements, lang);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const first = (params as Array<{ dataIndex: number }>)[0];
        if (!first) return '';
        const r = requirements[first.dataIndex]!;
        return `${categories[first.dataIndex]}<br/>${texts.met} ${r.met} / ${texts.judged} ${r.judged}（${percent(r.rate)}）`;
      },
    },
    // Kind names are long: beyond four bars they are slanted so that every one stays readable.
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: texts.met, type: 'bar', stack: 'judged', data: requirements.map((r) => r.met), itemStyle: { color: '#389e0d' } },
      { name: texts.notMet, type: 'bar', stack: 'judged', data: requirements.map((r) => r.judged - r.met), itemStyle: { color: '#cf1322' } },
    ],
  };
}

/** Two lines over the months: the share of organisations that met everything, and attendance. */
export function trendOption(points: readonly TrendPoint[], texts: ChartTexts): ChartOption {
  const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
  return {
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    xAxis: { type: 'category', data: points.map((p) => p.periodLabel), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: texts.complianceRate, type: 'line', data: points.map((p) => asPercent(p.rate)), connectNulls: false, itemStyle: { color: '#c62828' } },
      { name: texts.attendanceRate, type: 'line', data: points.map((p) => asPercent(p.attendanceRate)), connectNulls: false, itemStyle: { color: '#1677ff' } },
    ],
  };
}

/**
 * The month a 12-month trend ends with: the last month of the chosen period, or the current month
 * when the period is still under way (the months after today have nothing to show yet).
 */
export function trendEndMonth(period: string, today: string): string {
  const p = parsePeriodKey(period);
  const current = periodKey(periodOf('month', today));
  if (!p) return current;
  const last = periodKey(periodOf('month', periodBounds(p).last));
  return last < current ? last : current;
}
