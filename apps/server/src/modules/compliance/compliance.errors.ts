/** Error codes of the compliance module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const complianceErrors = {} as const satisfies Record<string, CatalogEntry>;
