/**
 * Permission-matrix rows of /activities. Managers (the officer everywhere, the secretary in branch A)
 * plan, read and change activities; the member sees an activity of A as its attendee (they are a
 * member of A, so expected at A's assembly) but changes nothing; administrators see nothing.
 * Writes are built so an allowed caller gets past authorization without lasting harm: a stale
 * version, a cancellation of a held activity, a resolution on a party lesson (refused by the rules).
 */
import { newId } from '../../lib/ids.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';

type Activity = { id: string; version: number; attendees: Array<{ personId: string; role: string }> };

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const now = env.ctx.now().getTime();
    const later = new Date(now + 7 * 86_400_000).toISOString();
    const earlier = new Date(now - 3_600_000).toISOString();
    const plan = async (orgId: string, kind: string): Promise<Activity> => {
      const res = await officer.post('/api/v1/activities', { orgId, kind, topic: '矩阵测试活动', plannedStart: later });
      if (res.statusCode !== 201) throw new Error(`plan failed: ${res.body}`);
      return res.json();
    };
    const held = async (orgId: string, kind: string): Promise<Activity> => {
      const a = await plan(orgId, kind);
      // A held record says who attended: everyone expected is marked present with it.
      const attendance = a.attendees.filter((p) => p.role === 'expected').map((p) => ({ personId: p.personId, status: 'present' }));
      const res = await officer.post(`/api/v1/activities/${a.id}/record`, { version: a.version, actualStart: earlier, attendance });
      if (res.statusCode !== 200) throw new Error(`record failed: ${res.body}`);
      return res.json();
    };
    const attachment = async (orgId: string) => {
      const id = newId();
      const path = (await env.ctx.db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow()).path;
      await env.ctx.db
        .insertInto('attachments')
        .values({ id, org_id: orgId, org_path: path, file_name: '矩阵.txt', media_type: 'text/plain', size_bytes: 1, sha256: 'x', storage_key: id })
        .execute();
      return id;
    };
    const bySide = async <T>(make: (orgId: string) => Promise<T>): Promise<Record<Side, T>> => ({ inside: await make(f.A.id), outside: await make(f.B.id) });
    return {
      ctx: env.ctx,
      assembly: await bySide((o) => plan(o, 'member_assembly')),
      lesson: await bySide((o) => held(o, 'party_lesson')),
      attachments: await bySide(attachment),
    };
  },
  rules: {
    'POST /api/v1/activities': {
      call: (f, s) => ({
        method: 'POST',
        url: '/api/v1/activities',
        body: { orgId: org(f, s).id, kind: 'theme_party_day', topic: '矩阵主题党日', plannedStart: '2030-01-15T09:00:00+08:00' },
      }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/activities': { call: (f, s) => ({ method: 'GET', url: `/api/v1/activities?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/activities/calendar': {
      call: (f, s) => ({ method: 'GET', url: `/api/v1/activities/calendar?orgId=${org(f, s).id}&month=2030-01` }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/activities/{id}': {
      call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/activities/${x.assembly[s].id}` }),
      // The member belongs to branch A: expected at its assembly, so they see it (limited view).
      expect: { ...managers, ...nobodyElse, member: 'subtree' },
    },
    'PATCH /api/v1/activities/{id}': {
      call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/activities/${x.assembly[s].id}`, body: { version: 999, topic: '过期版本' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/cancel': {
      // A held activity: allowed callers are refused by the rules (only planned ones cancel).
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x.lesson[s].id}/cancel`, body: { reason: '矩阵测试' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/record': {
      call: (_f, s, x) => ({
        method: 'POST',
        url: `/api/v1/activities/${x.assembly[s].id}/record`,
        body: { version: 999, actualStart: '2020-01-01T09:00:00+08:00' },
      }),
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/guests': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x.assembly[s].id}/guests`, body: { kind: 'guest', name: '矩阵来宾' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'DELETE /api/v1/activities/{id}/guests/{guestId}': {
      // A fresh guest for every call, so an allowed caller always has one to remove.
      call: async (_f, s, x) => {
        const guestId = newId();
        await x.ctx.db.insertInto('activity_guests').values({ id: guestId, activity_id: x.assembly[s].id, kind: 'guest', name: '待移除来宾' }).execute();
        return { method: 'DELETE', url: `/api/v1/activities/${x.assembly[s].id}/guests/${guestId}` };
      },
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/resolutions': {
      call: (_f, s, x) => ({
        method: 'POST',
        url: `/api/v1/activities/${x.lesson[s].id}/resolutions`,
        body: { title: '矩阵表决', ayes: 1, nays: 0, abstentions: 0 },
      }),
      expect: { ...managers, ...nobodyElse },
    },
    'POST /api/v1/activities/{id}/attachments': {
      call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/activities/${x.assembly[s].id}/attachments`, body: { attachmentId: x.attachments[s] } }),
      expect: { ...managers, ...nobodyElse },
    },
    'DELETE /api/v1/activities/{id}/attachments/{attachmentId}': {
      call: async (_f, s, x) => {
        await x.ctx.db
          .insertInto('attachment_links')
          .values({ attachment_id: x.attachments[s], entity_type: 'activity', entity_id: x.lesson[s].id })
          .onConflict((oc) => oc.doNothing())
          .execute();
        return { method: 'DELETE', url: `/api/v1/activities/${x.lesson[s].id}/attachments/${x.attachments[s]}` };
      },
      expect: { ...managers, ...nobodyElse },
    },
  },
});
