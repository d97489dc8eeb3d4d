/** Error codes of the attachments module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const attachmentErrors = {} as const satisfies Record<string, CatalogEntry>;
