/** Error codes of the circulars module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const circularErrors = {} as const satisfies Record<string, CatalogEntry>;
