/** Messages for codes raised by the API schemas themselves (the rules' codes live in rules/messages.ts). */
export const apiMessages = {
  ORG_CODE_FORMAT: { 'zh-CN': '组织编码只能包含字母、数字、“-”和“_”。', en: 'An organisation code may contain only letters, digits, "-" and "_".' },
} as const satisfies Record<string, { 'zh-CN': string; en: string }>;
