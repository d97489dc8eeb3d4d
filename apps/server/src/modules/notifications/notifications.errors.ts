/** Error codes of the notifications module: HTTP status, zh-CN and English text (spread into errors.ts). */
import type { CatalogEntry } from '../../errors.ts';

export const notificationErrors = {
  NOTIFICATION_NOT_FOUND: { status: 404, 'zh-CN': '未找到该消息，可能不是发给您的。', en: 'Notification not found; it may not be addressed to you.' },
} as const satisfies Record<string, CatalogEntry>;
