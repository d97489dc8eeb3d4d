/** Messages for codes raised by the API schemas themselves (the rules' codes live in rules/messages.ts). */
import { activityApiMessages } from './activities.ts';
import { makeupApiMessages } from './makeup.ts';
import { planApiMessages } from './plans.ts';
import { centralGroupApiMessages } from './central-groups.ts';
import { teacherApiMessages } from './teachers.ts';
import { trainingGroupApiMessages } from './training-groups.ts';

export const apiMessages = {
  ...makeupApiMessages,
  ...activityApiMessages,
  ...planApiMessages,
  ...centralGroupApiMessages,
  ...teacherApiMessages,
  ...trainingGroupApiMessages,
  ORG_CODE_FORMAT: { 'zh-CN': '组织编码只能包含字母、数字、“-”和“_”。', en: 'An organisation code may contain only letters, digits, "-" and "_".' },
  USERNAME_FORMAT: { 'zh-CN': '用户名只能包含字母、数字、“.”、“-”和“_”。', en: 'A username may contain only letters, digits, ".", "-" and "_".' },
  LOST_CONTACT_DATE_REQUIRED: { 'zh-CN': '状态为“失去联系”时必须填写失联日期。', en: 'A lost-contact status needs the date contact was lost.' },
  DATE_IN_FUTURE: { 'zh-CN': '日期不能晚于今天。', en: 'The date cannot be later than today.' },
  STUDY_EXEMPT_REASON_REQUIRED: { 'zh-CN': '免除硬性学习要求时必须写明原因（如年老体弱、行动不便）。', en: 'An exemption from the hard study requirements needs a reason (e.g. elderly or infirm).' },
  ID_NUMBER_TAKEN: { 'zh-CN': '该身份证号已登记在其他人员名下。', en: 'This ID number is already registered to someone else.' },
  IMPORT_REQUIRED: { 'zh-CN': '此项必填，不能为空。', en: 'This column is required and cannot be empty.' },
  IMPORT_VALUE_NOT_ALLOWED: { 'zh-CN': '无法识别的取值，请填写：{allowed}。', en: 'Unrecognised value; write one of: {allowed}.' },
  IMPORT_TEXT_TOO_LONG: { 'zh-CN': '内容过长，最多 {max} 个字。', en: 'Too long: at most {max} characters.' },
  IMPORT_VALUE_MASKED: {
    'zh-CN': '这是脱敏后的号码（含 *），无法导入。请填写完整号码；从本系统导出时可选择导出完整号码。',
    en: 'This is a masked number (it contains *) and cannot be imported. Write the full number; exports from this system can include full numbers.',
  },
  IMPORT_ID_NUMBER_AS_NUMBER: {
    'zh-CN': '身份证号码被 Excel 存成了数字，末几位已经丢失。请把该列设为“文本”格式后重新录入完整号码。',
    en: 'Excel stored this ID number as a number and its last digits are lost. Format the column as Text and type the full number again.',
  },
  IMPORT_DUPLICATE_IN_FILE: { 'zh-CN': '与第 {row} 行的身份证号码重复，同一人只能出现一次。', en: 'Same ID number as row {row}: a person may appear only once.' },
  IMPORT_ORG_CODE_UNKNOWN: { 'zh-CN': '组织编码“{code}”不存在，请核对。', en: 'There is no organisation with the code "{code}".' },
  IMPORT_ORG_OUTSIDE: {
    'zh-CN': '组织“{code}”不在本次导入的组织“{org}”之下，不能导入到该组织。',
    en: 'The organisation "{code}" is not under "{org}", the organisation this import is for.',
  },
  IMPORT_ORG_INACTIVE: { 'zh-CN': '组织“{code}”已撤销，不能登记人员。', en: 'The organisation "{code}" is deactivated; no one can be registered in it.' },
  IMPORT_ID_NUMBER_ELSEWHERE: {
    'zh-CN': '该身份证号已在本系统其他组织登记，不能重复建档；如该同志组织关系需要转入，请联系其所在组织办理转接。',
    en: 'This ID number is already registered in another organisation of this deployment; if the person is moving here, ask their organisation for a transfer.',
  },
  IMPORT_ORG_CHANGE: {
    'zh-CN': '该同志已登记在“{org}”，导入不能改变所在组织；调整组织请办理组织关系转接。',
    en: 'This person is registered in "{org}"; an import cannot change their organisation. Use a transfer instead.',
  },
  PERIOD_INVALID: { 'zh-CN': '统计期应写作“2026-07”（月）、“2026-Q3”（季度）或“2026”（年度）。', en: 'A period is written "2026-07" (month), "2026-Q3" (quarter) or "2026" (year).' },
  PERIOD_MONTH_INVALID: { 'zh-CN': '月份应写作“2026-07”的形式。', en: 'A month is written like "2026-07".' },
  PERIOD_QUARTER_INVALID: { 'zh-CN': '季度应写作“2026-Q3”的形式（年份-Q季度号 1–4）。', en: 'A quarter is written like "2026-Q3" (year, Q, quarter 1–4).' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
