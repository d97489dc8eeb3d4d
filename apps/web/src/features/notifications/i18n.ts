/** Texts of the notifications pages: zh-CN (the source of the keys) and English with the same keys. */

export const notificationsZh = {
  'notifications.bell': '消息提醒',
  'notifications.bellUnread': '消息提醒，{count} 条未读',
  'notifications.title': '消息提醒',
  'notifications.all': '全部',
  'notifications.unread': '未读',
  'notifications.readAll': '全部已读',
  'notifications.readAllDone': '已将 {count} 条消息标为已读',
  'notifications.markRead': '标为已读',
  'notifications.empty': '暂无消息',
  'notifications.emptyUnread': '没有未读消息',
} as const;

export const notificationsEn: Record<keyof typeof notificationsZh, string> = {
  'notifications.bell': 'Notifications',
  'notifications.bellUnread': 'Notifications, {count} unread',
  'notifications.title': 'Notifications',
  'notifications.all': 'All',
  'notifications.unread': 'Unread',
  'notifications.readAll': 'Mark all read',
  'notifications.readAllDone': '{count} notifications marked read',
  'notifications.markRead': 'Mark read',
  'notifications.empty': 'No notifications',
  'notifications.emptyUnread': 'No unread notifications',
};
