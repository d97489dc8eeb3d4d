/** Error codes of training needs (progress, coverage, delivered study, manual entries, rule sets): HTTP status, zh-CN and English text. */
import type { CatalogEntry } from '../../errors.ts';

export const trainingNeedsErrors = {
  TRAINING_YEAR_IN_FUTURE: { status: 400, 'zh-CN': '{year} 年尚未开始，请选择今年或以前的年度。', en: 'The year {year} has not begun; choose this year or an earlier one.' },
  TRAINING_DELIVERED_NOT_EXEMPT: {
    status: 409,
    'zh-CN': '送学上门记录只为免除硬性学习要求的党员（年老体弱、行动不便等）登记。如该党员确属此类，请先在人员信息中标记“年老体弱”或“免除学习要求”并写明原因。',
    en: 'Delivered-study records are kept only for members exempt from the hard requirement (elderly, infirm…). If this member is, first mark them infirm or exempt with a reason in their record.',
  },
  TRAINING_DATE_IN_FUTURE: { status: 400, 'zh-CN': '日期 {date} 晚于今天，请填写已经发生的日期。', en: 'The day {date} is after today; give a day that has passed.' },
  MANUAL_CREDIT_NOT_FOUND: { status: 404, 'zh-CN': '未找到该补录申请，或您无权查看。', en: 'Manual entry request not found, or you may not see it.' },
  MANUAL_CREDIT_ALREADY_DECIDED: { status: 409, 'zh-CN': '该补录申请已经处理（{status}），不能再次审核。如需更正，请重新提交申请。', en: 'This request has already been decided ({status}); submit a new request to correct it.' },
  MANUAL_CREDIT_DAY_CAP: {
    status: 409,
    'zh-CN': '{date} 当天已记 {credited} 学时，每人每天最多 8 学时，本次最多还能记 {remaining} 学时。请修改学时后重新申请，或驳回本申请。',
    en: 'On {date} {credited} hours are already credited; a person earns at most 8 a day, so at most {remaining} more. Reject this request and ask for fewer hours.',
  },
  TRAINING_RULE_SET_REFUSED: {
    status: 409,
    'zh-CN': '新的学时规则不能保存：规则只能从今年以后某年的 1 月 1 日起生效，版本号和生效日期不能与已有规则重复。请按提示修改。',
    en: 'The new study-hour rule set cannot be saved: it must take effect on 1 January of a year after this one, with a version and day not used before. Correct it as indicated.',
  },
  TRAINING_RULE_SET_OFFICERS_ONLY: { status: 403, 'zh-CN': '学时规则由机关工委统一制定，请联系工委组织科。', en: 'Study-hour rules are set by the working committee; ask its officers.' },
} as const satisfies Record<string, CatalogEntry>;
