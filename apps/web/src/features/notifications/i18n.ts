/** Texts of the notifications pages: zh-CN (the source of the keys) and English with the same keys. */

export const notificationsZh = {} as const;

export const notificationsEn: Record<keyof typeof notificationsZh, string> = {};
