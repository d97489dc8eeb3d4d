/** Texts of the activities pages: zh-CN (the source of the keys) and English with the same keys. */

export const activitiesZh = {} as const;

export const activitiesEn: Record<keyof typeof activitiesZh, string> = {};
