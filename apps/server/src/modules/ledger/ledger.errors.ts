/** Error codes of the ledger module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const ledgerErrors = {} as const satisfies Record<string, CatalogEntry>;
