import type { LightMyRequestResponse } from 'fastify';
import { checkPassword } from '@pioneer/domain';
import { expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { client, describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';

describeEachDatabase('accounts and grants', (env) => {
  async function loginAs(role: Role, orgId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }] });
    const c = await loginClient(env().app, user.username, TEST_PASSWORD);
    return Object.assign(c, { userId: user.id, username: user.username });
  }
  const sysadmin = () => loginAs('system_admin');
  const secadmin = () => loginAs('security_admin');
  const err = (res: LightMyRequestResponse) => [res.statusCode, res.json().error?.code];
  const auditOf = (entityId: string) => env().ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).orderBy('id').execute();

  /** Personal data must never appear in an administrator's view. */
  function expectNoPersonalData(body: string, person?: { idNumber: string; phone: string | null }) {
    expect(body).not.toMatch(/"(phone|phoneMasked|idNumber|idNumberMasked|birthDate|address)"/);
    if (person) {
      expect(body).not.toContain(person.idNumber);
      if (person.phone) expect(body).not.toContain(person.phone);
    }
  }

  it('creates an account with a one-time password that meets the policy and must be changed at first login', async () => {
    const admin = await sysadmin();
    const res = await admin.post('/api/v1/users', { username: 'zhang.wei', displayName: '张伟' });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({ username: 'zhang.wei', displayName: '张伟', personId: null, phoneLogin: false, grants: [], active: true, locked: false, mustChangePassword: true, lastLoginAt: null });
    expect(checkPassword(oneTimePassword, 'zhang.wei')).toEqual([]);

    const c = await loginClient(env().app, 'zhang.wei', oneTimePassword);
    expect((await c.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    expect((await c.get('/api/v1/orgs/roots')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const [entry] = await auditOf(user.id);
    expect(entry).toMatchObject({ action: 'user.create', entity_type: 'user', actor_id: admin.userId });
    expect(JSON.stringify(entry)).not.toContain(oneTimePassword);
    expect(JSON.stringify(entry)).not.toContain('argon2');

    expect(err(await admin.post('/api/v1/users', { username: 'zhang.wei', displayName: '另一个张伟' }))).toEqual([409, 'USERNAME_TAKEN']);
    const bad = await admin.post('/api/v1/users', { username: '张 伟', displayName: '张伟' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'username', code: 'USERNAME_FORMAT' });
  });

  it("links a member's account to their record so they can log in by phone, without showing the phone", async () => {
    const { ctx, app } = env();
    const tree = await makeTree(ctx);
    const person = await makePerson(ctx, { orgId: tree.branch.id, phone: '13800138000' });
    const admin = await sysadmin();
    const res = await admin.post('/api/v1/users', { username: 'member-138', displayName: '李梅', personId: person.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ personId: person.id, phoneLogin: true });
    expectNoPersonalData(res.body, person);
    const byPhone = await client(app).post('/api/v1/auth/login', { login: '138-0013-8000', password: res.json().oneTimePassword });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json().username).toBe('member-138');

    expect(err(await admin.post('/api/v1/users', { username: 'member-138b', displayName: '李梅', personId: person.id }))).toEqual([409, 'PERSON_HAS_ACCOUNT']);
    expect(err(await admin.post('/api/v1/users', { username: 'nobody-x', displayName: '无此人', personId: crypto.randomUUID() }))).toEqual([404, 'PERSON_NOT_FOUND']);

    // A second person with the same (household) number still gets an account, without phone login.
    const spouse = await makePerson(ctx, { orgId: tree.branch.id, name: '王强', phone: '13800138000' });
    const second = await admin.post('/api/v1/users', { username: 'member-138c', displayName: '王强', personId: spouse.id });
    expect(second.json().user).toMatchObject({ personId: spouse.id, phoneLogin: false });
  });

  it('lists and searches accounts with roles, lock state and last login, but no personal data', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const person = await makePerson(ctx, { orgId: tree.branch.id });
    const tag = `lst${Date.now().toString(36)}`;
    await makeUser(ctx, { username: `${tag}-sec`, roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    await makeUser(ctx, { username: `${tag}-mem`, roles: [{ role: 'member', orgId: tree.branch.id }], personId: person.id });
    const gone = await makeUser(ctx, { username: `${tag}-old` });
    await ctx.db.updateTable('users').set({ active: false }).where('id', '=', gone.id).execute();
    await loginClient(env().app, `${tag}-sec`, TEST_PASSWORD);

    for (const c of [await sysadmin(), await secadmin()]) {
      const all = await c.get(`/api/v1/users?q=${tag}`);
      expect(all.statusCode).toBe(200);
      expect(all.json().total).toBe(3);
      expect(all.json().items.map((u: { username: string }) => u.username)).toEqual([`${tag}-mem`, `${tag}-old`, `${tag}-sec`]);
      expectNoPersonalData(all.body, person);
      const sec = all.json().items.find((u: { username: string }) => u.username === `${tag}-sec`);
      expect(sec.grants).toEqual([expect.objectContaining({ role: 'secretary', orgId: tree.branch.id, orgName: tree.branch.name })]);
      expect(sec.lastLoginAt).toBeTruthy();
      expect((await c.get(`/api/v1/users?q=${tag.toUpperCase()}&role=secretary`)).json().items.map((u: { username: string }) => u.username)).toEqual([`${tag}-sec`]);
      expect((await c.get(`/api/v1/users?q=${tag}&active=false`)).json().items.map((u: { username: string }) => u.username)).toEqual([`${tag}-old`]);
      const paged = (await c.get(`/api/v1/users?q=${tag}&pageSize=2&page=2`)).json();
      expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.items).toHaveLength(1);
      expect((await c.get(`/api/v1/users/${gone.id}`)).json()).toMatchObject({ username: `${tag}-old`, active: false });
    }
    expect(err(await (await sysadmin()).get(`/api/v1/users/${crypto.randomUUID()}`))).toEqual([404, 'USER_NOT_FOUND']);
  });

  it('resets a password: a new one-time password, a forced change, and every session of the account ended', async () => {
    const { app } = env();
    const target = await makeUser(env().ctx);
    const session = await loginClient(app, target.username, TEST_PASSWORD);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
    const admin = await sysadmin();

    const res = await admin.post(`/api/v1/users/${target.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { user, oneTimePassword } = res.json();
    expect(user.mustChangePassword).toBe(true);
    expect(checkPassword(oneTimePassword, target.username)).toEqual([]);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await client(app).post('/api/v1/auth/login', { login: target.username, password: TEST_PASSWORD })).statusCode).toBe(401);
    const fresh = await loginClient(app, target.username, oneTimePassword);
    expect((await fresh.get('/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    expect((await fresh.post('/api/v1/auth/password', { currentPassword: oneTimePassword, newPassword: 'Fresh#Start2026' })).statusCode).toBe(200);
    expect((await fresh.get('/api/v1/orgs/roots')).statusCode).toBe(200);

    const [entry] = await auditOf(target.id).then((rows) => rows.filter((r) => r.action === 'user.reset_password'));
    expect(entry).toMatchObject({ actor_id: admin.userId, detail: { sessionsEnded: 1 } });
    expect(JSON.stringify(entry)).not.toContain(oneTimePassword);

    expect(err(await admin.post(`/api/v1/users/${admin.userId}/reset-password`))).toEqual([403, 'ACCOUNT_SELF_ACTION']);
    expect(err(await admin.post(`/api/v1/users/${crypto.randomUUID()}/reset-password`))).toEqual([404, 'USER_NOT_FOUND']);
  });

  it('unlocks an account locked by failed logins, so the right password works again at once', async () => {
    const { app } = env();
    const target = await makeUser(env().ctx);
    for (let i = 0; i < 5; i++) await client(app).post('/api/v1/auth/login', { login: target.username, password: 'wrong' });
    expect(err(await client(app).post('/api/v1/auth/login', { login: target.username, password: TEST_PASSWORD }))).toEqual([423, 'ACCOUNT_LOCKED']);
    const admin = await sysadmin();
    const before = (await admin.get(`/api/v1/users/${target.id}`)).json();
    expect(before.locked).toBe(true);
    expect(before.lockedUntil).toBeTruthy();

    const res = await admin.post(`/api/v1/users/${target.id}/unlock`);
    expect(res.json()).toMatchObject({ locked: false, lockedUntil: null });
    expect((await client(app).post('/api/v1/auth/login', { login: target.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    const entry = (await auditOf(target.id)).find((r) => r.action === 'user.unlock')!;
    expect(entry.before).toMatchObject({ failedAttempts: 0 });
    expect((entry.before as { lockedUntil: string | null }).lockedUntil).toBeTruthy();
    expect(entry.after).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
  });

  it('disables an account, ending its sessions and refusing logins, and enables it again', async () => {
    const { app } = env();
    const target = await makeUser(env().ctx);
    const session = await loginClient(app, target.username, TEST_PASSWORD);
    const admin = await sysadmin();
    expect((await admin.post(`/api/v1/users/${target.id}/disable`)).json().active).toBe(false);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(err(await client(app).post('/api/v1/auth/login', { login: target.username, password: TEST_PASSWORD }))).toEqual([403, 'ACCOUNT_DISABLED']);
    expect((await admin.post(`/api/v1/users/${target.id}/enable`)).json().active).toBe(true);
    expect((await client(app).post('/api/v1/auth/login', { login: target.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    expect((await auditOf(target.id)).map((r) => r.action).filter((a) => a.startsWith('user.'))).toEqual(['user.disable', 'user.enable']);
    expect(err(await admin.post(`/api/v1/users/${admin.userId}/disable`))).toEqual([403, 'ACCOUNT_SELF_ACTION']);
  });

  it('grants a business role on an organisation, which takes effect at once, and revokes it', async () => {
    const { ctx, app } = env();
    const tree = await makeTree(ctx);
    const target = await makeUser(ctx);
    const targetSession = await loginClient(app, target.username, TEST_PASSWORD);
    const sec = await secadmin();

    const res = await sec.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: tree.branch.id });
    expect(res.statusCode).toBe(201);
    const grant = res.json();
    expect(grant).toMatchObject({ userId: target.id, username: target.username, role: 'secretary', orgId: tree.branch.id, orgName: tree.branch.name, grantedByName: sec.username });
    expect((await targetSession.get('/api/v1/orgs/roots')).json().map((o: { id: string }) => o.id)).toEqual([tree.branch.id]);
    // A second business role on another organisation is fine.
    expect((await sec.post('/api/v1/grants', { userId: target.id, role: 'member', orgId: tree.otherBranch.id })).statusCode).toBe(201);

    const list = (await sec.get(`/api/v1/grants?userId=${target.id}`)).json();
    expect(list.total).toBe(2);
    expect((await sec.get(`/api/v1/grants?userId=${target.id}&role=secretary`)).json().items.map((g: { id: string }) => g.id)).toEqual([grant.id]);
    expect((await sec.get(`/api/v1/grants?orgId=${tree.otherBranch.id}`)).json().items.map((g: { role: string }) => g.role)).toEqual(['member']);

    const revoked = await sec.delete(`/api/v1/grants/${grant.id}`);
    expect(revoked.json()).toEqual({ ok: true });
    expect((await targetSession.get('/api/v1/orgs/roots')).json()).toEqual([]);
    expect(err(await sec.delete(`/api/v1/grants/${grant.id}`))).toEqual([404, 'GRANT_NOT_FOUND']);

    const entries = await auditOf(grant.id);
    expect(entries.map((e) => e.action)).toEqual(['grant.create', 'grant.revoke']);
    expect(entries[0]).toMatchObject({ actor_id: sec.userId, org_id: tree.branch.id, after: { userId: target.id, role: 'secretary', orgId: tree.branch.id } });
    expect(entries[1]!.before).toEqual({ userId: target.id, role: 'secretary', orgId: tree.branch.id });
  });

  it('checks the organisation of a grant: needed for business roles, refused for administrator roles', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const target = await makeUser(ctx);
    const sec = await secadmin();
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'committee_officer' }))).toEqual([400, 'ROLE_NEEDS_ORG']);
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'member', orgId: null }))).toEqual([400, 'ROLE_NEEDS_ORG']);
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'audit_admin', orgId: tree.root.id }))).toEqual([400, 'ROLE_TAKES_NO_ORG']);
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: crypto.randomUUID() }))).toEqual([404, 'ORG_NOT_FOUND']);
    const closed = await makeOrg(ctx, { parentId: tree.unit.id, kind: 'branch' });
    await ctx.db.updateTable('organizations').set({ active: false }).where('id', '=', closed.id).execute();
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: closed.id }))).toEqual([409, 'ORG_INACTIVE']);
    expect(err(await sec.post('/api/v1/grants', { userId: crypto.randomUUID(), role: 'secretary', orgId: tree.branch.id }))).toEqual([404, 'USER_NOT_FOUND']);
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'superuser', orgId: tree.branch.id }))).toEqual([400, 'VALIDATION_FAILED']);
    expect((await sec.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: tree.branch.id })).statusCode).toBe(201);
    expect(err(await sec.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: tree.branch.id }))).toEqual([409, 'GRANT_EXISTS']);
    expect((await sec.get(`/api/v1/grants?userId=${target.id}`)).json().total).toBe(1);
  });

  it('enforces 三员分立: an administrator role excludes every other role, both ways', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const sec = await secadmin();
    const plain = await makeUser(ctx);
    const secretary = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    const auditor = await makeUser(ctx, { roles: [{ role: 'audit_admin' }] });
    const sys = await makeUser(ctx, { roles: [{ role: 'system_admin' }] });

    expect(err(await sec.post('/api/v1/grants', { userId: secretary.id, role: 'system_admin' }))).toEqual([409, 'ROLE_SEPARATION']);
    expect(err(await sec.post('/api/v1/grants', { userId: auditor.id, role: 'security_admin' }))).toEqual([409, 'ROLE_SEPARATION']);
    expect(err(await sec.post('/api/v1/grants', { userId: auditor.id, role: 'secretary', orgId: tree.branch.id }))).toEqual([409, 'ROLE_SEPARATION']);
    expect(err(await sec.post('/api/v1/grants', { userId: sys.id, role: 'member', orgId: tree.branch.id }))).toEqual([409, 'ROLE_SEPARATION']);
    expect(err(await sec.post('/api/v1/grants', { userId: sys.id, role: 'system_admin' }))).toEqual([409, 'GRANT_EXISTS']);
    const msg = (await sec.post('/api/v1/grants', { userId: sys.id, role: 'audit_admin' })).json().error.message;
    expect(msg).toContain('三员分立');

    // An account with no roles may become an administrator, and then holds nothing else.
    expect((await sec.post('/api/v1/grants', { userId: plain.id, role: 'audit_admin' })).statusCode).toBe(201);
    expect(err(await sec.post('/api/v1/grants', { userId: plain.id, role: 'committee_officer', orgId: tree.root.id }))).toEqual([409, 'ROLE_SEPARATION']);

    // Two conflicting grants at once: the account row lock lets only one through.
    const racer = await makeUser(ctx);
    const both = await Promise.all([
      sec.post('/api/v1/grants', { userId: racer.id, role: 'system_admin' }),
      sec.post('/api/v1/grants', { userId: racer.id, role: 'secretary', orgId: tree.branch.id }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await sec.get(`/api/v1/grants?userId=${racer.id}`)).json().total).toBe(1);
  });

  it('lets nobody change the grants of their own account', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const sec = await secadmin();
    expect(err(await sec.post('/api/v1/grants', { userId: sec.userId, role: 'secretary', orgId: tree.branch.id }))).toEqual([403, 'GRANT_SELF']);
    expect(err(await sec.post('/api/v1/grants', { userId: sec.userId, role: 'security_admin' }))).toEqual([403, 'GRANT_SELF']);
    const own = (await sec.get(`/api/v1/grants?userId=${sec.userId}`)).json().items[0];
    expect(err(await sec.delete(`/api/v1/grants/${own.id}`))).toEqual([403, 'GRANT_SELF']);
    expect((await sec.get('/api/v1/auth/me')).json().grants.map((g: { role: string }) => g.role)).toEqual(['security_admin']);
  });

  /**
   * Permission table: every account and grant endpoint called as every role. Each row acts on
   * accounts of its own, so an allowed write never affects the next row.
   */
  type Who = 'system_admin' | 'security_admin' | 'audit_admin' | 'committee_officer' | 'secretary' | 'member';
  type Endpoint = 'listUsers' | 'getUser' | 'createUser' | 'resetPassword' | 'unlock' | 'disable' | 'enable' | 'listGrants' | 'grant' | 'revoke';
  const allowedFor: Record<Endpoint, { who: Who; status: number }> = {
    listUsers: { who: 'system_admin', status: 200 },
    getUser: { who: 'system_admin', status: 200 },
    createUser: { who: 'system_admin', status: 201 },
    resetPassword: { who: 'system_admin', status: 200 },
    unlock: { who: 'system_admin', status: 200 },
    disable: { who: 'system_admin', status: 200 },
    enable: { who: 'system_admin', status: 200 },
    listGrants: { who: 'security_admin', status: 200 },
    grant: { who: 'security_admin', status: 201 },
    revoke: { who: 'security_admin', status: 200 },
  };
  const everyone: Who[] = ['system_admin', 'security_admin', 'audit_admin', 'committee_officer', 'secretary', 'member'];
  // The security administrator also reads the account list, to choose whom to grant a role.
  const alsoAllowed: Partial<Record<Endpoint, Who[]>> = { listUsers: ['security_admin'], getUser: ['security_admin'] };
  const cases = (Object.keys(allowedFor) as Endpoint[]).flatMap((endpoint) =>
    everyone.map((who) => {
      const allowed = allowedFor[endpoint].who === who || (alsoAllowed[endpoint] ?? []).includes(who);
      const status = allowed ? (allowedFor[endpoint].who === who ? allowedFor[endpoint].status : 200) : 403;
      return { endpoint, who, status };
    }),
  );

  let table: { tree: Awaited<ReturnType<typeof makeTree>>; clients: Record<Who, Client> } | null = null;
  async function permissionWorld() {
    if (table) return table;
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const person = await makePerson(ctx, { orgId: tree.branch.id });
    const member = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: person.id });
    table = {
      tree,
      clients: {
        system_admin: await sysadmin(),
        security_admin: await secadmin(),
        audit_admin: await loginAs('audit_admin'),
        committee_officer: await loginAs('committee_officer', tree.root.id),
        secretary: await loginAs('secretary', tree.branch.id),
        member: await loginClient(env().app, member.username, TEST_PASSWORD),
      },
    };
    return table;
  }

  it.each(cases)('$endpoint as $who → $status', async ({ endpoint, who, status }) => {
    const { ctx } = env();
    const w = await permissionWorld();
    const c = w.clients[who];
    const target = await makeUser(ctx, { roles: [{ role: 'member', orgId: w.tree.branch.id }] });
    if (endpoint === 'enable') await ctx.db.updateTable('users').set({ active: false }).where('id', '=', target.id).execute();
    const grantId = (await ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', target.id).executeTakeFirstOrThrow()).id;
    const call: Record<Endpoint, () => Promise<LightMyRequestResponse>> = {
      listUsers: () => c.get('/api/v1/users'),
      getUser: () => c.get(`/api/v1/users/${target.id}`),
      createUser: () => c.post('/api/v1/users', { username: `perm-${target.username}`, displayName: '权限测试' }),
      resetPassword: () => c.post(`/api/v1/users/${target.id}/reset-password`),
      unlock: () => c.post(`/api/v1/users/${target.id}/unlock`),
      disable: () => c.post(`/api/v1/users/${target.id}/disable`),
      enable: () => c.post(`/api/v1/users/${target.id}/enable`),
      listGrants: () => c.get('/api/v1/grants'),
      grant: () => c.post('/api/v1/grants', { userId: target.id, role: 'secretary', orgId: w.tree.otherBranch.id }),
      revoke: () => c.delete(`/api/v1/grants/${grantId}`),
    };
    const res = await call[endpoint]();
    expect(res.statusCode, res.body).toBe(status);
    if (status === 403) expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
