/** Error codes of the plans module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const planErrors = {} as const satisfies Record<string, CatalogEntry>;
