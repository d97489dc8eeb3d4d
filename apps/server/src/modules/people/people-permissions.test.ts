/**
 * Who may do what in the people registry: every /people and /me/profile endpoint called as every
 * role, inside and outside its subtree, then the member's own profile in detail.
 */
import { ruleMessages } from '@pioneer/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeIdNumber, makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { client, describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

describeEachDatabase('people permissions', (env) => {
  beforeAll(() => env().setNow('2026-06-01T04:00:00Z'));

  async function loginAs(role: Role, orgId: string | null = null, personId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }], personId });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }

  /**
   * Root → unit → branches A and B; another unit with its own branch. Person pA in A (with a
   * member account), pB in B, pFar in the other unit's branch.
   */
  async function world() {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const farUnit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const farBranch = await makeOrg(ctx, { parentId: farUnit.id, kind: 'branch' });
    const pA = await makePerson(ctx, { orgId: tree.branch.id, name: '张三', phone: '13811112222' });
    const pB = await makePerson(ctx, { orgId: tree.otherBranch.id, name: '李四' });
    const pFar = await makePerson(ctx, { orgId: farBranch.id, name: '王五' });
    return { ...tree, farUnit, farBranch, pA, pB, pFar };
  }

  const personBody = (orgId: string) => ({
    orgId,
    name: '新同志',
    sex: 'female',
    birthDate: '1995-05-05',
    idNumber: makeIdNumber('1995-05-05', 'female'),
    category: 'applicant',
  });

  const versionOf = async (personId: string) =>
    (await env().ctx.db.selectFrom('people').select('version').where('id', '=', personId).executeTakeFirstOrThrow()).version;

  describe('the permission matrix', () => {
    type Expectation = { list: number; get: number; pii: number; create: number; patch: number; myProfile: number; myProfilePatch: number };
    const administrator: Expectation = { list: 403, get: 403, pii: 403, create: 403, patch: 403, myProfile: 404, myProfilePatch: 404 };
    const manager: Expectation = { list: 200, get: 200, pii: 200, create: 201, patch: 200, myProfile: 404, myProfilePatch: 404 };
    const outsider: Expectation = { list: 404, get: 404, pii: 404, create: 404, patch: 404, myProfile: 404, myProfilePatch: 404 };
    const member: Expectation = { list: 403, get: 403, pii: 403, create: 403, patch: 403, myProfile: 200, myProfilePatch: 200 };
    const anonymous: Expectation = { list: 401, get: 401, pii: 401, create: 401, patch: 401, myProfile: 401, myProfilePatch: 401 };

    type W = Awaited<ReturnType<typeof world>>;
    const cases: Array<[string, (w: W) => Promise<Client>, Expectation]> = [
      ['system administrator', () => loginAs('system_admin'), administrator],
      ['security administrator', () => loginAs('security_admin'), administrator],
      ['audit administrator', () => loginAs('audit_admin'), administrator],
      ['committee officer of the working committee', (w) => loginAs('committee_officer', w.root.id), manager],
      ['committee officer of the unit', (w) => loginAs('committee_officer', w.unit.id), manager],
      ['secretary of branch A', (w) => loginAs('secretary', w.branch.id), manager],
      ['secretary of branch B', (w) => loginAs('secretary', w.otherBranch.id), outsider],
      ['committee officer of another unit', (w) => loginAs('committee_officer', w.farUnit.id), outsider],
      ['member of branch A (the person themself)', (w) => loginAs('member', w.branch.id, w.pA.id), member],
      ['nobody logged in', async () => client(env().app), anonymous],
    ];

    it.each(cases)('%s', async (_label, as, expected) => {
      const w = await world();
      const c = await as(w);
      const actual: Expectation = {
        list: (await c.get(`/api/v1/people?orgId=${w.branch.id}`)).statusCode,
        get: (await c.get(`/api/v1/people/${w.pA.id}`)).statusCode,
        pii: (await c.get(`/api/v1/people/${w.pA.id}/pii`)).statusCode,
        create: (await c.post('/api/v1/people', personBody(w.branch.id))).statusCode,
        patch: (await c.patch(`/api/v1/people/${w.pA.id}`, { post: '组织委员', version: await versionOf(w.pA.id) })).statusCode,
        myProfile: (await c.get('/api/v1/me/profile')).statusCode,
        myProfilePatch: (await c.patch('/api/v1/me/profile', { address: '新地址' })).statusCode,
      };
      expect(actual).toEqual(expected);
    });
  });

  describe('managers and their subtrees', () => {
    it('keeps a secretary of branch A away from the people of branch B and of the unit above', async () => {
      const w = await world();
      const secretaryA = await loginAs('secretary', w.branch.id);
      const list = await secretaryA.get(`/api/v1/people?orgId=${w.otherBranch.id}`);
      expect(list.statusCode).toBe(404);
      expect(list.json().error.code).toBe('ORG_NOT_FOUND');
      expect((await secretaryA.get(`/api/v1/people?orgId=${w.unit.id}`)).statusCode).toBe(404);
      for (const res of [
        await secretaryA.get(`/api/v1/people/${w.pB.id}`),
        await secretaryA.get(`/api/v1/people/${w.pB.id}/pii`),
        await secretaryA.patch(`/api/v1/people/${w.pB.id}`, { post: 'x', version: 1 }),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('PERSON_NOT_FOUND');
        expect(res.body).not.toContain('李四');
      }
      expect((await secretaryA.post('/api/v1/people', personBody(w.otherBranch.id))).json().error.code).toBe('ORG_NOT_FOUND');
      // Nothing was viewed or changed.
      expect(await env().ctx.db.selectFrom('audit_log').select('id').where('entity_id', '=', w.pB.id).execute()).toEqual([]);
      expect(await versionOf(w.pB.id)).toBe(1);
    });

    it('lets a committee officer of the unit see and edit the people of both branches, and nobody outside the unit', async () => {
      const w = await world();
      const officer = await loginAs('committee_officer', w.unit.id);
      const names = (await officer.get(`/api/v1/people?orgId=${w.unit.id}`)).json().items.map((i: { name: string }) => i.name);
      expect(names).toEqual(['李四', '张三']);
      expect((await officer.patch(`/api/v1/people/${w.pA.id}`, { post: '甲', version: 1 })).statusCode).toBe(200);
      expect((await officer.patch(`/api/v1/people/${w.pB.id}`, { post: '乙', version: 1 })).statusCode).toBe(200);
      expect((await officer.get(`/api/v1/people/${w.pFar.id}`)).statusCode).toBe(404);
      expect((await officer.get(`/api/v1/people?orgId=${w.farBranch.id}`)).statusCode).toBe(404);
    });

    it('creates people only in active organisations', async () => {
      const { ctx } = env();
      const w = await world();
      const officer = await loginAs('committee_officer', w.unit.id);
      const empty = await makeOrg(ctx, { parentId: w.unit.id, kind: 'branch' });
      expect((await officer.post(`/api/v1/orgs/${empty.id}/deactivate`)).statusCode).toBe(200);
      const res = await officer.post('/api/v1/people', personBody(empty.id));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ORG_INACTIVE');
    });

    it('refuses administrators before looking anything up, with the same answer for an unknown person', async () => {
      const w = await world();
      const audit = await loginAs('audit_admin');
      const res = await audit.get('/api/v1/people/0190f2a0-0000-7000-8000-000000000000');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const list = await audit.get(`/api/v1/people?orgId=${w.root.id}`);
      expect(list.statusCode).toBe(403);
      expect(list.body).not.toContain('张三');
    });
  });

  describe("a member's own profile", () => {
    it('shows the member their own record with their own numbers masked', async () => {
      const w = await world();
      const me = await loginAs('member', w.branch.id, w.pA.id);
      const res = await me.get('/api/v1/me/profile');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: w.pA.id, name: '张三', orgName: w.branch.name, idNumberMasked: masked(w.pA.idNumber), phoneMasked: '138****2222' });
      expect(res.body).not.toContain(w.pA.idNumber);
      expect(res.body).not.toContain('13811112222');
    });

    it('lets the member change phone, address and education, audited with the phone masked', async () => {
      const { ctx } = env();
      const w = await world();
      const me = await loginAs('member', w.branch.id, w.pA.id);
      const res = await me.patch('/api/v1/me/profile', { phone: '139-0000-3333', address: '幸福小区 3 栋', education: '硕士研究生' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ phoneMasked: '139****3333', address: '幸福小区 3 栋', education: '硕士研究生', version: 2 });
      const row = await ctx.db.selectFrom('people').select(['phone_enc', 'phone_tail', 'category']).where('id', '=', w.pA.id).executeTakeFirstOrThrow();
      expect(ctx.pii.decrypt(row.phone_enc!)).toBe('13900003333');
      const [audit] = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', w.pA.id).execute();
      expect(audit).toMatchObject({ action: 'person.update_own_profile', org_id: w.branch.id, ip: '127.0.0.1' });
      expect(audit!.before).toMatchObject({ phone: '138****2222', address: null, education: null });
      expect(audit!.after).toMatchObject({ phone: '139****3333', address: '幸福小区 3 栋', education: '硕士研究生' });
      expect(JSON.stringify(audit)).not.toMatch(/13900003333|13811112222/);
      // Leaving the phone out keeps it; null clears address.
      const again = await me.patch('/api/v1/me/profile', { address: null });
      expect(again.json()).toMatchObject({ phoneMasked: '139****3333', address: null, version: 3 });
    });

    it('refuses any other field, such as the category, and changes nothing', async () => {
      const w = await world();
      const me = await loginAs('member', w.branch.id, w.pA.id);
      for (const body of [{ category: 'probationary' }, { address: '某地', category: 'probationary' }, { name: '张三三' }, { orgId: w.otherBranch.id }]) {
        const res = await me.patch('/api/v1/me/profile', body);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        const refused = Object.keys(body).find((k) => k !== 'address')!;
        expect(res.json().error.details).toEqual([{ path: 'body', code: 'unrecognized_keys', message: expect.stringContaining(`"${refused}"`) }]);
      }
      const profile = (await me.get('/api/v1/me/profile')).json();
      expect(profile).toMatchObject({ category: 'full', name: '张三', address: null, orgId: w.branch.id, version: 1 });
    });

    it('refuses an invalid phone number with the rule message in Chinese', async () => {
      const w = await world();
      const me = await loginAs('member', w.branch.id, w.pA.id);
      const res = await me.patch('/api/v1/me/profile', { phone: '12345' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'phone', code: 'PHONE_INVALID', message: ruleMessages.PHONE_INVALID['zh-CN'] }]);
    });

    it('is not blocked by a problem elsewhere in the record, which only the organisation can fix', async () => {
      const { ctx } = env();
      const w = await world();
      // A legacy record: a full member without a confirmation date.
      await ctx.db.updateTable('people').set({ confirmed_on: null }).where('id', '=', w.pA.id).execute();
      const me = await loginAs('member', w.branch.id, w.pA.id);
      expect((await me.patch('/api/v1/me/profile', { education: '大专' })).statusCode).toBe(200);
    });

    it('tells an account without a member record that it has no profile', async () => {
      const w = await world();
      const secretary = await loginAs('secretary', w.branch.id);
      const res = await secretary.get('/api/v1/me/profile');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PROFILE_NOT_LINKED');
    });

    it('lets a secretary who is also a member edit their own profile and manage their branch', async () => {
      const { ctx } = env();
      const w = await world();
      const user = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: w.branch.id }, { role: 'member', orgId: w.branch.id }], personId: w.pA.id });
      const c = await loginClient(env().app, user.username, TEST_PASSWORD);
      expect((await c.get('/api/v1/me/profile')).json().id).toBe(w.pA.id);
      expect((await c.get(`/api/v1/people?orgId=${w.branch.id}`)).statusCode).toBe(200);
    });
  });
});
