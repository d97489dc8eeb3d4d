/**
 * Recurring plans over HTTP on a real database: a monthly theme party day generates the rest of the
 * year from today, an identical save creates nothing, a change regenerates only future planned
 * activities (held and hand-cancelled occurrences stay), and removing a plan cancels what is left.
 */
import { expect, it } from 'vitest';
import type { ServerContext } from '../../context.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

type PlanActivity = { id: string; status: string; plannedStart: string; plannedOn: string; heldOn: string | null; cancelReason: string | null };

describeEachDatabase('plans', (env) => {
  async function clientFor(
    roles: Array<{ role: 'committee_officer' | 'secretary' | 'member'; orgId: string }>,
    personId: string | null = null,
  ): Promise<Client> {
    const user = await makeUser(env().ctx, { roles, personId });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }

  async function world() {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    await makePerson(ctx, { orgId: tree.branch.id, name: '党员甲' });
    await makePerson(ctx, { orgId: tree.branch.id, name: '党员乙', category: 'probationary' });
    const user = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const secretary = await loginClient(env().app, user.username, TEST_PASSWORD);
    /** A new session after the clock moves on by days (sessions end after 30 idle minutes). */
    const relogin = () => loginClient(env().app, user.username, TEST_PASSWORD);
    return { tree, secretary, relogin };
  }

  const themeDay = (orgId: string, overrides: Record<string, unknown> = {}) => ({
    orgId,
    year: 2026,
    kind: 'theme_party_day',
    topic: '主题党日',
    recurrence: { freq: 'monthly', day: 15 },
    startTime: '09:00',
    durationMinutes: 120,
    place: '党员活动室',
    ...overrides,
  });

  /** A held record says who attended: the record request marks every expected attendee present. */
  const allPresent = (detail: { attendees: Array<{ personId: string; role: string }> }) =>
    detail.attendees.filter((a) => a.role === 'expected').map((a) => ({ personId: a.personId, status: 'present' }));

  const planActivityCount = async (ctx: ServerContext, planId: string) =>
    Number(
      (
        await ctx.db
          .selectFrom('activities')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('plan_id', '=', planId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  const byMonth = (activities: PlanActivity[]) => activities.filter((a) => a.status !== 'cancelled').map((a) => `${a.plannedOn.slice(5)} ${a.status}`);

  it('generates the remaining months of a monthly theme party day from today, each with its derived attendees, and never twice', async () => {
    const { ctx } = env();
    env().setNow('2026-05-10T02:00:00Z');
    const { tree, secretary } = await world();
    const res = await secretary.post('/api/v1/plans', themeDay(tree.branch.id));
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect(plan.changes).toEqual({ created: 8, updated: 0, cancelled: 0 });
    expect(plan.counts).toEqual({ planned: 8, held: 0, cancelled: 0 });
    expect(plan.activities.map((a: PlanActivity) => a.plannedOn)).toEqual(['05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}-15`));
    // 09:00 in Beijing is 01:00 UTC.
    expect(plan.activities[0].plannedStart).toBe('2026-05-15T01:00:00.000Z');

    const listed = (await secretary.get(`/api/v1/activities?orgId=${tree.branch.id}&from=2026-05-01&to=2026-12-31`)).json();
    expect(listed.total).toBe(8);
    for (const a of listed.items) expect(a).toMatchObject({ planId: plan.id, kind: 'theme_party_day', place: '党员活动室', counts: { expected: 2 } });
    const first = (await secretary.get(`/api/v1/activities/${plan.activities[0].id}`)).json();
    expect(first.plannedEnd).toBe('2026-05-15T03:00:00.000Z');

    // Saving the same plan again answers it and creates nothing.
    const again = await secretary.post('/api/v1/plans', themeDay(tree.branch.id));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: plan.id, changes: { created: 0, updated: 0, cancelled: 0 } });
    expect(await planActivityCount(ctx, plan.id)).toBe(8);
    const differs = await secretary.post('/api/v1/plans', themeDay(tree.branch.id, { topic: '另一个主题' }));
    expect(differs.statusCode).toBe(409);
    expect(differs.json().error).toMatchObject({ code: 'PLAN_EXISTS' });
    expect(differs.json().error.message).toContain('每月15日');

    const audits = await ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', plan.id).execute();
    expect(audits).toEqual([{ action: 'plan.create', detail: { created: 8, updated: 0, cancelled: 0 } }]);
    const list = (await secretary.get(`/api/v1/plans?orgId=${tree.branch.id}&year=2026`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: plan.id, counts: { planned: 8, held: 0, cancelled: 0 } })]);
  });

  it('places day 31 on each month’s last day and refuses plans that cannot be', async () => {
    env().setNow('2026-05-10T02:00:00Z');
    const { tree, secretary } = await world();
    const quarterly = await secretary.post(
      '/api/v1/plans',
      themeDay(tree.branch.id, { kind: 'member_assembly', topic: '党员大会', recurrence: { freq: 'quarterly', monthOfQuarter: 3, day: 31 } }),
    );
    expect(quarterly.statusCode).toBe(201);
    expect(quarterly.json().activities.map((a: PlanActivity) => a.plannedOn)).toEqual(['2026-06-30', '2026-09-30', '2026-12-31']);

    const past = await secretary.post('/api/v1/plans', themeDay(tree.branch.id, { year: 2025 }));
    expect(past.json().error).toMatchObject({ code: 'PLAN_YEAR_PAST', message: '2025 年已经过去，不能再为该年度制定计划。' });
    const nothingLeft = await secretary.post(
      '/api/v1/plans',
      themeDay(tree.branch.id, { kind: 'org_life_meeting', recurrence: { freq: 'yearly', month: 3, day: 1 } }),
    );
    expect(nothingLeft.json().error.code).toBe('PLAN_NOTHING_LEFT');
    const talks = await secretary.post('/api/v1/plans', themeDay(tree.branch.id, { kind: 'heart_to_heart_talk' }));
    expect(talks.json().error.code).toBe('PLAN_KIND_NOT_RECURRING');
    const committee = await secretary.post('/api/v1/plans', themeDay(tree.branch.id, { kind: 'committee_meeting' }));
    expect(committee.json().error.code).toBe('ACTIVITY_NEEDS_COMMITTEE');
    const badTime = await secretary.post('/api/v1/plans', themeDay(tree.branch.id, { startTime: '9:00' }));
    expect(badTime.json().error.details[0]).toMatchObject({ path: 'startTime', code: 'PLAN_START_TIME_FORMAT' });
    const outside = await secretary.post('/api/v1/plans', themeDay(tree.otherBranch.id));
    expect(outside.statusCode).toBe(404);
  });

  it('regenerates only future planned activities: held and hand-cancelled occurrences stay, the others move in place', async () => {
    const { ctx } = env();
    env().setNow('2026-05-10T02:00:00Z');
    const { tree, relogin } = await world();
    let secretary = await relogin();
    const plan = (await secretary.post('/api/v1/plans', themeDay(tree.branch.id))).json();
    const [may, june, july] = plan.activities as PlanActivity[];

    // May's theme day is held on its day; June's is cancelled by hand.
    env().setNow('2026-05-15T03:00:00Z');
    secretary = await relogin();
    const mayDetail = (await secretary.get(`/api/v1/activities/${may!.id}`)).json();
    expect(
      (await secretary.post(`/api/v1/activities/${may!.id}/record`, { version: mayDetail.version, actualStart: '2026-05-15T01:00:00Z', attendance: allPresent(mayDetail) }))
        .statusCode,
    ).toBe(200);
    expect((await secretary.post(`/api/v1/activities/${june!.id}/cancel`, { reason: '端午节调整' })).statusCode).toBe(200);

    const moved = await secretary.patch(`/api/v1/plans/${plan.id}`, { version: plan.version, recurrence: { freq: 'monthly', day: 20 }, startTime: '14:30' });
    expect(moved.statusCode).toBe(200);
    const m = moved.json();
    expect(m.changes).toEqual({ created: 0, updated: 6, cancelled: 0 });
    expect(m.version).toBe(plan.version + 1);
    const julyAfter = m.activities.find((a: PlanActivity) => a.id === july!.id);
    expect(julyAfter).toMatchObject({ status: 'planned', plannedOn: '2026-07-20', plannedStart: '2026-07-20T06:30:00.000Z' });
    expect(m.activities.find((a: PlanActivity) => a.id === may!.id)).toMatchObject({ status: 'held', heldOn: '2026-05-15' });
    expect(m.activities.find((a: PlanActivity) => a.id === june!.id)).toMatchObject({ status: 'cancelled', cancelReason: '端午节调整' });
    expect(byMonth(m.activities)).toEqual(['05-15 held', '07-20 planned', '08-20 planned', '09-20 planned', '10-20 planned', '11-20 planned', '12-20 planned']);

    // The same values again: nothing changes, not even the version.
    const same = await secretary.patch(`/api/v1/plans/${plan.id}`, { version: m.version, recurrence: { day: 20, freq: 'monthly' }, startTime: '14:30' });
    expect(same.json()).toMatchObject({ version: m.version, changes: { created: 0, updated: 0, cancelled: 0 } });
    const stale = await secretary.patch(`/api/v1/plans/${plan.id}`, { version: plan.version, topic: '旧版本' });
    expect(stale.json().error.code).toBe('CONFLICT_VERSION');

    // Quarterly instead: Q2 is settled (held in May); Q3 and Q4 keep one activity each.
    const quarterly = (
      await secretary.patch(`/api/v1/plans/${plan.id}`, { version: m.version, recurrence: { freq: 'quarterly', monthOfQuarter: 2, day: 10 } })
    ).json();
    expect(quarterly.changes).toEqual({ created: 0, updated: 2, cancelled: 4 });
    expect(byMonth(quarterly.activities)).toEqual(['05-15 held', '08-10 planned', '11-10 planned']);
    expect(quarterly.activities.filter((a: PlanActivity) => a.cancelReason === '计划已调整')).toHaveLength(4);

    // And monthly again: activities the plan itself cancelled do not hold a month.
    const monthly = (await secretary.patch(`/api/v1/plans/${plan.id}`, { version: quarterly.version, recurrence: { freq: 'monthly', day: 20 } })).json();
    expect(monthly.changes).toEqual({ created: 4, updated: 2, cancelled: 0 });
    expect(byMonth(monthly.activities)).toEqual([
      '05-15 held',
      '07-20 planned',
      '08-20 planned',
      '09-20 planned',
      '10-20 planned',
      '11-20 planned',
      '12-20 planned',
    ]);
    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', plan.id).orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['plan.create', 'plan.update', 'plan.update', 'plan.update']);
    // Each activity's own history shows what the plan did to it.
    const julyHistory = (
      await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', july!.id).where('action', 'like', 'activity.%').orderBy('id').execute()
    ).map((r) => r.action);
    // Created, moved to the 20th, to 10 August (quarterly), to 20 August (monthly again).
    expect(julyHistory).toEqual(['activity.create', 'activity.update', 'activity.update', 'activity.update']);
  });

  it('removes a plan by cancelling its future planned activities and leaving the held ones', async () => {
    const { ctx } = env();
    env().setNow('2026-05-10T02:00:00Z');
    const { tree, relogin } = await world();
    let secretary = await relogin();
    const plan = (await secretary.post('/api/v1/plans', themeDay(tree.branch.id))).json();
    env().setNow('2026-05-16T02:00:00Z');
    secretary = await relogin();
    const may = plan.activities[0];
    const mayDetail = (await secretary.get(`/api/v1/activities/${may.id}`)).json();
    expect(
      (await secretary.post(`/api/v1/activities/${may.id}/record`, { version: mayDetail.version, actualStart: '2026-05-15T01:00:00Z', attendance: allPresent(mayDetail) }))
        .statusCode,
    ).toBe(200);

    const other = await clientFor([{ role: 'secretary', orgId: tree.otherBranch.id }]);
    expect((await other.delete(`/api/v1/plans/${plan.id}`)).statusCode).toBe(404);
    const removed = await secretary.delete(`/api/v1/plans/${plan.id}`);
    expect(removed.json()).toEqual({ id: plan.id, cancelled: 7 });
    expect((await secretary.get(`/api/v1/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await secretary.get(`/api/v1/activities/${may.id}`)).json()).toMatchObject({ status: 'held', planId: null });
    const june = (await secretary.get(`/api/v1/activities/${plan.activities[1].id}`)).json();
    expect(june).toMatchObject({ status: 'cancelled', cancelReason: '计划已撤销' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', plan.id)
      .where('action', '=', 'plan.delete')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toEqual({ cancelled: 7 });
  });

  it('shows plans to the managers of their organisation only', async () => {
    env().setNow('2026-05-10T02:00:00Z');
    const { ctx } = env();
    const { tree, secretary } = await world();
    const group = await makeOrg(ctx, { parentId: tree.branch.id, kind: 'party_group' });
    const groupPlan = (await secretary.post('/api/v1/plans', themeDay(group.id, { kind: 'party_group_meeting', topic: '党小组会' }))).json();
    const officer = await clientFor([{ role: 'committee_officer', orgId: tree.unit.id }]);
    const seen = (await officer.get(`/api/v1/plans?orgId=${tree.unit.id}&year=2026`)).json();
    expect(seen.items.map((p: { id: string }) => p.id)).toContain(groupPlan.id);
    const other = await clientFor([{ role: 'secretary', orgId: tree.otherBranch.id }]);
    expect((await other.get(`/api/v1/plans/${groupPlan.id}`)).json().error.code).toBe('PLAN_NOT_FOUND');
    expect((await other.get(`/api/v1/plans?orgId=${tree.branch.id}`)).statusCode).toBe(404);
    const person = await makePerson(ctx, { orgId: tree.branch.id });
    const member = await clientFor([{ role: 'member', orgId: tree.branch.id }], person.id);
    expect((await member.get('/api/v1/plans')).statusCode).toBe(403);
  });
});
