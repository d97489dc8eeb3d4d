/** Messages for codes raised by the API schemas themselves (the rules' codes live in rules/messages.ts). */
export const apiMessages = {
  ORG_CODE_FORMAT: { 'zh-CN': '组织编码只能包含字母、数字、“-”和“_”。', en: 'An organisation code may contain only letters, digits, "-" and "_".' },
  USERNAME_FORMAT: { 'zh-CN': '用户名只能包含字母、数字、“.”、“-”和“_”。', en: 'A username may contain only letters, digits, ".", "-" and "_".' },
  LOST_CONTACT_DATE_REQUIRED: { 'zh-CN': '状态为“失去联系”时必须填写失联日期。', en: 'A lost-contact status needs the date contact was lost.' },
  DATE_IN_FUTURE: { 'zh-CN': '日期不能晚于今天。', en: 'The date cannot be later than today.' },
  STUDY_EXEMPT_REASON_REQUIRED: { 'zh-CN': '免除硬性学习要求时必须写明原因（如年老体弱、行动不便）。', en: 'An exemption from the hard study requirements needs a reason (e.g. elderly or infirm).' },
  ID_NUMBER_TAKEN: { 'zh-CN': '该身份证号已登记在其他人员名下。', en: 'This ID number is already registered to someone else.' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
