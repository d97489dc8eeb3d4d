/** Error codes of the central-groups module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const centralGroupErrors = {} as const satisfies Record<string, CatalogEntry>;
