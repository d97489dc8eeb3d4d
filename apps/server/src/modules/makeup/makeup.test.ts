/**
 * Make-up study (补学) on a real database: assignments follow the record (absent or on leave at a
 * held activity → one assignment, due by the rule set; marked present later → withdrawn or closed;
 * never duplicated), the assignee reads then completes with a note, the secretary sees what is
 * outstanding, and make-up study earns no study hours.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { derive, makeActivity, setAttendance } from '../attendance/attendance.testkit.ts';
import { CLOSED_BY_ATTENDANCE_NOTE } from './makeup.service.ts';

const NOTE = '通过学习会议材料，我深刻认识到加强党性修养的重要性，今后要在工作中带头践行。';

describeEachDatabase('make-up study', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const env = getEnv();
    env.setNow('2026-07-02T02:00:00Z');
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const carol = await makePerson(ctx, { orgId: tree.branch.id, name: '赵小兰' });
    const guest = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '孙列席' });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const bobUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: bob.id });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const otherSecretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const activity = await makeActivity(ctx, {
      orgId: tree.branch.id,
      status: 'held',
      heldOn: '2026-07-01',
      topic: '学习党章',
      materials: '《中国共产党章程》第一章至第三章',
      minutes: '会议由书记主持……',
      attendees: [
        { personId: alice.id, status: 'present' },
        { personId: bob.id, status: 'absent' },
        { personId: carol.id, status: 'leave', leaveReason: '病假' },
        { personId: guest.id, role: 'guest', status: 'absent' },
      ],
    });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    return { env, ctx, tree, alice, bob, carol, guest, aliceUser, bobUser, secretaryUser, otherSecretaryUser, activity, login };
  }

  const assignmentsOf = (ctx: ReturnType<typeof getEnv>['ctx'], activityId: string) =>
    ctx.db.selectFrom('makeup_assignments').selectAll().where('activity_id', '=', activityId).orderBy('person_id').execute();

  describe('syncMakeupAssignments', () => {
    it('assigns every expected attendee absent or on leave at a held activity, due 30 days later, and tells them', async () => {
      const w = await world();
      const { makeup } = await derive(w.ctx, w.activity.id, w.secretaryUser.id);
      expect(makeup.assigned.sort()).toEqual([w.bob.id, w.carol.id].sort());
      const rows = await assignmentsOf(w.ctx, w.activity.id);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r).toMatchObject({ due_on: '2026-07-31', org_id: w.tree.branch.id, assigned_by: w.secretaryUser.id, read_at: null, completed_at: null });
      const notes = await w.ctx.db.selectFrom('notifications').select(['kind', 'link', 'params']).where('user_id', '=', w.bobUser.id).execute();
      const bobs = rows.find((r) => r.person_id === w.bob.id)!;
      expect(notes).toEqual([{ kind: 'makeup_assigned', link: `/my-life/makeup/${bobs.id}`, params: { activityKind: 'member_assembly', topic: '学习党章', heldOn: '2026-07-01', dueOn: '2026-07-31' } }]);
      const audit = await w.ctx.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', w.activity.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['makeup.sync']);
    });

    it('never duplicates: a second sync changes nothing', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const before = await assignmentsOf(w.ctx, w.activity.id);
      expect((await derive(w.ctx, w.activity.id)).makeup).toEqual({ assigned: [], withdrawn: [], closed: [], reopened: [] });
      expect(await assignmentsOf(w.ctx, w.activity.id)).toEqual(before);
    });

    it('assigns nothing for an activity that is not held', async () => {
      const w = await world();
      const planned = await makeActivity(w.ctx, { orgId: w.tree.branch.id, attendees: [{ personId: w.bob.id, status: 'leave', leaveReason: '病假' }] });
      expect((await derive(w.ctx, planned.id)).makeup.assigned).toEqual([]);
      expect(await assignmentsOf(w.ctx, planned.id)).toEqual([]);
    });

    it('withdraws an unread assignment when the person is marked present after all, and assigns again if marked absent again', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      await setAttendance(w.ctx, w.activity.id, w.bob.id, 'present');
      expect((await derive(w.ctx, w.activity.id)).makeup).toMatchObject({ withdrawn: [w.bob.id], closed: [] });
      expect((await assignmentsOf(w.ctx, w.activity.id)).map((r) => r.person_id)).toEqual([w.carol.id]);
      await setAttendance(w.ctx, w.activity.id, w.bob.id, 'absent');
      expect((await derive(w.ctx, w.activity.id)).makeup.assigned).toEqual([w.bob.id]);
    });

    it('keeps a read assignment but closes it with a note when the person is marked present, and opens it again if marked absent again', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const bobs = (await assignmentsOf(w.ctx, w.activity.id)).find((r) => r.person_id === w.bob.id)!;
      const bob = await w.login(w.bobUser);
      expect((await bob.post(`/api/v1/me/makeup/${bobs.id}/read`)).statusCode).toBe(200);
      await setAttendance(w.ctx, w.activity.id, w.bob.id, 'present');
      expect((await derive(w.ctx, w.activity.id)).makeup).toMatchObject({ withdrawn: [], closed: [w.bob.id] });
      const closed = await bob.get(`/api/v1/me/makeup/${bobs.id}`);
      expect(closed.json()).toMatchObject({ status: 'done', note: CLOSED_BY_ATTENDANCE_NOTE, attendedAfterAll: true });
      await setAttendance(w.ctx, w.activity.id, w.bob.id, 'absent');
      expect((await derive(w.ctx, w.activity.id)).makeup.reopened).toEqual([w.bob.id]);
      expect((await bob.get(`/api/v1/me/makeup/${bobs.id}`)).json()).toMatchObject({ status: 'open', note: null, attendedAfterAll: false });
    });

    it('leaves a completed assignment as the member wrote it, and withdraws open ones when the activity is cancelled', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const rows = await assignmentsOf(w.ctx, w.activity.id);
      const bobs = rows.find((r) => r.person_id === w.bob.id)!;
      const bob = await w.login(w.bobUser);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/read`);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/complete`, { note: NOTE });
      await setAttendance(w.ctx, w.activity.id, w.bob.id, 'present');
      await w.ctx.db.updateTable('activities').set({ status: 'cancelled', cancel_reason: '记录有误' }).where('id', '=', w.activity.id).execute();
      expect((await derive(w.ctx, w.activity.id)).makeup).toMatchObject({ withdrawn: [w.carol.id], closed: [] });
      expect(await assignmentsOf(w.ctx, w.activity.id)).toMatchObject([{ id: bobs.id, note: NOTE }]);
    });
  });

  describe('the assignee', () => {
    it('sees the meeting’s record with materials, a minutes excerpt and attachments, reads it, then completes it with a note', async () => {
      const w = await world();
      const long = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-06-20', minutes: '纪'.repeat(2500), attendees: [{ personId: w.bob.id, status: 'absent' }] });
      const fileId = newId();
      const org = await w.ctx.db.selectFrom('organizations').select('path').where('id', '=', w.tree.branch.id).executeTakeFirstOrThrow();
      await w.ctx.db.insertInto('attachments').values({ id: fileId, org_id: w.tree.branch.id, org_path: org.path, file_name: '学习材料.pdf', media_type: 'application/pdf', size_bytes: 1234, sha256: 'x'.repeat(64), storage_key: `test/${fileId}` }).execute();
      await w.ctx.db.insertInto('attachment_links').values({ attachment_id: fileId, entity_type: 'activity', entity_id: w.activity.id }).execute();
      await derive(w.ctx, w.activity.id);
      await derive(w.ctx, long.id);
      const bob = await w.login(w.bobUser);

      const list = await bob.get('/api/v1/me/makeup');
      expect(list.statusCode).toBe(200);
      expect(list.json().map((m: { heldOn: string; status: string }) => [m.heldOn, m.status])).toEqual([
        ['2026-06-20', 'open'],
        ['2026-07-01', 'open'],
      ]);
      const id = list.json()[1].id as string;
      const detail = await bob.get(`/api/v1/me/makeup/${id}`);
      expect(detail.json()).toMatchObject({
        activityTopic: '学习党章',
        heldOn: '2026-07-01',
        materials: '《中国共产党章程》第一章至第三章',
        minutesExcerpt: '会议由书记主持……',
        minutesTruncated: false,
        place: '三楼会议室',
        attachments: [{ id: fileId, fileName: '学习材料.pdf', mediaType: 'application/pdf', sizeBytes: 1234, downloadUrl: `/api/v1/attachments/${fileId}/download` }],
      });
      const longDetail = (await bob.get(`/api/v1/me/makeup/${list.json()[0].id}`)).json();
      expect(longDetail.minutesExcerpt).toHaveLength(2000);
      expect(longDetail.minutesTruncated).toBe(true);

      const early = await bob.post(`/api/v1/me/makeup/${id}/complete`, { note: NOTE });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('MAKEUP_NOT_READ');
      const read = await bob.post(`/api/v1/me/makeup/${id}/read`);
      expect(read.json().readAt).toBe('2026-07-02T02:00:00.000Z');
      w.env.advance(60_000);
      expect((await bob.post(`/api/v1/me/makeup/${id}/read`)).json().readAt).toBe('2026-07-02T02:00:00.000Z');
      const short = await bob.post(`/api/v1/me/makeup/${id}/complete`, { note: '学习了。' });
      expect(short.json().error.code).toBe('VALIDATION_FAILED');
      expect(short.json().error.details[0]).toMatchObject({ path: 'note', code: 'MAKEUP_NOTE_LENGTH' });
      const done = await bob.post(`/api/v1/me/makeup/${id}/complete`, { note: NOTE });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'done', note: NOTE, completedAt: '2026-07-02T02:01:00.000Z', overdue: false });
      const again = await bob.post(`/api/v1/me/makeup/${id}/complete`, { note: NOTE });
      expect(again.json().error.code).toBe('MAKEUP_ALREADY_DONE');
      expect(again.json().error.message).toContain('2026-07-02');
      const audit = await w.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', id).execute();
      expect(audit).toEqual([{ action: 'makeup.complete', actor_id: w.bobUser.id }]);
      expect((await bob.get('/api/v1/me/makeup')).json().map((m: { status: string }) => m.status)).toEqual(['open', 'done']);
    });

    it('earns no study hours: credit is for attended sessions only', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const bobs = (await assignmentsOf(w.ctx, w.activity.id)).find((r) => r.person_id === w.bob.id)!;
      const bob = await w.login(w.bobUser);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/read`);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/complete`, { note: NOTE });
      await derive(w.ctx, w.activity.id);
      expect((await bob.get('/api/v1/me/study-hours?year=2026')).json().total).toBe(0);
      const alice = await w.login(w.aliceUser);
      expect((await alice.get('/api/v1/me/study-hours?year=2026')).json().total).toBe(1);
    });

    it('does not show anyone else’s assignment', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const bobs = (await assignmentsOf(w.ctx, w.activity.id)).find((r) => r.person_id === w.bob.id)!;
      const alice = await w.login(w.aliceUser);
      for (const res of [await alice.get(`/api/v1/me/makeup/${bobs.id}`), await alice.post(`/api/v1/me/makeup/${bobs.id}/read`), await alice.post(`/api/v1/me/makeup/${bobs.id}/complete`, { note: NOTE })]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('MAKEUP_NOT_FOUND');
      }
      expect((await alice.get('/api/v1/me/makeup')).json()).toEqual([]);
    });
  });

  describe('GET /makeup (managers)', () => {
    it('lists the subtree’s assignments with person, activity, due day and the overdue flag, filtered by status and paged', async () => {
      const w = await world();
      await derive(w.ctx, w.activity.id);
      const bobs = (await assignmentsOf(w.ctx, w.activity.id)).find((r) => r.person_id === w.bob.id)!;
      const bob = await w.login(w.bobUser);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/read`);
      await bob.post(`/api/v1/me/makeup/${bobs.id}/complete`, { note: NOTE });
      w.env.setNow('2026-08-01T02:00:00Z'); // 10:00 on 1 August: 31 July has passed
      const secretary = await w.login(w.secretaryUser);
      const open = await secretary.get(`/api/v1/makeup?orgId=${w.tree.branch.id}&status=open`);
      expect(open.statusCode).toBe(200);
      expect(open.json()).toMatchObject({ total: 1, page: 1 });
      expect(open.json().items[0]).toMatchObject({ personName: '赵小兰', activityTopic: '学习党章', activityKind: 'member_assembly', dueOn: '2026-07-31', overdue: true, status: 'open', orgName: w.tree.branch.name, readAt: null });
      const done = (await secretary.get(`/api/v1/makeup?orgId=${w.tree.branch.id}&status=done`)).json();
      expect(done.items.map((i: { personName: string; overdue: boolean }) => [i.personName, i.overdue])).toEqual([['李小红', false]]);
      const all = (await secretary.get('/api/v1/makeup?pageSize=1')).json();
      expect(all.total).toBe(2);
      expect(all.items.map((i: { status: string }) => i.status)).toEqual(['open']);
      const other = await w.login(w.otherSecretaryUser);
      expect((await other.get(`/api/v1/makeup?orgId=${w.tree.branch.id}`)).json().error.code).toBe('ORG_NOT_FOUND');
      expect((await other.get('/api/v1/makeup')).json().total).toBe(0);
      const member = await w.login(w.bobUser); // the jump of a month ended the earlier session
      expect((await member.get('/api/v1/makeup')).statusCode).toBe(403);
    });
  });
});
