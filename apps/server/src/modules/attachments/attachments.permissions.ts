/**
 * Permission-matrix rows of /attachments. Managers upload, list and read their organisations'
 * files; a file linked to an activity is also readable by the activity's attendees (the member of
 * branch A is expected at A's assembly, so they read A's file and not B's); administrators see none.
 */
import { multipartBody } from '../imports/imports.testkit.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, everyone, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';

const upload = (orgId: string) => multipartBody({ orgId }, { name: '会议记录.txt', data: Buffer.from('支部党员大会会议记录\n') });

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const plannedStart = new Date(env.ctx.now().getTime() + 7 * 86_400_000).toISOString();
    const fileFor = async (orgId: string) => {
      const body = upload(orgId);
      const uploaded = await officer.post('/api/v1/attachments', body.payload, { 'content-type': body.contentType });
      if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
      const activity = await officer.post('/api/v1/activities', { orgId, kind: 'member_assembly', topic: '附件矩阵', plannedStart });
      const linked = await officer.post(`/api/v1/activities/${activity.json().id}/attachments`, { attachmentId: uploaded.json().id });
      if (linked.statusCode !== 200) throw new Error(`link failed: ${linked.body}`);
      return uploaded.json().id as string;
    };
    const files: Record<Side, string> = { inside: await fileFor(f.A.id), outside: await fileFor(f.B.id) };
    return { files };
  },
  rules: {
    'GET /api/v1/attachments/limits': { call: () => ({ method: 'GET', url: '/api/v1/attachments/limits' }), expect: everyone },
    'POST /api/v1/attachments': {
      call: (f, s) => {
        const body = upload(org(f, s).id);
        return { method: 'POST', url: '/api/v1/attachments', body: body.payload, headers: { 'content-type': body.contentType } };
      },
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/attachments': {
      call: (f, s) => ({ method: 'GET', url: `/api/v1/attachments?orgId=${org(f, s).id}` }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/attachments/{id}': {
      call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/attachments/${x.files[s]}` }),
      expect: { ...managers, ...nobodyElse, member: 'subtree' },
    },
    'GET /api/v1/attachments/{id}/download': {
      call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/attachments/${x.files[s]}/download` }),
      expect: { ...managers, ...nobodyElse, member: 'subtree' },
    },
  },
});
