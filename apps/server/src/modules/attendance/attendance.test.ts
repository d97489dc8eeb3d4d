/**
 * Attendance over HTTP on a real database: the secretary's bulk marking (all or nothing, attendees
 * only, reasons for leave), QR sign-in (open, expire, rotate, close, idempotent, not expected, not
 * linked, cancelled, rate limit), members' leave requests, and the member's obligations and history.
 */
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { multipartBody } from '../imports/imports.testkit.ts';
import { makeActivity } from './attendance.testkit.ts';

const NOW = '2026-07-01T01:30:00Z'; // 09:30 in Beijing, during a meeting planned for 09:00

describeEachDatabase('attendance', (getEnv) => {
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const env = getEnv();
    env.setNow(NOW);
    const { ctx } = env;
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const carol = await makePerson(ctx, { orgId: tree.branch.id, name: '赵小兰', category: 'probationary' });
    const outsider = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '钱外人' });
    const secretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const otherSecretaryUser = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const bobUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: bob.id });
    const outsiderUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.otherBranch.id }], personId: outsider.id });
    const unlinkedUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }] });
    const activity = await makeActivity(ctx, {
      orgId: tree.branch.id,
      plannedStart: '2026-07-01T01:00:00Z',
      attendees: [{ personId: alice.id }, { personId: bob.id }, { personId: carol.id, voting: false }],
    });
    const login = (u: { username: string }) => loginClient(env.app, u.username, TEST_PASSWORD);
    return { env, ctx, tree, alice, bob, carol, outsider, secretaryUser, otherSecretaryUser, aliceUser, bobUser, outsiderUser, unlinkedUser, activity, login };
  }

  const attendeeRow = (ctx: ReturnType<typeof getEnv>['ctx'], activityId: string, personId: string) =>
    ctx.db.selectFrom('activity_attendees').selectAll().where('activity_id', '=', activityId).where('person_id', '=', personId).executeTakeFirstOrThrow();

  describe('PUT /activities/{id}/attendance', () => {
    it('marks present, absent and leave in one call, answers the sheet with counts, and audits the changes', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const res = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, {
        entries: [
          { personId: w.alice.id, status: 'present' },
          { personId: w.bob.id, status: 'absent' },
          { personId: w.carol.id, status: 'leave', leaveReason: '外出公务' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const sheet = res.json();
      expect(sheet.counts).toEqual({ expected: 3, present: 1, absent: 1, leave: 1, pending: 0 });
      const byName = Object.fromEntries(sheet.attendees.map((a: { name: string }) => [a.name, a]));
      expect(byName['王小明']).toMatchObject({ status: 'present', markedVia: 'secretary', role: 'expected', voting: true });
      expect(byName['赵小兰']).toMatchObject({ status: 'leave', leaveReason: '外出公务', voting: false });
      expect((await attendeeRow(w.ctx, w.activity.id, w.bob.id)).marked_by).toBe(w.secretaryUser.id);
      const audit = await w.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', w.activity.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['attendance.mark']);
      expect((audit[0]!.detail as { changes: unknown[] }).changes).toHaveLength(3);

      const sheetAgain = await secretary.get(`/api/v1/activities/${w.activity.id}/attendance`);
      expect(sheetAgain.json().counts).toEqual(sheet.counts);
    });

    it('refuses a person who is not an attendee, naming them, and writes nothing of the list', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const res = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, {
        entries: [
          { personId: w.alice.id, status: 'present' },
          { personId: w.outsider.id, status: 'present' },
        ],
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('ATTENDANCE_NOT_ATTENDEE');
      expect(res.json().error.message).toContain('钱外人');
      expect((await attendeeRow(w.ctx, w.activity.id, w.alice.id)).status).toBe('pending');
    });

    it('needs a reason for leave, naming the person, but takes the reason of the member’s own request', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const refused = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.bob.id, status: 'leave' }] }, { 'accept-language': 'en' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.code).toBe('ATTENDANCE_LEAVE_REASON_REQUIRED');
      expect(refused.json().error.message).toContain('李小红');

      const alice = await w.login(w.aliceUser);
      expect((await alice.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '带孩子看病' })).statusCode).toBe(200);
      const confirmed = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.alice.id, status: 'leave' }] });
      expect(confirmed.statusCode).toBe(200);
      const row = await attendeeRow(w.ctx, w.activity.id, w.alice.id);
      expect(row).toMatchObject({ status: 'leave', leave_reason: '带孩子看病', marked_via: 'leave_request' });
    });

    it('refuses the same person twice in one list and an empty list', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const dup = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, {
        entries: [
          { personId: w.alice.id, status: 'present' },
          { personId: w.alice.id, status: 'absent' },
        ],
      });
      expect(dup.statusCode).toBe(400);
      expect(dup.json().error.code).toBe('ATTENDANCE_DUPLICATE_ENTRY');
      expect(dup.json().error.message).toContain('王小明');
      const empty = await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [] });
      expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('keeps a QR sign-in’s time when the secretary confirms the person present, and clears it on a correction to absent', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json();
      const alice = await w.login(w.aliceUser);
      expect((await alice.post(`/api/v1/signin/${token}`)).statusCode).toBe(200);
      await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      const kept = await attendeeRow(w.ctx, w.activity.id, w.alice.id);
      expect(kept.marked_via).toBe('qr');
      expect(kept.signed_in_at).not.toBeNull();
      await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.alice.id, status: 'absent' }] });
      const corrected = await attendeeRow(w.ctx, w.activity.id, w.alice.id);
      expect(corrected).toMatchObject({ status: 'absent', marked_via: 'secretary', signed_in_at: null });
    });

    it('refuses marking a cancelled activity, and a secretary of another branch does not see the activity', async () => {
      const w = await world();
      const cancelled = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'cancelled', attendees: [{ personId: w.alice.id }] });
      const secretary = await w.login(w.secretaryUser);
      const res = await secretary.put(`/api/v1/activities/${cancelled.id}/attendance`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ATTENDANCE_ACTIVITY_CANCELLED');
      const other = await w.login(w.otherSecretaryUser);
      const hidden = await other.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.alice.id, status: 'present' }] });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().error.code).toBe('ACTIVITY_NOT_FOUND');
    });
  });

  describe('QR sign-in', () => {
    it('opens for 30 minutes by default, stores only the token’s hash, and lets an attendee sign in once', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const opened = await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {});
      expect(opened.statusCode).toBe(200);
      const { token, path, expiresAt } = opened.json();
      expect(path).toBe(`/s/${token}`);
      expect(new Date(expiresAt).getTime() - new Date(NOW).getTime()).toBe(30 * 60_000);
      const stored = await w.ctx.db.selectFrom('activities').select(['signin_token_hash']).where('id', '=', w.activity.id).executeTakeFirstOrThrow();
      expect(stored.signin_token_hash).toBe(crypto.createHash('sha256').update(token).digest('hex'));

      const alice = await w.login(w.aliceUser);
      const view = await alice.get(`/api/v1/signin/${token}`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({ activityId: w.activity.id, orgName: w.tree.branch.name, kind: 'member_assembly', myRole: 'expected', myStatus: 'pending', signin: { open: true } });

      w.env.advance(60_000);
      const first = await alice.post(`/api/v1/signin/${token}`);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ myStatus: 'present', signedInAt: new Date(new Date(NOW).getTime() + 60_000).toISOString() });
      const row = await attendeeRow(w.ctx, w.activity.id, w.alice.id);
      expect(row).toMatchObject({ status: 'present', marked_via: 'qr', marked_by: w.aliceUser.id });

      w.env.advance(60_000);
      const second = await alice.post(`/api/v1/signin/${token}`);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());
    });

    it('refuses a sign-in after the window, telling the member to ask the secretary; someone already present still gets their answer', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 5 })).json();
      const alice = await w.login(w.aliceUser);
      const bob = await w.login(w.bobUser);
      expect((await alice.post(`/api/v1/signin/${token}`)).statusCode).toBe(200);
      w.env.advance(5 * 60_000);
      const late = await bob.post(`/api/v1/signin/${token}`);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('SIGNIN_CLOSED');
      expect(late.json().error.message).toContain('书记');
      expect((await attendeeRow(w.ctx, w.activity.id, w.bob.id)).status).toBe('pending');
      const view = await bob.get(`/api/v1/signin/${token}`);
      expect(view.json().signin.open).toBe(false);
      expect((await alice.post(`/api/v1/signin/${token}`)).statusCode).toBe(200);
    });

    it('rotates the token on reopening: the old code reads as closed, the new one works', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const first = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 10 })).json();
      const second = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 10 })).json();
      expect(second.token).not.toBe(first.token);
      const bob = await w.login(w.bobUser);
      const old = await bob.post(`/api/v1/signin/${first.token}`);
      expect(old.json().error.code).toBe('SIGNIN_CLOSED');
      expect((await bob.get(`/api/v1/signin/${first.token}`)).json().error.code).toBe('SIGNIN_CLOSED');
      expect((await bob.post(`/api/v1/signin/${second.token}`)).json().myStatus).toBe('present');
    });

    it('shows the open code to a manager on another device without rotating it, keeping it sealed, and never to anyone else', async () => {
      const w = await world();
      const laptop = await w.login(w.secretaryUser);
      const none = await laptop.get(`/api/v1/activities/${w.activity.id}/signin`);
      expect(none.statusCode).toBe(409);
      expect(none.json().error).toMatchObject({ code: 'SIGNIN_NOT_OPEN' });
      expect(none.json().error.message).toContain('开放签到');
      const opened = (await laptop.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 10 })).json();

      // The meeting room's screen: another session of the same secretary, then a committee officer above the branch.
      const screen = await w.login(w.secretaryUser);
      w.env.advance(60_000);
      const shown = await screen.get(`/api/v1/activities/${w.activity.id}/signin`);
      expect(shown.statusCode).toBe(200);
      expect(shown.json()).toEqual(opened);
      const officerUser = await makeUser(w.ctx, { roles: [{ role: 'committee_officer', orgId: w.tree.root.id }] });
      expect((await (await w.login(officerUser)).get(`/api/v1/activities/${w.activity.id}/signin`)).json().token).toBe(opened.token);
      // Not rotated: the code already on the first screen still signs in.
      const alice = await w.login(w.aliceUser);
      expect((await alice.post(`/api/v1/signin/${opened.token}`)).json().myStatus).toBe('present');
      // Stored sealed beside the hash, never in clear.
      const stored = await w.ctx.db.selectFrom('activities').select(['signin_token_hash', 'signin_token_sealed']).where('id', '=', w.activity.id).executeTakeFirstOrThrow();
      expect(stored.signin_token_hash).toBe(crypto.createHash('sha256').update(opened.token).digest('hex'));
      expect(stored.signin_token_sealed).not.toContain(opened.token);
      expect(w.ctx.pii.decrypt(stored.signin_token_sealed!)).toBe(opened.token);

      // Only the managers of the activity's organisation: others do not learn the activity exists.
      for (const user of [w.otherSecretaryUser, w.aliceUser, w.outsiderUser]) {
        const refused = await (await w.login(user)).get(`/api/v1/activities/${w.activity.id}/signin`);
        expect(refused.statusCode).toBe(404);
        expect(refused.json().error.code).toBe('ACTIVITY_NOT_FOUND');
      }

      // Expired, or closed: nothing to show, and a closed code's sealed copy is gone.
      w.env.advance(10 * 60_000);
      expect((await screen.get(`/api/v1/activities/${w.activity.id}/signin`)).json().error.code).toBe('SIGNIN_NOT_OPEN');
      await laptop.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 10 });
      expect((await laptop.post(`/api/v1/activities/${w.activity.id}/signin/close`)).statusCode).toBe(200);
      expect((await screen.get(`/api/v1/activities/${w.activity.id}/signin`, { 'accept-language': 'en' })).json().error.message).toContain('open sign-in to make a new code');
      const closed = await w.ctx.db.selectFrom('activities').select('signin_token_sealed').where('id', '=', w.activity.id).executeTakeFirstOrThrow();
      expect(closed.signin_token_sealed).toBeNull();
    });

    it('closes on request, answering the closed state', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 60 })).json();
      w.env.advance(60_000);
      const closed = await secretary.post(`/api/v1/activities/${w.activity.id}/signin/close`);
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ open: false, expiresAt: new Date(new Date(NOW).getTime() + 60_000).toISOString() });
      const bob = await w.login(w.bobUser);
      expect((await bob.post(`/api/v1/signin/${token}`)).json().error.code).toBe('SIGNIN_CLOSED');
      expect((await secretary.get(`/api/v1/activities/${w.activity.id}/attendance`)).json().signin.open).toBe(false);
    });

    it('refuses someone who is not on the list, explaining how to be added as a guest', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json();
      const outsider = await w.login(w.outsiderUser);
      const view = await outsider.get(`/api/v1/signin/${token}`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({ myRole: null, myStatus: null });
      const res = await outsider.post(`/api/v1/signin/${token}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('SIGNIN_NOT_EXPECTED');
      expect(res.json().error.message).toContain('列席');
    });

    it('refuses an account that is not linked to a person', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json();
      const unlinked = await w.login(w.unlinkedUser);
      expect((await unlinked.post(`/api/v1/signin/${token}`)).json().error.code).toBe('PROFILE_NOT_LINKED');
      expect((await unlinked.get(`/api/v1/signin/${token}`)).json().error.code).toBe('PROFILE_NOT_LINKED');
    });

    it('refuses sign-in to a cancelled activity and opening sign-in for one', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json();
      await w.ctx.db.updateTable('activities').set({ status: 'cancelled', cancel_reason: '改期' }).where('id', '=', w.activity.id).execute();
      const alice = await w.login(w.aliceUser);
      const res = await alice.post(`/api/v1/signin/${token}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ATTENDANCE_ACTIVITY_CANCELLED');
      expect((await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json().error.code).toBe('ATTENDANCE_ACTIVITY_CANCELLED');
    });

    it('keeps the window between 5 and 240 minutes', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      expect((await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 4 })).json().error.code).toBe('VALIDATION_FAILED');
      expect((await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 241 })).json().error.code).toBe('VALIDATION_FAILED');
      expect((await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, { minutes: 240 })).statusCode).toBe(200);
    });

    it('tells attendees not yet signed in that sign-in is open', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.bob.id, status: 'present' }] });
      await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {});
      const notified = await w.ctx.db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', '=', 'signin_open').where('user_id', 'in', [w.aliceUser.id, w.bobUser.id]).execute();
      expect(notified.map((n) => n.user_id)).toEqual([w.aliceUser.id]);
    });

    it('lets many members sign in at the same moment, each exactly once', async () => {
      const w = await world();
      const people = await Promise.all(Array.from({ length: 10 }, (_, i) => makePerson(w.ctx, { orgId: w.tree.branch.id, name: `同时${i}` })));
      const users = await Promise.all(people.map((p) => makeUser(w.ctx, { roles: [{ role: 'member', orgId: w.tree.branch.id }], personId: p.id })));
      const crowd = await makeActivity(w.ctx, { orgId: w.tree.branch.id, attendees: people.map((p) => ({ personId: p.id })) });
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${crowd.id}/signin`, {})).json();
      const clients = await Promise.all(users.map((u) => w.login(u)));
      const answers = await Promise.all(clients.flatMap((c) => [c.post(`/api/v1/signin/${token}`), c.post(`/api/v1/signin/${token}`)]));
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
      const sheet = (await secretary.get(`/api/v1/activities/${crowd.id}/attendance`)).json();
      expect(sheet.counts).toMatchObject({ expected: 10, present: 10, pending: 0 });
    });

    it('limits sign-in calls per session, not per address', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const { token } = (await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {})).json();
      const alice = await w.login(w.aliceUser);
      const codes: number[] = [];
      for (let i = 0; i < 31; i++) codes.push((await alice.get(`/api/v1/signin/${token}`)).statusCode);
      expect(codes.slice(0, 30).every((c) => c === 200)).toBe(true);
      const limited = await alice.get(`/api/v1/signin/${token}`);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      const bob = await w.login(w.bobUser);
      expect((await bob.post(`/api/v1/signin/${token}`)).statusCode).toBe(200);
    });
  });

  describe('leave requests', () => {
    it('records the member’s own leave with its reason, replaces the reason on a second request, and can be withdrawn', async () => {
      const w = await world();
      const bob = await w.login(w.bobUser);
      const res = await bob.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '外出公务' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ activityId: w.activity.id, myStatus: 'leave', leaveReason: '外出公务', activityStatus: 'planned' });
      expect(await attendeeRow(w.ctx, w.activity.id, w.bob.id)).toMatchObject({ marked_via: 'leave_request', marked_by: w.bobUser.id });
      expect((await bob.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '病假' })).json().leaveReason).toBe('病假');
      const withdrawn = await bob.delete(`/api/v1/me/activities/${w.activity.id}/leave`);
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json()).toMatchObject({ myStatus: 'pending', leaveReason: null });
      const again = await bob.delete(`/api/v1/me/activities/${w.activity.id}/leave`);
      expect(again.json().error.code).toBe('LEAVE_NOT_REQUESTED');
    });

    it('lets the secretary override a leave request, after which the member cannot withdraw it', async () => {
      const w = await world();
      const bob = await w.login(w.bobUser);
      await bob.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '外出公务' });
      const secretary = await w.login(w.secretaryUser);
      await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.bob.id, status: 'absent' }] });
      expect(await attendeeRow(w.ctx, w.activity.id, w.bob.id)).toMatchObject({ status: 'absent', marked_via: 'secretary', leave_reason: null });
      expect((await bob.delete(`/api/v1/me/activities/${w.activity.id}/leave`)).json().error.code).toBe('LEAVE_NOT_REQUESTED');
    });

    it('refuses leave once the activity is recorded as held or cancelled, once the member is present, and for a non-attendee', async () => {
      const w = await world();
      const bob = await w.login(w.bobUser);
      const held = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'held', attendees: [{ personId: w.bob.id, status: 'absent' }] });
      expect((await bob.post(`/api/v1/me/activities/${held.id}/leave`, { reason: '外出公务' })).json().error.code).toBe('LEAVE_TOO_LATE');
      const cancelled = await makeActivity(w.ctx, { orgId: w.tree.branch.id, status: 'cancelled', attendees: [{ personId: w.bob.id }] });
      expect((await bob.post(`/api/v1/me/activities/${cancelled.id}/leave`, { reason: '外出公务' })).json().error.code).toBe('ATTENDANCE_ACTIVITY_CANCELLED');
      const secretary = await w.login(w.secretaryUser);
      await secretary.put(`/api/v1/activities/${w.activity.id}/attendance`, { entries: [{ personId: w.bob.id, status: 'present' }] });
      expect((await bob.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '外出公务' })).json().error.code).toBe('LEAVE_ALREADY_PRESENT');
      const outsider = await w.login(w.outsiderUser);
      const hidden = await outsider.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: '外出公务' });
      expect(hidden.statusCode).toBe(404);
      expect((await bob.post(`/api/v1/me/activities/${w.activity.id}/leave`, { reason: ' ' })).json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('end to end through the activities module', () => {
    it('plan → QR sign-in, leave request and marking → record as held → credits and make-up study → correction', async () => {
      const w = await world();
      const secretary = await w.login(w.secretaryUser);
      const planned = await secretary.post('/api/v1/activities', {
        orgId: w.tree.branch.id,
        kind: 'member_assembly',
        topic: '学习新修订的党章',
        plannedStart: '2026-07-01T09:00:00+08:00',
        plannedEnd: '2026-07-01T11:00:00+08:00',
        place: '三楼会议室',
        materials: '党章全文',
      });
      expect(planned.statusCode).toBe(201);
      const activityId = planned.json().id as string;
      const sheet = (await secretary.get(`/api/v1/activities/${activityId}/attendance`)).json();
      expect(sheet.attendees.map((a: { name: string }) => a.name).sort()).toEqual(['李小红', '王小明', '赵小兰'].sort());

      const alice = await w.login(w.aliceUser);
      const bob = await w.login(w.bobUser);
      expect((await alice.get('/api/v1/me/obligations')).json().upcoming.map((u: { activityId: string }) => u.activityId)).toContain(activityId);
      expect((await bob.post(`/api/v1/me/activities/${activityId}/leave`, { reason: '外出公务' })).statusCode).toBe(200);
      const { token } = (await secretary.post(`/api/v1/activities/${activityId}/signin`, { minutes: 30 })).json();
      expect((await alice.post(`/api/v1/signin/${token}`)).json().myStatus).toBe('present');
      expect((await secretary.put(`/api/v1/activities/${activityId}/attendance`, { entries: [{ personId: w.carol.id, status: 'absent' }] })).statusCode).toBe(200);
      // Still planned: nothing is credited or assigned yet.
      expect((await alice.get('/api/v1/me/study-hours?year=2026')).json().total).toBe(0);
      expect((await bob.get('/api/v1/me/makeup')).json()).toEqual([]);

      const version = (await secretary.get(`/api/v1/activities/${activityId}`)).json().version as number;
      const recorded = await secretary.post(`/api/v1/activities/${activityId}/record`, { version, actualStart: '2026-07-01T09:00:00+08:00', actualEnd: '2026-07-01T11:00:00+08:00', minutes: '会议由书记主持。' });
      expect(recorded.statusCode).toBe(200);
      expect(recorded.json()).toMatchObject({ status: 'held', heldOn: '2026-07-01', creditHours: 2 });

      const hours = (await alice.get('/api/v1/me/study-hours?year=2026')).json();
      expect(hours.total).toBe(2);
      expect(hours.entries).toMatchObject([{ sourceType: 'activity', sourceId: activityId, creditedOn: '2026-07-01', description: '2026-07-01 支部党员大会：学习新修订的党章' }]);
      const bobsMakeup = (await bob.get('/api/v1/me/makeup')).json();
      expect(bobsMakeup).toMatchObject([{ activityId, dueOn: '2026-07-31', status: 'open' }]);

      // The materials file, uploaded and linked by the secretary, can be downloaded by the absentee.
      const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(300)]);
      const upload = multipartBody({ orgId: w.tree.branch.id }, { name: '党章.pdf', data: file });
      const uploaded = await secretary.post('/api/v1/attachments', upload.payload, { 'content-type': upload.contentType });
      expect(uploaded.statusCode).toBe(201);
      expect((await secretary.post(`/api/v1/activities/${activityId}/attachments`, { attachmentId: uploaded.json().id })).statusCode).toBeLessThan(300);
      const detail = (await bob.get(`/api/v1/me/makeup/${bobsMakeup[0].id}`)).json();
      expect(detail).toMatchObject({ materials: '党章全文', minutesExcerpt: '会议由书记主持。', attachments: [{ fileName: '党章.pdf', mediaType: 'application/pdf' }] });
      const downloaded = await bob.get(detail.attachments[0].downloadUrl);
      expect(downloaded.statusCode).toBe(200);
      expect(downloaded.rawPayload.equals(file)).toBe(true);
      expect((await secretary.get(`/api/v1/makeup?orgId=${w.tree.branch.id}&status=open`)).json().items.map((i: { personName: string }) => i.personName).sort()).toEqual(['李小红', '赵小兰'].sort());
      expect((await alice.get('/api/v1/me/activities?year=2026')).json().items).toMatchObject([{ activityId, myStatus: 'present', heldOn: '2026-07-01' }]);
      // The meeting is held: leave can no longer be asked for.
      expect((await bob.post(`/api/v1/me/activities/${activityId}/leave`, { reason: '病假' })).json().error.code).toBe('LEAVE_TOO_LATE');

      // Carol did come after all: her unread assignment goes, her credit comes.
      await secretary.put(`/api/v1/activities/${activityId}/attendance`, { entries: [{ personId: w.carol.id, status: 'present' }] });
      expect((await secretary.get(`/api/v1/makeup?orgId=${w.tree.branch.id}&status=open`)).json().items.map((i: { personName: string }) => i.personName)).toEqual(['李小红']);
      const credits = await w.ctx.db.selectFrom('study_credits').select(['person_id', 'hours']).where('source_id', '=', activityId).execute();
      expect(credits.map((c) => [c.person_id, Number(c.hours)]).sort()).toEqual([[w.alice.id, 2], [w.carol.id, 2]].sort());
    });
  });

  describe('my obligations and my activities', () => {
    it('lists the planned activities I am expected at for the next 60 days with my status and open sign-in, soonest first', async () => {
      const w = await world();
      const { ctx } = w;
      const group = await makeOrg(ctx, { parentId: w.tree.branch.id, kind: 'party_group' });
      const soon = await makeActivity(ctx, { orgId: group.id, kind: 'party_group_meeting', plannedStart: '2026-07-10T07:00:00Z', attendees: [{ personId: w.alice.id }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, kind: 'theme_party_day', plannedStart: '2026-09-15T07:00:00Z', attendees: [{ personId: w.alice.id }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, plannedStart: '2026-07-05T07:00:00Z', status: 'cancelled', attendees: [{ personId: w.alice.id }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, plannedStart: '2026-07-05T07:00:00Z', attendees: [{ personId: w.alice.id, role: 'guest' }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, plannedStart: '2026-06-30T07:00:00Z', attendees: [{ personId: w.alice.id }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, plannedStart: '2026-07-03T07:00:00Z', attendees: [{ personId: w.bob.id }] });
      const secretary = await w.login(w.secretaryUser);
      await secretary.post(`/api/v1/activities/${w.activity.id}/signin`, {});

      const alice = await w.login(w.aliceUser);
      const res = await alice.get('/api/v1/me/obligations');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.upcoming.map((u: { activityId: string }) => u.activityId)).toEqual([w.activity.id, soon.id]);
      expect(body.upcoming[0]).toMatchObject({ signinOpen: true, myStatus: 'pending', myRole: 'expected', orgName: w.tree.branch.name });
      expect(body.upcoming[1]).toMatchObject({ kind: 'party_group_meeting', signinOpen: false });
      expect(body.counts).toEqual({ upcoming: 2, signinOpen: 1, makeupOpen: 0, makeupOverdue: 0 });
    });

    it('shows my history of a year: held activities I was expected at with my status and counts', async () => {
      const w = await world();
      const { ctx } = w;
      await makeActivity(ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-03-20', plannedStart: '2026-03-20T01:00:00Z', attendees: [{ personId: w.alice.id, status: 'present' }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-05-20', plannedStart: '2026-05-20T01:00:00Z', attendees: [{ personId: w.alice.id, status: 'leave', leaveReason: '病假' }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2025-12-31', plannedStart: '2025-12-31T15:30:00Z', attendees: [{ personId: w.alice.id, status: 'absent' }] });
      await makeActivity(ctx, { orgId: w.tree.branch.id, status: 'held', heldOn: '2026-06-01', attendees: [{ personId: w.alice.id, role: 'guest', status: 'present' }] });
      const alice = await w.login(w.aliceUser);
      const now = (await alice.get('/api/v1/me/activities')).json();
      expect(now.year).toBe(2026);
      expect(now.items.map((i: { heldOn: string; myStatus: string }) => [i.heldOn, i.myStatus])).toEqual([
        ['2026-05-20', 'leave'],
        ['2026-03-20', 'present'],
      ]);
      expect(now.counts).toEqual({ expected: 2, present: 1, absent: 0, leave: 1 });
      const last = (await alice.get('/api/v1/me/activities?year=2025')).json();
      expect(last.items.map((i: { heldOn: string }) => i.heldOn)).toEqual(['2025-12-31']);
      const unlinked = await w.login(w.unlinkedUser);
      expect((await unlinked.get('/api/v1/me/activities')).json().error.code).toBe('PROFILE_NOT_LINKED');
      expect((await unlinked.get('/api/v1/me/obligations')).json().error.code).toBe('PROFILE_NOT_LINKED');
    });
  });
});
