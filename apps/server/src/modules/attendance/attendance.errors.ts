/** Error codes of the attendance module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const attendanceErrors = {} as const satisfies Record<string, CatalogEntry>;
