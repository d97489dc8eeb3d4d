/** Texts of the compliance pages: zh-CN (the source of the keys) and English with the same keys. */

export const complianceZh = {} as const;

export const complianceEn: Record<keyof typeof complianceZh, string> = {};
