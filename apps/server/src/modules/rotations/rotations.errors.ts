/** Error codes of rotation training (集中轮训): HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const rotationErrors = {
  ROTATION_NOT_FOUND: { status: 404, 'zh-CN': '未找到该轮训计划，可能已被删除或您无权查看。', en: 'Rotation training not found, or you may not see it.' },
  ROTATION_OFFICERS_ONLY: {
    status: 403,
    'zh-CN': '轮训计划由机关工委（工委干部）统一部署；如需调整，请联系工委组织科。单位可在培训班中为本单位人员安排批次。',
    en: 'Rotation training is declared by the working committee (committee officers); ask them to change it. Units schedule their people into batches (classes).',
  },
  ROTATION_CLOSED: { status: 409, 'zh-CN': '该轮训计划已结束，不能再修改或安排批次。', en: 'This rotation training is closed: it can no longer be changed or get new batches.' },
  ROTATION_DEADLINE_BEFORE_YEAR: {
    status: 400,
    'zh-CN': '完成时限 {deadline} 早于 {year} 年 1 月 1 日，请填写该年度内或之后的日期。',
    en: 'The deadline {deadline} is before 1 January {year}; choose a day in that year or later.',
  },
  ROTATION_ORG_OUTSIDE: {
    status: 404,
    'zh-CN': '所选组织不在该轮训计划的范围内，或不在您管理的范围内；请选择轮训部署组织下属、由您管理的组织。',
    en: 'The chosen organisation is not covered by this rotation or not managed by you; choose one under the rotation\'s organisation that you manage.',
  },
} as const satisfies Record<string, CatalogEntry>;
