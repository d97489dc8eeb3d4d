/**
 * The teacher pool over HTTP: directions, lecturers (added by officers, proposed by secretaries),
 * phones protected like people's, search by pinyin/direction/format, the course catalogue,
 * requests and answers with notifications both ways, private feedback from participants, and a
 * party lesson's speaker chosen from the pool.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';
import { addAttendees, makeActivity } from '../attendance/attendance.testkit.ts';
import { makeClass } from '../classes/classes.testkit.ts';

const code = (res: { json: () => { error?: { code: string } } }) => res.json().error?.code;

describeEachDatabase('teacher pool', (getEnv) => {
  let officer: Client;
  let secretary: Client;
  let otherSecretary: Client;
  let lecturerClient: Client;
  let member: Client;
  let auditAdmin: Client;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let lecturerPerson: Awaited<ReturnType<typeof makePerson>>;
  let memberPerson: Awaited<ReturnType<typeof makePerson>>;
  let absentPerson: Awaited<ReturnType<typeof makePerson>>;
  let secretaryUserId: string;
  let internalId: string;
  let externalId: string;
  let courseId: string;

  beforeAll(async () => {
    const { ctx, app } = getEnv();
    tree = await makeTree(ctx);
    lecturerPerson = await makePerson(ctx, { orgId: tree.branch.id, name: '欧阳明' });
    memberPerson = await makePerson(ctx, { orgId: tree.branch.id, name: '李学员' });
    absentPerson = await makePerson(ctx, { orgId: tree.branch.id, name: '王缺席' });
    const o = await makeUser(ctx, { roles: [{ role: 'committee_officer', orgId: tree.root.id }] });
    const s = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const s2 = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.otherBranch.id }] });
    const l = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: lecturerPerson.id });
    const m = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: memberPerson.id });
    const a = await makeUser(ctx, { roles: [{ role: 'audit_admin' }] });
    secretaryUserId = s.id;
    officer = await loginClient(app, o.username, TEST_PASSWORD);
    secretary = await loginClient(app, s.username, TEST_PASSWORD);
    otherSecretary = await loginClient(app, s2.username, TEST_PASSWORD);
    lecturerClient = await loginClient(app, l.username, TEST_PASSWORD);
    member = await loginClient(app, m.username, TEST_PASSWORD);
    auditAdmin = await loginClient(app, a.username, TEST_PASSWORD);
  });

  describe('directions', () => {
    it('lists the five built-in directions, and the working committee adds its own', async () => {
      const list = (await member.get('/api/v1/teacher-directions')).json();
      expect(list.filter((d: { builtin: boolean }) => d.builtin).map((d: { nameZh: string }) => d.nameZh)).toEqual(['政治理论', '现代经济', '社会管理', '科学技术', '先进典型']);
      const res = await officer.post('/api/v1/teacher-directions', { code: 'rural_revitalization', nameZh: '乡村振兴', nameEn: 'Rural revitalisation' });
      expect(res.statusCode).toBe(201);
      expect((await member.get('/api/v1/teacher-directions')).json().map((d: { code: string }) => d.code)).toContain('rural_revitalization');
    });

    it('refuses a code already used, a malformed code, and anyone but an officer', async () => {
      expect(code(await officer.post('/api/v1/teacher-directions', { code: 'political_theory', nameZh: '重复', nameEn: 'Dup' }))).toBe('LECTURER_DIRECTION_TAKEN');
      const bad = await officer.post('/api/v1/teacher-directions', { code: 'Bad-Code', nameZh: '坏', nameEn: 'Bad' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].message).toContain('小写字母');
      expect(code(await secretary.post('/api/v1/teacher-directions', { code: 'mine_only', nameZh: '自拟', nameEn: 'Mine' }))).toBe('FORBIDDEN');
      expect(code(await auditAdmin.get('/api/v1/teacher-directions'))).toBe('FORBIDDEN');
    });
  });

  describe('lecturers', () => {
    it('adds an internal lecturer: name and unit from the record, the account linked, the phone masked', async () => {
      const res = await officer.post('/api/v1/lecturers', { kind: 'internal', personId: lecturerPerson.id, title: '党校副教授', directions: ['political_theory', 'exemplars'], bio: '长期从事党史教学', phone: '13812345678' });
      expect(res.statusCode).toBe(201);
      const l = res.json();
      internalId = l.id;
      expect(l).toMatchObject({ name: '欧阳明', unit: tree.branch.name, status: 'active', hasAccount: true, phone: '138****5678', personId: lecturerPerson.id });
    });

    it('keeps the phone encrypted: the full number only through the audited pii call, never in the audit of the write', async () => {
      const { ctx } = getEnv();
      const row = await ctx.db.selectFrom('lecturers').select(['phone_enc', 'phone_tail']).where('id', '=', internalId).executeTakeFirstOrThrow();
      expect(row.phone_enc).not.toContain('13812345678');
      expect(row.phone_tail).toBe('5678');
      expect((await officer.get(`/api/v1/lecturers/${internalId}/pii`)).json()).toEqual({ phone: '13812345678' });
      expect(code(await secretary.get(`/api/v1/lecturers/${internalId}/pii`))).toBe('FORBIDDEN');
      const audits = await ctx.db.selectFrom('audit_log').select(['action', 'after', 'detail']).where('entity_id', '=', internalId).execute();
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['lecturer.create', 'lecturer.pii.view']));
      expect(JSON.stringify(audits)).not.toContain('13812345678');
    });

    it('adds an external lecturer by name and unit, searchable by pinyin initials', async () => {
      const res = await officer.post('/api/v1/lecturers', { kind: 'external', name: '张建国', unit: '县委党校', title: '讲师', directions: ['modern_economy'] });
      expect(res.statusCode).toBe(201);
      externalId = res.json().id;
      expect(res.json()).toMatchObject({ hasAccount: false, phone: null });
      const byInitials = (await member.get('/api/v1/lecturers?q=zjg')).json();
      expect(byInitials.items.map((l: { id: string }) => l.id)).toEqual([externalId]);
      const byPinyin = (await member.get('/api/v1/lecturers?q=ouyang')).json();
      expect(byPinyin.items.map((l: { id: string }) => l.id)).toEqual([internalId]);
      const byUnit = (await member.get(`/api/v1/lecturers?q=${encodeURIComponent('党校')}`)).json();
      expect(byUnit.items.map((l: { id: string }) => l.id)).toContain(externalId);
    });

    it('refuses an unknown direction, a bad phone, the same person twice, a missing unit, and renaming an internal lecturer', async () => {
      expect(code(await officer.post('/api/v1/lecturers', { kind: 'external', name: '某', unit: '某单位', directions: ['astrology'] }))).toBe('LECTURER_DIRECTION_UNKNOWN');
      expect(code(await officer.post('/api/v1/lecturers', { kind: 'external', name: '某', unit: '某单位', directions: ['exemplars'], phone: '12345' }))).toBe('LECTURER_PHONE_INVALID');
      expect(code(await officer.post('/api/v1/lecturers', { kind: 'internal', personId: lecturerPerson.id, directions: ['exemplars'] }))).toBe('LECTURER_PERSON_TAKEN');
      const noUnit = await officer.post('/api/v1/lecturers', { kind: 'external', name: '某', directions: ['exemplars'] });
      expect(noUnit.json().error.details[0].code).toBe('LECTURER_EXTERNAL_NEEDS_NAME_UNIT');
      expect(code(await officer.patch(`/api/v1/lecturers/${internalId}`, { version: 1, name: '别名' }))).toBe('LECTURER_NAME_FROM_RECORD');
      expect(code(await member.post('/api/v1/lecturers', { kind: 'external', name: '某', unit: '某单位', directions: ['exemplars'] }))).toBe('LECTURER_PROPOSE_NEEDS_ORG');
    });

    it('edits with the version, clears the phone, and refuses a stale version', async () => {
      const before = (await officer.get(`/api/v1/lecturers/${externalId}`)).json();
      const res = await officer.patch(`/api/v1/lecturers/${externalId}`, { version: before.version, title: '高级讲师', phone: '0755-1234567', directions: ['modern_economy', 'social_management'] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ title: '高级讲师', phone: '0755***4567', directions: ['modern_economy', 'social_management'] });
      expect(code(await officer.patch(`/api/v1/lecturers/${externalId}`, { version: before.version, title: 'x' }))).toBe('CONFLICT_VERSION');
      const cleared = await officer.patch(`/api/v1/lecturers/${externalId}`, { version: res.json().version, phone: null });
      expect(cleared.json().phone).toBeNull();
      expect(code(await secretary.patch(`/api/v1/lecturers/${externalId}`, { version: cleared.json().version, title: 'x' }))).toBe('FORBIDDEN');
    });

    it("a secretary proposes a lecturer from their branch; it waits for the working committee and only they and the officers see it", async () => {
      expect(code(await secretary.post('/api/v1/lecturers', { kind: 'external', name: '赵先进', unit: '县劳模协会', directions: ['exemplars'], proposedByOrgId: tree.otherBranch.id }))).toBe('ORG_NOT_FOUND');
      const outsider = await makePerson(getEnv().ctx, { orgId: tree.otherBranch.id, name: '外支部' });
      expect(code(await secretary.post('/api/v1/lecturers', { kind: 'internal', personId: outsider.id, directions: ['exemplars'], proposedByOrgId: tree.branch.id }))).toBe('PERSON_NOT_FOUND');
      const res = await secretary.post('/api/v1/lecturers', { kind: 'external', name: '赵先进', unit: '县劳模协会', directions: ['exemplars'], proposedByOrgId: tree.branch.id });
      expect(res.statusCode).toBe(201);
      const proposed = res.json();
      expect(proposed).toMatchObject({ status: 'proposed', proposedByOrgId: tree.branch.id, proposedByOrgName: tree.branch.name });
      // Not in the pool as it teaches; listed for the proposer and the officers on asking for proposals.
      expect((await member.get('/api/v1/lecturers?q=zxj')).json().total).toBe(0);
      expect((await secretary.get('/api/v1/lecturers?status=proposed')).json().items.map((l: { id: string }) => l.id)).toContain(proposed.id);
      expect((await officer.get('/api/v1/lecturers?status=proposed')).json().items.map((l: { id: string }) => l.id)).toContain(proposed.id);
      expect((await otherSecretary.get('/api/v1/lecturers?status=proposed')).json().items.map((l: { id: string }) => l.id)).not.toContain(proposed.id);
      expect(code(await otherSecretary.get(`/api/v1/lecturers/${proposed.id}`))).toBe('LECTURER_NOT_FOUND');
      expect(code(await secretary.post('/api/v1/lecturer-requests', { orgId: tree.branch.id, lecturerId: proposed.id, targetType: 'party_lesson', purpose: '先进事迹报告', preferredDate: '2099-01-01' }))).toBe('LECTURER_NOT_ACTIVE');
      expect(code(await secretary.post(`/api/v1/lecturers/${proposed.id}/approve`))).toBe('FORBIDDEN');
      const approved = await officer.post(`/api/v1/lecturers/${proposed.id}/approve`);
      expect(approved.json().status).toBe('active');
      expect(code(await officer.post(`/api/v1/lecturers/${proposed.id}/approve`))).toBe('LECTURER_NOT_PROPOSED');
      expect((await member.get('/api/v1/lecturers?q=zxj')).json().total).toBe(1);
    });

    it('rejects a proposal with its reason, which the proposer sees', async () => {
      const proposed = (await secretary.post('/api/v1/lecturers', { kind: 'external', name: '钱某', unit: '某公司', directions: ['science_technology'], proposedByOrgId: tree.branch.id })).json();
      const res = await officer.post(`/api/v1/lecturers/${proposed.id}/reject`, { reason: '与现有讲师课程重复' });
      expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '与现有讲师课程重复' });
      expect((await secretary.get(`/api/v1/lecturers/${proposed.id}`)).json().rejectReason).toBe('与现有讲师课程重复');
      expect(code(await officer.post(`/api/v1/lecturers/${proposed.id}/reject`, { reason: '再次' }))).toBe('LECTURER_NOT_PROPOSED');
    });

    it('is closed to the three administrators', async () => {
      expect(code(await auditAdmin.get('/api/v1/lecturers'))).toBe('FORBIDDEN');
      expect(code(await auditAdmin.get(`/api/v1/lecturers/${internalId}`))).toBe('LECTURER_NOT_FOUND');
    });
  });

  describe('course catalogue', () => {
    it('adds courses by direction and format, filters the catalogue and the pool by them, hides retired ones', async () => {
      const add = await officer.post(`/api/v1/lecturers/${internalId}/courses`, { title: '伟大建党精神的时代价值', direction: 'political_theory', minutes: 90, format: 'lecture', summary: '专题党课' });
      expect(add.statusCode).toBe(201);
      courseId = add.json().id;
      const field = (await officer.post(`/api/v1/lecturers/${externalId}/courses`, { title: '县域经济发展现场教学', direction: 'modern_economy', minutes: 240, format: 'on_site' })).json();
      expect(code(await officer.post(`/api/v1/lecturers/${externalId}/courses`, { title: 'x', direction: 'astrology', minutes: 60, format: 'lecture' }))).toBe('LECTURER_DIRECTION_UNKNOWN');
      expect(code(await secretary.post(`/api/v1/lecturers/${externalId}/courses`, { title: 'x', direction: 'exemplars', minutes: 60, format: 'lecture' }))).toBe('FORBIDDEN');

      const political = (await member.get('/api/v1/lecturer-courses?direction=political_theory')).json();
      expect(political.items.map((c: { id: string }) => c.id)).toEqual([courseId]);
      expect(political.items[0]).toMatchObject({ lecturerName: '欧阳明', minutes: 90, format: 'lecture' });
      expect((await member.get('/api/v1/lecturer-courses?format=on_site')).json().items.map((c: { id: string }) => c.id)).toEqual([field.id]);
      // The pool by format (a course of theirs) and by a direction only a course has.
      expect((await member.get('/api/v1/lecturers?format=on_site')).json().items.map((l: { id: string }) => l.id)).toEqual([externalId]);
      const retired = await officer.patch(`/api/v1/lecturer-courses/${field.id}`, { version: field.version, status: 'retired' });
      expect(retired.json().status).toBe('retired');
      expect((await member.get('/api/v1/lecturer-courses?format=on_site')).json().total).toBe(0);
      expect(code(await officer.patch(`/api/v1/lecturer-courses/${field.id}`, { version: field.version, title: 'x' }))).toBe('CONFLICT_VERSION');
      expect((await member.get(`/api/v1/lecturers/${externalId}`)).json().courses[0].status).toBe('retired');
    });
  });

  describe('requests', () => {
    const notificationsOf = async (c: Client) => (await c.get('/api/v1/me/notifications')).json().items as Array<{ kind: string; body: string; link: string }>;

    it('a secretary requests a lecturer for a party lesson; the lecturer is told, accepts, and the secretary is told', async () => {
      const { ctx } = getEnv();
      const lesson = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson', topic: '七一专题党课', plannedStart: '2099-07-01T01:00:00Z' });
      const res = await secretary.post('/api/v1/lecturer-requests', { orgId: tree.branch.id, lecturerId: internalId, courseId, targetType: 'party_lesson', activityId: lesson.id, purpose: '七一专题党课', preferredDate: '2099-07-01' });
      expect(res.statusCode).toBe(201);
      const request = res.json();
      expect(request).toMatchObject({ status: 'pending', courseTitle: '伟大建党精神的时代价值', activityTopic: '七一专题党课', orgName: tree.branch.name });
      const received = (await notificationsOf(lecturerClient)).find((n) => n.kind === 'lecturer_request_received');
      expect(received?.body).toContain('七一专题党课');
      expect(received?.link).toBe('/my-teaching');

      const mine = (await lecturerClient.get('/api/v1/me/lecturer-requests')).json();
      expect(mine.map((r: { id: string }) => r.id)).toContain(request.id);
      const accepted = await lecturerClient.post(`/api/v1/me/lecturer-requests/${request.id}/accept`);
      expect(accepted.json()).toMatchObject({ status: 'accepted', decisionReason: null });
      expect((await notificationsOf(secretary)).map((n) => n.kind)).toContain('lecturer_request_accepted');
      expect(code(await lecturerClient.post(`/api/v1/me/lecturer-requests/${request.id}/decline`, { reason: '改主意' }))).toBe('LECTURER_REQUEST_NOT_PENDING');
      expect((await lecturerClient.get('/api/v1/me/lecturer-requests?status=accepted')).json().map((r: { id: string }) => r.id)).toEqual([request.id]);

      // Withdrawing an accepted request tells the lecturer; a second withdrawal is refused.
      expect(code(await otherSecretary.post(`/api/v1/lecturer-requests/${request.id}/cancel`))).toBe('LECTURER_REQUEST_NOT_FOUND');
      expect((await secretary.post(`/api/v1/lecturer-requests/${request.id}/cancel`)).json().status).toBe('cancelled');
      expect((await notificationsOf(lecturerClient)).map((n) => n.kind)).toContain('lecturer_request_cancelled');
      expect(code(await secretary.post(`/api/v1/lecturer-requests/${request.id}/cancel`))).toBe('LECTURER_REQUEST_CLOSED');
    });

    it('the lecturer declines with a reason, which the requester reads in the notification', async () => {
      const cls = await makeClass(getEnv().ctx, { orgId: tree.branch.id, sessions: [{ startsAt: '2026-03-10T01:00:00Z', hours: 2, topic: '书记培训班第二讲' }] });
      const sessionId = cls.sessions[0]!.id;
      const request = (await secretary.post('/api/v1/lecturer-requests', { orgId: tree.branch.id, lecturerId: internalId, targetType: 'class_session', classSessionId: sessionId, purpose: '书记培训班第二讲', preferredDate: '2099-03-01' })).json();
      expect(request).toMatchObject({ targetType: 'class_session', classSessionId: sessionId, activityId: null });
      const bare = await lecturerClient.post(`/api/v1/me/lecturer-requests/${request.id}/decline`, {});
      expect(bare.statusCode).toBe(400);
      const declined = await lecturerClient.post(`/api/v1/me/lecturer-requests/${request.id}/decline`, { reason: '当天在省委党校学习' });
      expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: '当天在省委党校学习' });
      const note = (await notificationsOf(secretary)).find((n) => n.kind === 'lecturer_request_declined');
      expect(note?.body).toContain('当天在省委党校学习');
      const { ctx } = getEnv();
      expect((await ctx.db.selectFrom('notifications').select('user_id').where('kind', '=', 'lecturer_request_declined').execute()).map((n) => n.user_id)).toEqual([secretaryUserId]);
    });

    it('refuses a past day, another lecturer\'s course, an activity that is not a party lesson of the organisation, a mixed-up link and an organisation not managed', async () => {
      const { ctx } = getEnv();
      const base = { orgId: tree.branch.id, lecturerId: externalId, targetType: 'party_lesson', purpose: '党课', preferredDate: '2099-01-01' };
      expect(code(await secretary.post('/api/v1/lecturer-requests', { ...base, preferredDate: '2000-01-01' }))).toBe('LECTURER_REQUEST_DATE_PAST');
      expect(code(await secretary.post('/api/v1/lecturer-requests', { ...base, courseId }))).toBe('LECTURER_COURSE_OTHER_LECTURER');
      const assembly = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'member_assembly' });
      expect(code(await secretary.post('/api/v1/lecturer-requests', { ...base, activityId: assembly.id }))).toBe('LECTURER_REQUEST_ACTIVITY');
      const elsewhere = await makeActivity(ctx, { orgId: tree.otherBranch.id, kind: 'party_lesson' });
      expect(code(await secretary.post('/api/v1/lecturer-requests', { ...base, activityId: elsewhere.id }))).toBe('LECTURER_REQUEST_ACTIVITY');
      const mixed = await secretary.post('/api/v1/lecturer-requests', { ...base, classSessionId: '0190a000-0000-7000-8000-0000000000aa' });
      expect(mixed.json().error.details[0].code).toBe('LECTURER_REQUEST_LINK_TARGET');
      expect(code(await secretary.post('/api/v1/lecturer-requests', { ...base, orgId: tree.otherBranch.id }))).toBe('ORG_NOT_FOUND');
      expect(code(await member.post('/api/v1/lecturer-requests', base))).toBe('ORG_NOT_FOUND');
    });

    it("lists a subtree's requests for its managers only, and answers /me/lecturer only for a lecturer's account", async () => {
      expect((await secretary.get(`/api/v1/lecturer-requests?orgId=${tree.branch.id}`)).json().length).toBeGreaterThanOrEqual(2);
      expect((await officer.get(`/api/v1/lecturer-requests?orgId=${tree.root.id}`)).json().length).toBeGreaterThanOrEqual(2);
      expect(code(await otherSecretary.get(`/api/v1/lecturer-requests?orgId=${tree.branch.id}`))).toBe('ORG_NOT_FOUND');
      expect((await lecturerClient.get('/api/v1/me/lecturer')).json()).toMatchObject({ id: internalId, courses: [expect.objectContaining({ id: courseId })] });
      expect(code(await member.get('/api/v1/me/lecturer'))).toBe('LECTURER_PROFILE_NOT_LINKED');
      expect(code(await member.get('/api/v1/me/lecturer-requests'))).toBe('LECTURER_PROFILE_NOT_LINKED');
    });
  });

  describe("a party lesson's speaker from the pool", () => {
    it('sets the speaker to the lecturer, shows it on the activity, and drops the link when the activity form types another speaker', async () => {
      const created = await secretary.post('/api/v1/activities', { orgId: tree.branch.id, kind: 'party_lesson', topic: '专题党课', plannedStart: '2099-06-01T01:00:00Z' });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const set = await secretary.put(`/api/v1/activities/${id}/lecturer`, { lecturerId: externalId });
      expect(set.json()).toMatchObject({ lecturerId: externalId, lecturerName: '张建国', speakerName: '张建国' });
      const activity = (await secretary.get(`/api/v1/activities/${id}`)).json();
      expect(activity.speakerName).toBe('张建国');
      expect(activity.version).toBe(set.json().version);
      // An internal lecturer becomes the speaker person.
      const internal = await secretary.put(`/api/v1/activities/${id}/lecturer`, { lecturerId: internalId });
      expect(internal.json()).toMatchObject({ lecturerId: internalId, speakerName: null });
      expect((await secretary.get(`/api/v1/activities/${id}`)).json()).toMatchObject({ speakerPersonId: lecturerPerson.id, speakerName: '欧阳明' });
      const patched = await secretary.patch(`/api/v1/activities/${id}`, { version: internal.json().version, speakerPersonId: null, speakerName: '临时主讲人' });
      expect(patched.statusCode).toBe(200);
      expect((await secretary.get(`/api/v1/activities/${id}/lecturer`)).json()).toMatchObject({ lecturerId: null, speakerName: '临时主讲人' });
    });

    it('refuses another kind of activity, a retired lecturer, and managers of other organisations', async () => {
      const { ctx } = getEnv();
      const assembly = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'member_assembly' });
      expect(code(await secretary.put(`/api/v1/activities/${assembly.id}/lecturer`, { lecturerId: externalId }))).toBe('ACTIVITY_LECTURER_NOT_LESSON');
      const lesson = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson' });
      expect(code(await otherSecretary.put(`/api/v1/activities/${lesson.id}/lecturer`, { lecturerId: externalId }))).toBe('ACTIVITY_NOT_FOUND');
      const cancelled = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson', status: 'cancelled' });
      expect(code(await secretary.put(`/api/v1/activities/${cancelled.id}/lecturer`, { lecturerId: externalId }))).toBe('ACTIVITY_LECTURER_CANCELLED');
      const retiring = (await officer.post('/api/v1/lecturers', { kind: 'external', name: '孙退休', unit: '县老干部局', directions: ['exemplars'] })).json();
      await officer.patch(`/api/v1/lecturers/${retiring.id}`, { version: retiring.version, status: 'retired' });
      expect(code(await secretary.put(`/api/v1/activities/${lesson.id}/lecturer`, { lecturerId: retiring.id }))).toBe('LECTURER_NOT_ACTIVE');
    });
  });

  describe('feedback', () => {
    let heldId: string;

    beforeAll(async () => {
      const { ctx } = getEnv();
      const held = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson', status: 'held', topic: '党史专题党课', heldOn: '2026-03-10', plannedStart: '2026-03-10T01:00:00Z' });
      heldId = held.id;
      await addAttendees(ctx, heldId, [
        { personId: memberPerson.id, status: 'present' },
        { personId: absentPerson.id, status: 'absent' },
        { personId: lecturerPerson.id, status: 'present' },
      ]);
      await ctx.db.updateTable('activities').set({ lecturer_id: internalId }).where('id', '=', heldId).execute();
    });

    it('a present participant rates the session once; the lecturer sees ratings and comments without names', async () => {
      const sessions = (await member.get('/api/v1/me/feedback-sessions')).json();
      expect(sessions).toEqual([expect.objectContaining({ sessionType: 'party_lesson', sessionId: heldId, lecturerId: internalId, lecturerName: '欧阳明', rated: false })]);
      const res = await member.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: heldId, rating: 5, comment: '联系实际，很有启发' });
      expect(res.statusCode).toBe(201);
      expect(code(await member.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: heldId, rating: 1 }))).toBe('LECTURER_FEEDBACK_TWICE');
      expect((await member.get('/api/v1/me/feedback-sessions')).json()[0].rated).toBe(true);

      const report = await lecturerClient.get('/api/v1/me/lecturer-feedback');
      expect(report.json().summary).toMatchObject({ lecturerId: internalId, count: 1, average: 5, ratings: [0, 0, 0, 0, 1], sessions: 1 });
      expect(report.json().items[0]).toMatchObject({ sessionTitle: '党史专题党课', heldOn: '2026-03-10', rating: 5, comment: '联系实际，很有启发' });
      expect(report.body).not.toContain(memberPerson.id);
      expect(report.body).not.toContain('李学员');
      const { ctx } = getEnv();
      const audit = await ctx.db.selectFrom('audit_log').select(['after', 'detail']).where('action', '=', 'lecturer_feedback.create').execute();
      expect(JSON.stringify(audit)).not.toContain('很有启发');
    });

    it('refuses an absentee, the lecturer themself, a lesson not held, a speaker not from the pool, and an unknown session type', async () => {
      const { ctx, app } = getEnv();
      const absentUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: absentPerson.id });
      const absent = await loginClient(app, absentUser.username, TEST_PASSWORD);
      expect(code(await absent.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: heldId, rating: 3 }))).toBe('LECTURER_FEEDBACK_NOT_ATTENDED');
      expect(code(await lecturerClient.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: heldId, rating: 5 }))).toBe('LECTURER_FEEDBACK_OWN');
      const planned = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson' });
      await ctx.db.updateTable('activities').set({ lecturer_id: internalId }).where('id', '=', planned.id).execute();
      expect(code(await member.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: planned.id, rating: 4 }))).toBe('LECTURER_FEEDBACK_NOT_HELD');
      const noPool = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'party_lesson', status: 'held', attendees: [{ personId: memberPerson.id, status: 'present' }] });
      expect(code(await member.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: noPool.id, rating: 4 }))).toBe('LECTURER_FEEDBACK_NO_LECTURER');
      const assembly = await makeActivity(ctx, { orgId: tree.branch.id, kind: 'member_assembly', status: 'held' });
      expect(code(await member.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: assembly.id, rating: 4 }))).toBe('LECTURER_FEEDBACK_SESSION_NOT_FOUND');
      // An activity's id is no class session (class sessions are tested in classes.teachers.test.ts).
      expect(code(await member.post('/api/v1/lecturer-feedback', { sessionType: 'class_session', sessionId: heldId, rating: 4 }))).toBe('LECTURER_FEEDBACK_SESSION_NOT_FOUND');
      expect(code(await officer.post('/api/v1/lecturer-feedback', { sessionType: 'party_lesson', sessionId: heldId, rating: 4 }))).toBe('PROFILE_NOT_LINKED');
    });

    it('the working committee sees counts and averages per lecturer and each lecturer\'s comments; nobody else does', async () => {
      const summary = (await officer.get('/api/v1/lecturer-feedback/summary')).json();
      expect(summary).toEqual([expect.objectContaining({ lecturerId: internalId, count: 1, average: 5 })]);
      const report = (await officer.get(`/api/v1/lecturers/${internalId}/feedback`)).json();
      expect(report.items).toHaveLength(1);
      expect(JSON.stringify(report)).not.toContain(memberPerson.id);
      expect((await officer.get(`/api/v1/lecturers/${externalId}/feedback`)).json().summary).toMatchObject({ count: 0, average: null });
      expect(code(await secretary.get('/api/v1/lecturer-feedback/summary'))).toBe('FORBIDDEN');
      expect(code(await lecturerClient.get(`/api/v1/lecturers/${internalId}/feedback`))).toBe('FORBIDDEN');
      expect(code(await member.get('/api/v1/me/lecturer-feedback'))).toBe('LECTURER_PROFILE_NOT_LINKED');
    });
  });

  it('a lecturer who moves with their unit keeps requests in the moved subtree', async () => {
    const { ctx } = getEnv();
    const unit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const branch = await makeOrg(ctx, { parentId: unit.id, kind: 'branch' });
    const r = (await officer.post('/api/v1/lecturer-requests', { orgId: branch.id, lecturerId: externalId, targetType: 'party_lesson', purpose: '迁移测试', preferredDate: '2099-02-02' })).json();
    expect((await officer.post(`/api/v1/orgs/${unit.id}/move`, { parentId: tree.unit.id })).statusCode).toBe(200);
    const path = (await ctx.db.selectFrom('organizations').select('path').where('id', '=', branch.id).executeTakeFirstOrThrow()).path;
    expect((await ctx.db.selectFrom('lecturer_requests').select('org_path').where('id', '=', r.id).executeTakeFirstOrThrow()).org_path).toBe(path);
  });
});
