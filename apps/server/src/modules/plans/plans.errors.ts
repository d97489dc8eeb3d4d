/** Error codes of the plans module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const planErrors = {
  PLAN_NOT_FOUND: { status: 404, 'zh-CN': '未找到该年度计划，可能已被删除或您无权查看。', en: 'Plan not found, or you may not see it.' },
  PLAN_YEAR_PAST: { status: 400, 'zh-CN': '{year} 年已经过去，不能再为该年度制定计划。', en: 'The year {year} is over; no plan can be made for it.' },
  PLAN_NOTHING_LEFT: {
    status: 400,
    'zh-CN': '按“{recurrence}”，{year} 年剩下的时间里已没有可安排的日期，请调整重复方式或选择下一年度。',
    en: '"{recurrence}" leaves no date in the rest of {year}; change the recurrence or plan for next year.',
  },
  PLAN_EXISTS: {
    status: 409,
    'zh-CN': '“{org}”{year} 年已有按“{recurrence}”举行的{kindZh}计划，请直接修改该计划。',
    en: '"{org}" already has a {year} plan for a {kindEn} on "{recurrence}"; change that plan instead.',
  },
  PLAN_KIND_NOT_RECURRING: {
    status: 400,
    'zh-CN': '谈心谈话需要逐次指定谈话双方，不能按年度计划批量生成，请逐次安排。',
    en: 'Heart-to-heart talks name their participants each time, so they cannot be generated from a plan; plan each one.',
  },
} as const satisfies Record<string, CatalogEntry>;
