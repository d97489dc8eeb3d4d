/** Error codes of the makeup module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const makeupErrors = {} as const satisfies Record<string, CatalogEntry>;
