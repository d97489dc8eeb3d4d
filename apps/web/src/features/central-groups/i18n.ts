/** Texts of the central-groups pages: zh-CN (the source of the keys) and English with the same keys. */

export const centralGroupsZh = {} as const;

export const centralGroupsEn: Record<keyof typeof centralGroupsZh, string> = {};
