/** /me/notifications endpoints: the signed-in account's own in-app inbox (消息提醒). */
import type { NotificationListQuery, NotificationPage, NotificationView } from '@pioneer/domain';
import { http } from './client.ts';

/** On the wire the filter is the string 'true'/'false' (the schema turns it into a boolean). */
export type NotificationQuery = Partial<Omit<NotificationListQuery, 'unreadOnly'>> & { unreadOnly?: boolean };

export const notificationsApi = {
  list: (query: NotificationQuery) => http.get<NotificationPage>('/me/notifications', query),
  unreadCount: () => http.get<{ count: number }>('/me/notifications/unread-count'),
  read: (id: string) => http.post<NotificationView>(`/me/notifications/${id}/read`),
  readAll: () => http.post<{ updated: number }>('/me/notifications/read-all'),
};
