/**
 * React Query hooks for the bell: the unread count is polled (a new notification should show up
 * without a reload), the list is loaded when the drawer opens; reading refreshes both.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi, type NotificationQuery } from '../../api/notifications.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (query: NotificationQuery) => ['notifications', 'list', query] as const,
};

/** How often the header asks for the unread count while the page is open. */
export const UNREAD_POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({ queryKey: notificationKeys.unread, queryFn: notificationsApi.unreadCount, refetchInterval: UNREAD_POLL_MS, staleTime: 15_000 });
}

export function useNotifications(query: NotificationQuery, enabled: boolean) {
  return useQuery({ queryKey: notificationKeys.list(query), queryFn: () => notificationsApi.list(query), enabled });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => notificationsApi.read(id), onSuccess: invalidate });
}

export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: () => notificationsApi.readAll(), onSuccess: invalidate });
}
