/**
 * Permission-matrix rows of /circulars. Only committee officers generate and publish (a
 * secretary is refused even inside their subtree); secretaries read the published circulars of
 * organisations overlapping their subtree; members and the three administrators see none. The
 * read rows use published circulars of A (inside) and B (outside); the publish row uses drafts.
 */
import { definePermissions, nobodyElse, org, type BaseFixture, type Side } from '../../test/permission-fragment.ts';
import { generateCircular, publishCircular } from './circulars.service.ts';
import { defaultCircularSources } from './circulars.sources.ts';
import type { TestEnv } from '../../test/harness.ts';

// A finished quarter, so the matrix does not depend on the day it runs.
const period = '2025-Q4';

async function officerActor(env: TestEnv, f: BaseFixture) {
  const row = await env.ctx.db.selectFrom('organizations').select('path').where('id', '=', f.tree.root.id).executeTakeFirstOrThrow();
  const user = await env.ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', f.users.officer.id).executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, displayName: user.display_name, personId: null, sessionId: 'matrix', mustChangePassword: false, grants: [{ role: 'committee_officer' as const, orgId: f.tree.root.id, orgPath: row.path }] };
}

export const permissions = definePermissions({
  setup: async (env, f) => {
    const actor = await officerActor(env, f);
    const make = async (side: Side, publish: boolean) => {
      const c = await generateCircular(env.ctx, { actor, ip: null, input: { orgId: org(f, side).id, period }, sources: defaultCircularSources });
      if (publish) await publishCircular(env.ctx, { actor, ip: null, id: c.id });
      return c.id;
    };
    return {
      published: { inside: await make('inside', true), outside: await make('outside', true) },
      drafts: { inside: await make('inside', false), outside: await make('outside', false) },
    };
  },
  rules: {
    'POST /api/v1/circulars': { call: (f, s) => ({ method: 'POST', url: '/api/v1/circulars', body: { orgId: org(f, s).id, period } }), expect: { officer: 'allow', secretary: 'deny', ...nobodyElse } },
    'GET /api/v1/circulars': { call: (f, s) => ({ method: 'GET', url: `/api/v1/circulars?orgId=${org(f, s).id}` }), expect: { officer: 'allow', secretary: 'subtree', ...nobodyElse } },
    'GET /api/v1/circulars/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/circulars/${x.published[s]}` }), expect: { officer: 'allow', secretary: 'subtree', ...nobodyElse } },
    'GET /api/v1/circulars/{id}/docx': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/circulars/${x.published[s]}/docx` }), expect: { officer: 'allow', secretary: 'subtree', ...nobodyElse } },
    'GET /api/v1/circulars/{id}/pdf': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/circulars/${x.published[s]}/pdf` }), expect: { officer: 'allow', secretary: 'subtree', ...nobodyElse } },
    'POST /api/v1/circulars/{id}/publish': { call: (_f, s, x) => ({ method: 'POST', url: `/api/v1/circulars/${x.drafts[s]}/publish` }), expect: { officer: 'allow', secretary: 'deny', ...nobodyElse } },
  },
});
