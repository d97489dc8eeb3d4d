/** Texts of the member-life pages: zh-CN (the source of the keys) and English with the same keys. */

export const memberLifeZh = {} as const;

export const memberLifeEn: Record<keyof typeof memberLifeZh, string> = {};
