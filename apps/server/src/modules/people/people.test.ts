/**
 * The people registry over HTTP on a real database: record rules with their localized messages,
 * deployment-wide ID uniqueness, masking, the audited full view, search, paging and filters,
 * optimistic versions, encryption at rest. Who may do what is in people-permissions.test.ts.
 */
import { apiMessages, idNumberCheckDigit, ruleMessages } from '@pioneer/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeIdNumber, makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

const TODAY = '2026-06-01';
const messages: Record<string, { 'zh-CN': string; en: string }> = { ...ruleMessages, ...apiMessages };

/** An ID number for a birth date and sex whose check character is the given one (e.g. X). */
let xSerial = 0;
function idNumberEndingWith(check: string, birthDate: string, sex: 'male' | 'female'): string {
  for (;;) {
    xSerial += 1;
    const seq = String((xSerial * 2 + (sex === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
    const first17 = `110105${birthDate.replace(/-/g, '')}${seq}`;
    if (idNumberCheckDigit(first17) === check) return first17 + check;
  }
}

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

describeEachDatabase('people', (env) => {
  beforeAll(() => env().setNow(`${TODAY}T04:00:00Z`));

  async function loginAs(role: Role, orgId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }] });
    return { client: await loginClient(env().app, user.username, TEST_PASSWORD), userId: user.id };
  }

  /** A unit with two branches and a committee officer managing the unit. */
  async function world() {
    const tree = await makeTree(env().ctx);
    const officer = await loginAs('committee_officer', tree.unit.id);
    return { ...tree, officer: officer.client, officerId: officer.userId };
  }

  const fullMember = (orgId: string, overrides: Record<string, unknown> = {}) => ({
    orgId,
    name: '李建国',
    sex: 'male',
    ethnicity: '汉族',
    birthDate: '1985-06-15',
    idNumber: makeIdNumber('1985-06-15', 'male'),
    phone: '13812345678',
    education: '大学本科',
    category: 'full',
    joinedOn: '2010-07-01',
    confirmedOn: '2011-07-01',
    post: '科员',
    address: '城关镇人民路 1 号',
    status: 'normal',
    isLeadingCadre: false,
    ...overrides,
  });

  const auditOf = (entityId: string) => env().ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();

  describe('creating', () => {
    it('registers a valid full member, shows the numbers masked and audits the creation without a plain number', async () => {
      const w = await world();
      const input = fullMember(w.branch.id);
      const res = await w.officer.post('/api/v1/people', input);
      expect(res.statusCode).toBe(201);
      const person = res.json();
      expect(person).toMatchObject({
        orgId: w.branch.id,
        orgName: w.branch.name,
        name: '李建国',
        sex: 'male',
        birthDate: '1985-06-15',
        idNumberMasked: masked(input.idNumber),
        phoneMasked: '138****5678',
        category: 'full',
        joinedOn: '2010-07-01',
        confirmedOn: '2011-07-01',
        status: 'normal',
        lostContactFlag: 'none',
        studyExempt: false,
        version: 1,
      });
      expect(res.body).not.toContain(input.idNumber);
      expect(res.body).not.toContain('13812345678');

      const [audit] = await auditOf(person.id);
      expect(audit).toMatchObject({ action: 'person.create', actor_id: w.officerId, org_id: w.branch.id, ip: '127.0.0.1' });
      expect(audit!.after).toMatchObject({ name: '李建国', idNumber: masked(input.idNumber), phone: '138****5678' });
      expect(JSON.stringify(audit)).not.toContain(input.idNumber);
      expect(JSON.stringify(audit)).not.toContain('13812345678');
    });

    it('keeps ID and phone numbers encrypted at rest, with keyed hashes and tails beside them', async () => {
      const { ctx } = env();
      const w = await world();
      const input = fullMember(w.branch.id, { phone: '+86 139-1234-0001' });
      const person = (await w.officer.post('/api/v1/people', input)).json();
      const row = await ctx.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      const raw = JSON.stringify(row);
      expect(raw).not.toContain(input.idNumber);
      expect(raw).not.toContain(input.idNumber.slice(6, 14));
      expect(raw).not.toContain('13912340001');
      expect(ctx.pii.decrypt(row.id_number_enc)).toBe(input.idNumber);
      // The phone is stored in its normalised form, so log-in and look-ups find it however it was typed.
      expect(ctx.pii.decrypt(row.phone_enc!)).toBe('13912340001');
      expect(row.id_number_hash).toBe(ctx.pii.hash('id', input.idNumber));
      expect(row.phone_hash).toBe(ctx.pii.hash('phone', '13912340001'));
      expect(row).toMatchObject({
        id_number_tail: input.idNumber.slice(-4),
        phone_tail: '0001',
        name_pinyin: 'lijianguo',
        name_initials: 'ljg',
        org_path: expect.stringMatching(/\/$/),
      });
    });

    it('accepts an X check character, typed in lower case, full width or with spaces, and stores it canonically', async () => {
      const { ctx } = env();
      const w = await world();
      const id = idNumberEndingWith('X', '1990-03-08', 'female');
      const typed = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14, 17)}ｘ`;
      const res = await w.officer.post(
        '/api/v1/people',
        fullMember(w.branch.id, { name: '王芳', sex: 'female', birthDate: '1990-03-08', idNumber: typed, joinedOn: '2015-07-01', confirmedOn: '2016-07-01' }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().idNumberMasked).toBe(masked(id));
      expect(res.json().idNumberMasked.endsWith('X')).toBe(true);
      const row = await ctx.db.selectFrom('people').select(['id_number_enc', 'id_number_tail']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(ctx.pii.decrypt(row.id_number_enc)).toBe(id);
      expect(row.id_number_tail).toBe(id.slice(-4));
    });

    const invalidCases: Array<[string, (id: string) => Record<string, unknown>, string, string]> = [
      ['a wrong check digit', (id) => ({ idNumber: id.slice(0, 17) + ((Number(id[17] === 'X' ? 10 : id[17]) + 1) % 10) }), 'idNumber', 'ID_NUMBER_CHECK_DIGIT'],
      ['a birth date that differs from the ID number', () => ({ birthDate: '1985-06-16' }), 'birthDate', 'ID_NUMBER_BIRTH_MISMATCH'],
      ['a sex that differs from the ID number', () => ({ sex: 'female' }), 'sex', 'ID_NUMBER_SEX_MISMATCH'],
      ['joining before the age of 18', () => ({ joinedOn: '2002-07-01', confirmedOn: '2003-07-01' }), 'joinedOn', 'JOIN_AGE_UNDER_18'],
      ['a confirmation before joining', () => ({ confirmedOn: '2010-01-01' }), 'confirmedOn', 'CONFIRMED_BEFORE_JOIN'],
      [
        'a probationary member with a confirmation date',
        () => ({ category: 'probationary', joinedOn: '2025-09-01', confirmedOn: '2026-05-01' }),
        'confirmedOn',
        'PROBATIONARY_HAS_CONFIRMATION',
      ],
      ['a full member without a confirmation date', () => ({ confirmedOn: null }), 'confirmedOn', 'CONFIRMED_ON_REQUIRED'],
      ['an applicant with a join date', () => ({ category: 'applicant', confirmedOn: null }), 'joinedOn', 'NOT_A_MEMBER_HAS_JOIN_DATE'],
      ['a phone number that is no phone number', () => ({ phone: '12345' }), 'phone', 'PHONE_INVALID'],
      ['lost contact without the date', () => ({ status: 'lost_contact' }), 'lostContactSince', 'LOST_CONTACT_DATE_REQUIRED'],
      ['lost contact since a future day', () => ({ status: 'lost_contact', lostContactSince: '2026-07-01' }), 'lostContactSince', 'DATE_IN_FUTURE'],
      ['an exemption from study without a reason', () => ({ studyExempt: true }), 'studyExemptReason', 'STUDY_EXEMPT_REASON_REQUIRED'],
    ];
    it.each(invalidCases)('refuses %s, naming the field and the rule in Chinese, and writes nothing', async (_label, change, field, code) => {
      const { ctx } = env();
      const w = await world();
      const input = fullMember(w.branch.id, { name: '错误测试' });
      const res = await w.officer.post('/api/v1/people', { ...input, ...change(input.idNumber) });
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(error.details).toContainEqual({ path: field, code, message: messages[code]!['zh-CN'] });
      const written = await ctx.db.selectFrom('people').select('id').where('org_id', '=', w.branch.id).execute();
      expect(written).toEqual([]);
    });

    it('reports every problem of a record at once, in English when asked', async () => {
      const w = await world();
      const input = fullMember(w.branch.id, { sex: 'female', phone: '123', studyExempt: true });
      const res = await w.officer.post('/api/v1/people', input, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      const details = res.json().error.details as Array<{ path: string; code: string; message: string }>;
      expect(details.map((d) => d.code).sort()).toEqual(['ID_NUMBER_SEX_MISMATCH', 'PHONE_INVALID', 'STUDY_EXEMPT_REASON_REQUIRED']);
      expect(details.find((d) => d.code === 'PHONE_INVALID')!.message).toBe(messages.PHONE_INVALID!.en);
    });

    it('refuses a malformed body through the shared schema (missing name, bad category, bad date format)', async () => {
      const w = await world();
      const { name: _name, ...withoutName } = fullMember(w.branch.id);
      const res = await w.officer.post('/api/v1/people', { ...withoutName, category: 'member', birthDate: '1985/06/15' });
      expect(res.statusCode).toBe(400);
      const paths = (res.json().error.details as Array<{ path: string }>).map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['name', 'category', 'birthDate']));
    });

    it('accepts people in development without membership dates, and the flags with their reason', async () => {
      const w = await world();
      const res = await w.officer.post(
        '/api/v1/people',
        fullMember(w.branch.id, {
          category: 'activist',
          joinedOn: null,
          confirmedOn: null,
          phone: null,
          studyExempt: true,
          studyExemptReason: '年老体弱',
          isInfirm: true,
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        category: 'activist',
        joinedOn: null,
        phoneMasked: null,
        studyExempt: true,
        studyExemptReason: '年老体弱',
        isInfirm: true,
      });
    });
  });

  describe('uniqueness of the ID number', () => {
    it('refuses the same number in another organisation, naming the holder to a manager who may see them', async () => {
      const w = await world();
      const input = fullMember(w.branch.id, { name: '赵六' });
      expect((await w.officer.post('/api/v1/people', input)).statusCode).toBe(201);
      // Same number typed differently (spaces, full width) is the same number.
      const retyped = `${input.idNumber.slice(0, 6)} ${input.idNumber.slice(6)}`.replace(/1/g, '１');
      const res = await w.officer.post('/api/v1/people', { ...input, orgId: w.otherBranch.id, idNumber: retyped, name: '赵六六' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'PERSON_ID_NUMBER_TAKEN', message: `该身份证号已登记在“${w.branch.name}”的 赵六 名下。` });
    });

    it('tells a manager who may not see the holder only that the number is taken elsewhere', async () => {
      const { ctx } = env();
      const w = await world();
      const input = fullMember(w.branch.id, { name: '钱七' });
      expect((await w.officer.post('/api/v1/people', input)).statusCode).toBe(201);
      const farUnit = await makeOrg(ctx, { parentId: w.root.id, kind: 'party_committee', name: '远方局党委' });
      const farBranch = await makeOrg(ctx, { parentId: farUnit.id, kind: 'branch' });
      const { client: farSecretary } = await loginAs('secretary', farBranch.id);
      const res = await farSecretary.post('/api/v1/people', { ...input, orgId: farBranch.id });
      expect(res.statusCode).toBe(409);
      const error = res.json().error;
      expect(error.code).toBe('PERSON_ID_NUMBER_TAKEN_ELSEWHERE');
      expect(error.details).toEqual([{ path: 'idNumber', code: 'ID_NUMBER_TAKEN', message: apiMessages.ID_NUMBER_TAKEN['zh-CN'] }]);
      expect(res.body).not.toContain('钱七');
      expect(res.body).not.toContain(w.branch.name);
    });

    it('lists a taken number among the other problems when the record has some', async () => {
      const w = await world();
      const input = fullMember(w.branch.id);
      await w.officer.post('/api/v1/people', input);
      const res = await w.officer.post('/api/v1/people', { ...input, orgId: w.otherBranch.id, phone: '1' });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .error.details.map((d: { code: string }) => d.code)
          .sort(),
      ).toEqual(['ID_NUMBER_TAKEN', 'PHONE_INVALID']);
    });

    it('refuses an edit that gives a person the number of someone else, and accepts re-saving their own', async () => {
      const w = await world();
      const a = (await w.officer.post('/api/v1/people', fullMember(w.branch.id, { name: '甲' }))).json();
      const bInput = fullMember(w.otherBranch.id, { name: '乙' });
      const b = (await w.officer.post('/api/v1/people', bInput)).json();
      const aId = (await w.officer.get(`/api/v1/people/${a.id}/pii`)).json().idNumber;
      const taken = await w.officer.patch(`/api/v1/people/${b.id}`, { idNumber: aId, version: 1 });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('PERSON_ID_NUMBER_TAKEN');
      const own = await w.officer.patch(`/api/v1/people/${b.id}`, { idNumber: bInput.idNumber, post: '副科长', version: 1 });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ post: '副科长', version: 2 });
    });

    it('lets only one of two simultaneous registrations of a number through', async () => {
      const w = await world();
      const input = fullMember(w.branch.id);
      const results = await Promise.all([w.officer.post('/api/v1/people', input), w.officer.post('/api/v1/people', { ...input, orgId: w.otherBranch.id })]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });
  });

  describe('full view of personal numbers', () => {
    it('returns the full ID and phone numbers and records who looked, when and from where', async () => {
      const w = await world();
      const input = fullMember(w.branch.id, { name: '孙八' });
      const person = (await w.officer.post('/api/v1/people', input)).json();
      const res = await w.officer.get(`/api/v1/people/${person.id}/pii`, { 'x-forwarded-for': '10.0.0.9' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ idNumber: input.idNumber, phone: '13812345678' });
      const views = (await auditOf(person.id)).filter((a) => a.action === 'person.view_pii');
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({ actor_id: w.officerId, entity_type: 'person', org_id: w.branch.id, ip: '127.0.0.1' });
      expect(views[0]!.at).toBeInstanceOf(Date);
      expect(JSON.stringify(views[0])).not.toContain(input.idNumber);
      // Every view is a new entry.
      await w.officer.get(`/api/v1/people/${person.id}/pii`);
      expect((await auditOf(person.id)).filter((a) => a.action === 'person.view_pii')).toHaveLength(2);
    });

    it('does not audit the masked detail view, which shows no full number', async () => {
      const w = await world();
      const input = fullMember(w.branch.id);
      const person = (await w.officer.post('/api/v1/people', input)).json();
      const res = await w.officer.get(`/api/v1/people/${person.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ idNumberMasked: masked(input.idNumber), phoneMasked: '138****5678' });
      expect(res.body).not.toContain(input.idNumber);
      expect((await auditOf(person.id)).map((a) => a.action)).toEqual(['person.create']);
    });

    it('answers 404 for an unknown person', async () => {
      const w = await world();
      const res = await w.officer.get('/api/v1/people/0190f2a0-0000-7000-8000-000000000000/pii');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PERSON_NOT_FOUND');
    });
  });

  describe('editing', () => {
    it('changes the given fields, bumps the version and audits only what changed, numbers masked', async () => {
      const w = await world();
      const input = fullMember(w.branch.id);
      const person = (await w.officer.post('/api/v1/people', input)).json();
      const res = await w.officer.patch(`/api/v1/people/${person.id}`, { phone: '13900001111', post: '副主任', isLeadingCadre: true, version: 1 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        phoneMasked: '139****1111',
        post: '副主任',
        isLeadingCadre: true,
        version: 2,
        name: '李建国',
        idNumberMasked: masked(input.idNumber),
      });
      const update = (await auditOf(person.id)).find((a) => a.action === 'person.update')!;
      expect(update.before).toEqual({ phone: '138****5678', post: '科员', isLeadingCadre: false, version: 1 });
      expect(update.after).toEqual({ phone: '139****1111', post: '副主任', isLeadingCadre: true, version: 2 });
      expect(JSON.stringify(update)).not.toMatch(/13900001111|13812345678/);
    });

    it('re-checks the merged record: a new birth date must still agree with the stored ID number', async () => {
      const w = await world();
      const person = (await w.officer.post('/api/v1/people', fullMember(w.branch.id))).json();
      const res = await w.officer.patch(`/api/v1/people/${person.id}`, { birthDate: '1986-01-01', version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toContainEqual({
        path: 'birthDate',
        code: 'ID_NUMBER_BIRTH_MISMATCH',
        message: messages.ID_NUMBER_BIRTH_MISMATCH!['zh-CN'],
      });
      const lost = await w.officer.patch(`/api/v1/people/${person.id}`, { status: 'lost_contact', version: 1 });
      expect(lost.json().error.details.map((d: { code: string }) => d.code)).toEqual(['LOST_CONTACT_DATE_REQUIRED']);
      expect((await w.officer.get(`/api/v1/people/${person.id}`)).json().version).toBe(1);
    });

    it('refuses an edit based on an old version, also when two edits race', async () => {
      const w = await world();
      const person = (await w.officer.post('/api/v1/people', fullMember(w.branch.id))).json();
      expect((await w.officer.patch(`/api/v1/people/${person.id}`, { post: '一', version: 1 })).statusCode).toBe(200);
      const stale = await w.officer.patch(`/api/v1/people/${person.id}`, { post: '二', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('CONFLICT_VERSION');
      const race = await Promise.all([
        w.officer.patch(`/api/v1/people/${person.id}`, { post: '三', version: 2 }),
        w.officer.patch(`/api/v1/people/${person.id}`, { post: '四', version: 2 }),
      ]);
      expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect((await w.officer.get(`/api/v1/people/${person.id}`)).json().version).toBe(3);
    });

    it('does not move a person: an organisation in an edit is refused (moves are transfers)', async () => {
      const { ctx } = env();
      const w = await world();
      const person = (await w.officer.post('/api/v1/people', fullMember(w.branch.id))).json();
      const res = await w.officer.patch(`/api/v1/people/${person.id}`, { orgId: w.otherBranch.id, version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      const row = await ctx.db.selectFrom('people').select(['org_id', 'version']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ org_id: w.branch.id, version: 1 });
    });

    it('writes nothing and keeps the version when nothing changes', async () => {
      const w = await world();
      const person = (await w.officer.post('/api/v1/people', fullMember(w.branch.id))).json();
      const res = await w.officer.patch(`/api/v1/people/${person.id}`, { post: '科员', name: '李建国', version: 1 });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(1);
      expect((await auditOf(person.id)).map((a) => a.action)).toEqual(['person.create']);
    });

    it('clears the lost-contact date when contact is restored, and the exemption reason with the exemption', async () => {
      const w = await world();
      const person = (
        await w.officer.post(
          '/api/v1/people',
          fullMember(w.branch.id, { status: 'lost_contact', lostContactSince: '2025-01-01', studyExempt: true, studyExemptReason: '长期卧床' }),
        )
      ).json();
      expect(person).toMatchObject({ lostContactSince: '2025-01-01', lostContactFlag: 'over_6_months' });
      const res = await w.officer.patch(`/api/v1/people/${person.id}`, { status: 'normal', studyExempt: false, version: 1 });
      expect(res.json()).toMatchObject({ status: 'normal', lostContactSince: null, lostContactFlag: 'none', studyExempt: false, studyExemptReason: null });
    });

    it('moves the linked account’s phone log-in to the new number', async () => {
      const { ctx, app } = env();
      const w = await world();
      const person = (await w.officer.post('/api/v1/people', fullMember(w.branch.id, { phone: '13700000001' }))).json();
      await makeUser(ctx, { personId: person.id, roles: [{ role: 'member', orgId: w.branch.id }], phoneHash: ctx.pii.hash('phone', '13700000001') });
      await w.officer.patch(`/api/v1/people/${person.id}`, { phone: '137 0000 0002', version: 1 });
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: '13700000002', password: TEST_PASSWORD } })).statusCode).toBe(
        200,
      );
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: '13700000001', password: TEST_PASSWORD } })).statusCode).toBe(
        401,
      );
    });
  });

  describe('lost-contact flag', () => {
    it.each([
      ['2026-03-01', 'none'],
      ['2025-12-01', 'over_6_months'],
      ['2025-10-15', 'over_6_months'],
      ['2024-06-01', 'over_2_years'],
    ])('flags a member out of contact since %s as %s (today is 2026-06-01)', async (since, flag) => {
      const w = await world();
      const res = await w.officer.post('/api/v1/people', fullMember(w.branch.id, { status: 'lost_contact', lostContactSince: since }));
      expect(res.statusCode).toBe(201);
      expect(res.json().lostContactFlag).toBe(flag);
      const list = await w.officer.get(`/api/v1/people?orgId=${w.branch.id}&status=lost_contact`);
      expect(list.json().items[0].lostContactFlag).toBe(flag);
    });
  });

  describe('listing and search', () => {
    /** A branch of people with known names, numbers and categories. */
    async function roster() {
      const { ctx } = env();
      const w = await world();
      const p = async (name: string, extra: Parameters<typeof makePerson>[1] extends infer O ? Partial<O> : never = {}) =>
        makePerson(ctx, { orgId: w.branch.id, name, ...extra });
      const people = {
        zhangsan: await p('张三', { phone: '13812345678' }),
        zhangsiyuan: await p('张思远', { category: 'probationary' }),
        zhaosi: await p('赵四', { status: 'lost_contact' }),
        lisi: await p('李四', { category: 'activist', phone: null }),
        ouyang: await p('欧阳娜娜', { sex: 'female', birthDate: '1992-02-02' }),
        shanxiong: await p('单雄信'),
      };
      const inOther = await makePerson(ctx, { orgId: w.otherBranch.id, name: '张三丰' });
      const inUnit = await makePerson(ctx, { orgId: w.unit.id, name: '张局长' });
      return { ...w, people, inOther, inUnit };
    }

    const names = async (c: Client, query: string) => {
      const res = await c.get(`/api/v1/people?${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ name: string }>).map((i) => i.name);
    };

    it('finds people by the start of a Chinese name', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('张')}`)).toEqual(['张三', '张思远']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('欧阳')}`)).toEqual(['欧阳娜娜']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('王')}`)).toEqual([]);
    });

    it('finds people by full pinyin and its prefix, ordered by pinyin', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&q=zhangsan`)).toEqual(['张三']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=zhangs`)).toEqual(['张三', '张思远']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('Zhang San')}`)).toEqual(['张三']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=z`)).toEqual(['张三', '张思远', '赵四']);
      // Surname readings: 单 is shan as a surname.
      expect(await names(r.officer, `orgId=${r.branch.id}&q=shanx`)).toEqual(['单雄信']);
    });

    it('finds 张三 by the initials zs (and everyone else whose initials start so)', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&q=zs`)).toEqual(['张三', '张思远', '赵四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=ZS`)).toEqual(['张三', '张思远', '赵四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=oynn`)).toEqual(['欧阳娜娜']);
    });

    it('finds people by the last four characters of the ID number or of the phone number', async () => {
      const r = await roster();
      const id = r.people.lisi.idNumber;
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${id.slice(-4)}`)).toContain('李四');
      expect(await names(r.officer, `orgId=${r.branch.id}&q=5678`)).toContain('张三');
      // More digits than four still match on the last four; a whole number matches exactly.
      expect(await names(r.officer, `orgId=${r.branch.id}&q=12345678`)).toContain('张三');
      expect(await names(r.officer, `orgId=${r.branch.id}&q=13812345678`)).toEqual(['张三']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${id}`)).toEqual(['李四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${id.toLowerCase()}`)).toEqual(['李四']);
    });

    it('matches nobody for fewer than four digits, and treats LIKE wildcards as plain characters', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&q=56`)).toEqual([]);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('%')}`)).toEqual([]);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('_')}`)).toEqual([]);
      expect(await names(r.officer, `orgId=${r.branch.id}&q=${encodeURIComponent('张%')}`)).toEqual([]);
    });

    it('masks numbers in every list item', async () => {
      const r = await roster();
      const res = await r.officer.get(`/api/v1/people?orgId=${r.branch.id}`);
      const zhang = res.json().items.find((i: { name: string }) => i.name === '张三');
      expect(zhang).toMatchObject({ idNumberMasked: masked(r.people.zhangsan.idNumber), phoneMasked: '138****5678' });
      for (const p of Object.values(r.people)) {
        expect(res.body).not.toContain(p.idNumber);
        if (p.phone) expect(res.body).not.toContain(p.phone);
      }
      expect(res.json().items.find((i: { name: string }) => i.name === '李四').phoneMasked).toBeNull();
    });

    it('pages on the server with a total counted under the same filters, without overlaps', async () => {
      const r = await roster();
      const base = `orgId=${r.branch.id}&scope=direct&pageSize=4`;
      const first = (await r.officer.get(`/api/v1/people?${base}&page=1`)).json();
      const second = (await r.officer.get(`/api/v1/people?${base}&page=2`)).json();
      const third = (await r.officer.get(`/api/v1/people?${base}&page=3`)).json();
      expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(first.items).toHaveLength(4);
      expect(second.items).toHaveLength(2);
      expect(third.items).toHaveLength(0);
      const all = [...first.items, ...second.items].map((i: { name: string }) => i.name);
      expect(all).toEqual(['李四', '欧阳娜娜', '单雄信', '张三', '张思远', '赵四']);
      const filtered = (await r.officer.get(`/api/v1/people?orgId=${r.branch.id}&q=zs&pageSize=2`)).json();
      expect(filtered).toMatchObject({ total: 3 });
      expect(filtered.items).toHaveLength(2);
    });

    it('filters by category and status, alone and with a search', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&category=probationary`)).toEqual(['张思远']);
      expect(await names(r.officer, `orgId=${r.branch.id}&category=activist`)).toEqual(['李四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&status=lost_contact`)).toEqual(['赵四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&category=full&q=zs`)).toEqual(['张三', '赵四']);
      expect((await r.officer.get(`/api/v1/people?orgId=${r.branch.id}&category=member`)).statusCode).toBe(400);
    });

    it('lists only members exempt from study requirements (infirm or exempted) when asked, for 送学上门', async () => {
      const r = await roster();
      const { ctx } = env();
      await ctx.db.updateTable('people').set({ is_infirm: true }).where('id', '=', r.people.zhangsan.id).execute();
      await ctx.db.updateTable('people').set({ study_exempt: true, study_exempt_reason: '长期病休' }).where('id', '=', r.people.zhaosi.id).execute();
      expect(await names(r.officer, `orgId=${r.branch.id}&exempt=true`)).toEqual(['张三', '赵四']);
      expect(await names(r.officer, `orgId=${r.branch.id}&exempt=true&q=zhangs`)).toEqual(['张三']);
      expect((await r.officer.get(`/api/v1/people?orgId=${r.branch.id}&exempt=yes`)).statusCode).toBe(400);
    });

    it('sorts by category (members first) or by join date (latest first), then by pinyin', async () => {
      const r = await roster();
      expect(await names(r.officer, `orgId=${r.branch.id}&sort=category`)).toEqual(['欧阳娜娜', '单雄信', '张三', '赵四', '张思远', '李四']);
      const byJoin = await names(r.officer, `orgId=${r.branch.id}&sort=joinedOn`);
      expect(byJoin.at(-1)).toBe('李四');
    });

    it('lists the whole subtree by default, or only the organisation itself', async () => {
      const r = await roster();
      const subtree = await names(r.officer, `orgId=${r.unit.id}&q=${encodeURIComponent('张')}`);
      expect(subtree).toEqual(['张局长', '张三', '张三丰', '张思远']);
      expect(await names(r.officer, `orgId=${r.unit.id}&q=${encodeURIComponent('张')}&scope=direct`)).toEqual(['张局长']);
      const items = (await r.officer.get(`/api/v1/people?orgId=${r.unit.id}&q=zhangsanf`)).json().items;
      expect(items[0]).toMatchObject({ name: '张三丰', orgId: r.otherBranch.id, orgName: r.otherBranch.name });
    });

    it('answers 404 for a list of an unknown organisation', async () => {
      const r = await roster();
      const res = await r.officer.get('/api/v1/people?orgId=0190f2a0-0000-7000-8000-000000000000');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('ORG_NOT_FOUND');
    });
  });
});
