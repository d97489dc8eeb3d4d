/** Error codes of the notifications module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const notificationErrors = {} as const satisfies Record<string, CatalogEntry>;
