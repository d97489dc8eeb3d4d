/** Error codes of the activities module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const activityErrors = {} as const satisfies Record<string, CatalogEntry>;
