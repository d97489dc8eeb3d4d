/**
 * Permission-matrix rows of /plans: only the managers of the plan's organisation (the officer
 * everywhere, the secretary in branch A) make, read, change and remove plans; members see the
 * resulting activities in their obligations, and administrators see nothing.
 */
import type { ServerContext } from '../../context.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../lib/time.ts';
import { TEST_PASSWORD } from '../../test/factories.ts';
import { loginClient } from '../../test/harness.ts';
import { definePermissions, managers, nobodyElse, org, type Side } from '../../test/permission-fragment.ts';

/** Next year: every date of the plan is still ahead, whatever the clock says. */
const nextYear = (ctx: ServerContext) => Number(todayIn(ctx).slice(0, 4)) + 1;

const planInput = (orgId: string, year: number) => ({
  orgId,
  year,
  kind: 'theme_party_day',
  topic: '矩阵主题党日',
  recurrence: { freq: 'quarterly', monthOfQuarter: 1, day: 15 },
  startTime: '09:00',
  durationMinutes: 90,
});

/** A bare plan row (no activities) for one removal. */
async function barePlan(ctx: ServerContext, orgId: string): Promise<string> {
  const id = newId();
  const org = await ctx.db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('activity_plans')
    .values({
      id,
      org_id: orgId,
      org_path: org.path,
      year: nextYear(ctx),
      kind: 'party_lesson',
      topic: '待删除计划',
      recurrence: JSON.stringify({ freq: 'yearly', month: 6, day: 1 }),
      start_time: '09:00',
      duration_minutes: 60,
    })
    .execute();
  return id;
}

export const permissions = definePermissions({
  setup: async (env, f) => {
    const officer = await loginClient(env.app, f.users.officer.username, TEST_PASSWORD);
    const make = async (orgId: string) => {
      const res = await officer.post('/api/v1/plans', {
        ...planInput(orgId, nextYear(env.ctx)),
        topic: '矩阵已有计划',
        recurrence: { freq: 'yearly', month: 7, day: 1 },
      });
      if (res.statusCode !== 201) throw new Error(`plan failed: ${res.body}`);
      return res.json().id as string;
    };
    const plans: Record<Side, string> = { inside: await make(f.A.id), outside: await make(f.B.id) };
    return { ctx: env.ctx, plans };
  },
  rules: {
    'POST /api/v1/plans': {
      call: (f, s, x) => ({ method: 'POST', url: '/api/v1/plans', body: planInput(org(f, s).id, nextYear(x.ctx)) }),
      expect: { ...managers, ...nobodyElse },
    },
    'GET /api/v1/plans': { call: (f, s) => ({ method: 'GET', url: `/api/v1/plans?orgId=${org(f, s).id}` }), expect: { ...managers, ...nobodyElse } },
    'GET /api/v1/plans/{id}': { call: (_f, s, x) => ({ method: 'GET', url: `/api/v1/plans/${x.plans[s]}` }), expect: { ...managers, ...nobodyElse } },
    'PATCH /api/v1/plans/{id}': {
      // A stale version: allowed callers get CONFLICT_VERSION and nothing changes.
      call: (_f, s, x) => ({ method: 'PATCH', url: `/api/v1/plans/${x.plans[s]}`, body: { version: 999, topic: '过期版本' } }),
      expect: { ...managers, ...nobodyElse },
    },
    'DELETE /api/v1/plans/{id}': {
      call: async (f, s, x) => ({ method: 'DELETE', url: `/api/v1/plans/${await barePlan(x.ctx, org(f, s).id)}` }),
      expect: { ...managers, ...nobodyElse },
    },
  },
});
