/**
 * Permission-matrix rows of /me/notifications. Every account has its own inbox, so listing,
 * counting and marking all read are allowed to everyone (each sees only their rows). Marking one
 * read is called on a notification addressed to a fourth account: every caller, whatever their
 * role, is refused as if it did not exist (reading one's own is covered by notifications.test.ts).
 */
import { everyone, definePermissions } from '../../test/permission-fragment.ts';
import { notify } from './notifications.service.ts';

export const permissions = definePermissions({
  setup: async (env, f) => {
    const result = await notify(env.ctx.db, env.ctx, {
      recipients: { userIds: [f.spareUser.id] },
      kind: 'circular_published',
      params: { title: '关于2026年第三季度组织生活开展情况的通报', orgName: '县直机关工委', period: '2026-Q3' },
      link: '/circulars',
      dedupeKey: `matrix:${f.spareUser.id}`,
    });
    return { othersNotificationId: result.notificationIds[0]! };
  },
  rules: {
    'GET /api/v1/me/notifications': { call: () => ({ method: 'GET', url: '/api/v1/me/notifications?unreadOnly=true' }), expect: everyone },
    'GET /api/v1/me/notifications/unread-count': { call: () => ({ method: 'GET', url: '/api/v1/me/notifications/unread-count' }), expect: everyone },
    'POST /api/v1/me/notifications/read-all': { call: () => ({ method: 'POST', url: '/api/v1/me/notifications/read-all' }), expect: everyone },
    'POST /api/v1/me/notifications/{id}/read': {
      call: (_f, _s, x) => ({ method: 'POST', url: `/api/v1/me/notifications/${x.othersNotificationId}/read` }),
      expect: { member: 'deny', audit_admin: 'deny', security_admin: 'deny', system_admin: 'deny', officer: 'deny', secretary: 'deny' },
    },
  },
});
