/** Texts of the circulars pages: zh-CN (the source of the keys) and English with the same keys. */

export const circularsZh = {} as const;

export const circularsEn: Record<keyof typeof circularsZh, string> = {};
