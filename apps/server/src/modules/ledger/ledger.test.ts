/**
 * The study-hour ledger on a real database: syncing an activity's credits with its record (present
 * → credit, corrected to absent → reversal, other hours → reversal and new credit, not held → none,
 * idempotent, the local day decides the year, the daily cap), the append-only table, and the
 * member's and manager's views over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { derive, makeActivity, setAttendance, setHeld } from '../attendance/attendance.testkit.ts';
import { syncActivityCredits } from './ledger.service.ts';

describeEachDatabase('study-hour ledger', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const env = getEnv();
    env.setNow('2026-07-02T02:00:00Z');
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const guest = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '孙列席' });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const otherSecretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    return { env, ctx, tree, alice, bob, guest, aliceUser, secretaryUser, otherSecretaryUser, login };
  }

  const creditsOf = (ctx: ReturnType<typeof getEnv>['ctx'], activityId: string) =>
    ctx.db.selectFrom('study_credits').selectAll().where('source_type', '=', 'activity').where('source_id', '=', activityId).orderBy('created_at').orderBy('id').execute();
  const net = (rows: Array<{ person_id: string; hours: number }>, personId: string) => rows.filter((r) => r.person_id === personId).reduce((s, r) => s + Number(r.hours), 0);

  it('credits everyone present at a held activity — expected or guest — once, with the day, year, organisation and description', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, {
      orgId: w.tree.branch.id,
      status: 'held',
      heldOn: '2026-07-01',
      topic: '学习党章',
      creditHours: 2,
      attendees: [
        { personId: w.alice.id, status: 'present' },
        { personId: w.bob.id, status: 'absent' },
        { personId: w.guest.id, role: 'guest', status: 'present' },
      ],
    });
    const { ledger } = await derive(w.ctx, activity.id, w.secretaryUser.id);
    expect(ledger).toEqual({ credited: 2, reversed: 0 });
    const rows = await creditsOf(w.ctx, activity.id);
    expect(rows).toHaveLength(2);
    const alice = rows.find((r) => r.person_id === w.alice.id)!;
    expect(alice).toMatchObject({ hours: 2, year: 2026, credited_on: '2026-07-01', org_id: w.tree.branch.id, description: '2026-07-01 支部党员大会：学习党章', reverses_id: null, created_by: w.secretaryUser.id });
    expect(rows.find((r) => r.person_id === w.guest.id)!.org_id).toBe(w.tree.otherBranch.id);
  });

  it('is idempotent: a second sync changes nothing', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    const before = await creditsOf(w.ctx, activity.id);
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 0, reversed: 0 });
    expect(await creditsOf(w.ctx, activity.id)).toEqual(before);
  });

  it('reverses the credit when the attendance is corrected to absent, and credits again when corrected back', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', creditHours: 1, attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    await setAttendance(w.ctx, activity.id, w.alice.id, 'absent');
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 0, reversed: 1 });
    let rows = await creditsOf(w.ctx, activity.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ hours: -1, reverses_id: rows[0]!.id, year: 2026, credited_on: '2026-07-01', description: '冲销：2026-07-01 支部党员大会：学习贯彻党的二十届四中全会精神' });
    expect(net(rows, w.alice.id)).toBe(0);
    await setAttendance(w.ctx, activity.id, w.alice.id, 'present');
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 1, reversed: 0 });
    rows = await creditsOf(w.ctx, activity.id);
    expect(net(rows, w.alice.id)).toBe(1);
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 0, reversed: 0 });
  });

  it('re-records with other hours as a reversal and a new credit', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', creditHours: 1, attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    await setHeld(w.ctx, activity.id, { heldOn: '2026-07-01', creditHours: 3.5 });
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 1, reversed: 1 });
    const rows = await creditsOf(w.ctx, activity.id);
    expect(rows.map((r) => Number(r.hours))).toEqual([1, -1, 3.5]);
    expect(net(rows, w.alice.id)).toBe(3.5);
  });

  it('moves the credit when the held day is corrected into another year, and removes every credit when the activity is no longer held or earns nothing', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-01-01', creditHours: 2, attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    await setHeld(w.ctx, activity.id, { heldOn: '2025-12-31' });
    await derive(w.ctx, activity.id);
    const rows = await creditsOf(w.ctx, activity.id);
    expect(rows.map((r) => [r.year, Number(r.hours)])).toEqual([
      [2026, 2],
      [2026, -2],
      [2025, 2],
    ]);
    await w.ctx.db.updateTable('activities').set({ status: 'cancelled', cancel_reason: '记录有误' }).where('id', '=', activity.id).execute();
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 0, reversed: 1 });
    expect(net(await creditsOf(w.ctx, activity.id), w.alice.id)).toBe(0);

    const business = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'committee_meeting', status: 'held', heldOn: '2026-07-01', creditHours: null, attendees: [{ personId: w.alice.id, status: 'present' }] });
    expect((await derive(w.ctx, business.id)).ledger).toEqual({ credited: 0, reversed: 0 });
    const planned = await makeActivity(w.ctx, { orgId: w.tree.branch.id, creditHours: 2, attendees: [{ personId: w.alice.id, status: 'present' }] });
    expect((await derive(w.ctx, planned.id)).ledger).toEqual({ credited: 0, reversed: 0 });
  });

  it('counts a meeting on 31 December at 23:30 Beijing time in that year', async () => {
    const w = await world();
    // 2026-12-31T15:30Z is 23:30 on 31 December in Asia/Shanghai; held_on is the local day.
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', plannedStart: '2026-12-31T15:30:00Z', heldOn: '2026-12-31', creditHours: 1, attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    expect(await creditsOf(w.ctx, activity.id)).toMatchObject([{ year: 2026, credited_on: '2026-12-31' }]);
    const alice = await w.login(w.aliceUser);
    expect((await alice.get('/api/v1/me/study-hours?year=2026')).json().total).toBe(1);
    expect((await alice.get('/api/v1/me/study-hours?year=2027')).json().total).toBe(0);
  });

  it('caps a person’s credits at 8 a day across activities, and stays stable on re-sync', async () => {
    const w = await world();
    const morning = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'party_lesson', status: 'held', heldOn: '2026-06-10', creditHours: 6, attendees: [{ personId: w.alice.id, status: 'present' }] });
    const afternoon = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'theme_party_day', status: 'held', heldOn: '2026-06-10', creditHours: 4, attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, morning.id);
    await derive(w.ctx, afternoon.id);
    expect((await creditsOf(w.ctx, afternoon.id)).map((r) => Number(r.hours))).toEqual([2]);
    expect((await derive(w.ctx, morning.id)).ledger).toEqual({ credited: 0, reversed: 0 });
    expect((await derive(w.ctx, afternoon.id)).ledger).toEqual({ credited: 0, reversed: 0 });
  });

  it('keeps one credit per person when sign-ins to a held activity commit side by side, each syncing under a shared lock', async () => {
    const w = await world();
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => makePerson(w.ctx, { orgId: w.tree.branch.id, name: `签到${i}` })));
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', creditHours: 2, attendees: people.map((p) => ({ personId: p.id })) });
    // What a sign-in does once afterActivityChange runs the ledger: shared lock, own row, sync.
    await Promise.all(
      people.map((p) =>
        w.ctx.db.transaction().execute(async (trx) => {
          await trx.selectFrom('activities').select('id').where('id', '=', activity.id).forShare().execute();
          await trx.updateTable('activity_attendees').set({ status: 'present' }).where('activity_id', '=', activity.id).where('person_id', '=', p.id).execute();
          await syncActivityCredits(trx, w.ctx, { activityId: activity.id, actorUserId: null });
        }),
      ),
    );
    const rows = await creditsOf(w.ctx, activity.id);
    expect(rows.filter((r) => r.reverses_id !== null)).toEqual([]);
    expect(rows.map((r) => r.person_id).sort()).toEqual(people.map((p) => p.id).sort());
    expect((await derive(w.ctx, activity.id)).ledger).toEqual({ credited: 0, reversed: 0 });
  });

  it('refuses to change or delete a ledger row (append-only)', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', attendees: [{ personId: w.alice.id, status: 'present' }] });
    await derive(w.ctx, activity.id);
    await expect(w.ctx.db.updateTable('study_credits').set({ hours: 5 }).where('source_id', '=', activity.id).execute()).rejects.toThrow(/append-only/);
    await expect(w.ctx.db.deleteFrom('study_credits').where('source_id', '=', activity.id).execute()).rejects.toThrow(/append-only/);
  });

  it('rolls back with the transaction it runs in', async () => {
    const w = await world();
    const activity = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-07-01', attendees: [{ personId: w.alice.id, status: 'present' }] });
    await expect(
      w.ctx.db.transaction().execute(async (trx) => {
        await syncActivityCredits(trx, w.ctx, { activityId: activity.id, actorUserId: null });
        throw new Error('the record failed');
      }),
    ).rejects.toThrow('the record failed');
    expect(await creditsOf(w.ctx, activity.id)).toEqual([]);
  });

  describe('GET /me/study-hours and /people/{id}/study-hours', () => {
    it('shows my year: the total without reversed pairs, hours by source type, and the standing entries newest first', async () => {
      const w = await world();
      const a1 = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-03-01', topic: '一季度党员大会', creditHours: 1, attendees: [{ personId: w.alice.id, status: 'present' }] });
      const a2 = await makeActivity(w.ctx, { orgId: w.tree.branch.id, kind: 'party_lesson', status: 'held', heldOn: '2026-05-01', topic: '书记讲党课', creditHours: 2, attendees: [{ personId: w.alice.id, status: 'present' }] });
      const a3 = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-06-01', creditHours: 1, attendees: [{ personId: w.alice.id, status: 'present' }] });
      for (const a of [a1, a2, a3]) await derive(w.ctx, a.id);
      await setAttendance(w.ctx, a3.id, w.alice.id, 'absent');
      await derive(w.ctx, a3.id);
      await setHeld(w.ctx, a2.id, { heldOn: '2026-05-01', creditHours: 3 });
      await derive(w.ctx, a2.id);

      const alice = await w.login(w.aliceUser);
      const res = await alice.get('/api/v1/me/study-hours?year=2026');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ personId: w.alice.id, personName: '王小明', year: 2026, total: 4 });
      expect(body.bySourceType[0]).toEqual({ sourceType: 'activity', hours: 4 });
      expect(body.bySourceType.map((s: { sourceType: string }) => s.sourceType)).toEqual(['activity', 'class_session', 'course', 'test', 'external', 'manual']);
      expect(body.entries.map((e: { creditedOn: string; hours: number; sourceId: string }) => [e.creditedOn, e.hours, e.sourceId])).toEqual([
        ['2026-05-01', 3, a2.id],
        ['2026-03-01', 1, a1.id],
      ]);
      expect(body.entries[0]).toMatchObject({ sourceType: 'activity', description: '2026-05-01 党课：书记讲党课', orgName: w.tree.branch.name });
      // Without a year: the current local year (the clock says 2026).
      expect((await alice.get('/api/v1/me/study-hours')).json().total).toBe(4);
    });

    it('lets the managers of the person’s organisation read it, and no one else', async () => {
      const w = await world();
      const a = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-03-01', creditHours: 2, attendees: [{ personId: w.bob.id, status: 'present' }] });
      await derive(w.ctx, a.id);
      const secretary = await w.login(w.secretaryUser);
      const res = await secretary.get(`/api/v1/people/${w.bob.id}/study-hours?year=2026`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ personName: '李小红', total: 2 });
      const other = await w.login(w.otherSecretaryUser);
      expect((await other.get(`/api/v1/people/${w.bob.id}/study-hours`)).json().error.code).toBe('PERSON_NOT_FOUND');
      const alice = await w.login(w.aliceUser);
      expect((await alice.get(`/api/v1/people/${w.bob.id}/study-hours`)).statusCode).toBe(404);
      expect((await secretary.get('/api/v1/me/study-hours')).json().error.code).toBe('PROFILE_NOT_LINKED');
      expect((await secretary.get(`/api/v1/people/${w.bob.id}/study-hours?year=1999`)).json().error.code).toBe('VALIDATION_FAILED');
    });
  });
});
