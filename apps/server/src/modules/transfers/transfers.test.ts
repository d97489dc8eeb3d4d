import type { LightMyRequestResponse } from 'fastify';
import { expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeOrg, makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client, type TestEnv } from '../../test/harness.ts';

describeEachDatabase('transfers', (env) => {
  async function loginAs(role: Role, orgId: string | null = null, personId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }], personId });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }

  /** Sending branch and receiving branch under one unit, an outsider's branch under another unit. */
  async function world() {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const otherUnit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const outsiderBranch = await makeOrg(ctx, { parentId: otherUnit.id, kind: 'branch' });
    const sender = await loginAs('secretary', tree.branch.id);
    const receiver = await loginAs('secretary', tree.otherBranch.id);
    const outsider = await loginAs('secretary', outsiderBranch.id);
    return { ...tree, otherUnit, outsiderBranch, sender, receiver, outsider };
  }

  const orgOf = (ctx: TestEnv['ctx'], personId: string) => ctx.db.selectFrom('people').select(['org_id', 'org_path', 'version']).where('id', '=', personId).executeTakeFirstOrThrow();
  const pathOf = async (ctx: TestEnv['ctx'], orgId: string) => (await ctx.db.selectFrom('organizations').select('path').where('id', '=', orgId).executeTakeFirstOrThrow()).path;
  const ids = (res: LightMyRequestResponse) => res.json().items.map((t: { id: string }) => t.id);

  async function issue(c: Client, personId: string, toOrgId: string, extra: Record<string, unknown> = {}) {
    return c.post('/api/v1/transfers', { personId, toOrgId, reason: '工作调动', ...extra });
  }

  it('issues a letter, keeps the member with the sender until the receiver accepts, then moves them and audits it', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id, name: '王小明' });

    const issued = await issue(w.sender, person.id, w.otherBranch.id);
    expect(issued.statusCode).toBe(201);
    const letter = issued.json();
    expect(letter).toMatchObject({
      personId: person.id,
      personName: '王小明',
      category: 'full',
      fromOrgId: w.branch.id,
      fromOrgName: w.branch.name,
      toOrgId: w.otherBranch.id,
      toOrgName: w.otherBranch.name,
      reason: '工作调动',
      status: 'pending',
      expired: false,
      answeredAt: null,
      returnReason: null,
    });
    expect(letter.idNumberMasked).toBe(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`);
    expect(JSON.stringify(letter)).not.toContain(person.idNumber);

    // Not moved yet: the sending organisation stays responsible.
    expect((await orgOf(ctx, person.id)).org_id).toBe(w.branch.id);
    expect(ids(await w.sender.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}`))).toContain(letter.id);
    expect(ids(await w.receiver.get(`/api/v1/transfers/inbox?orgId=${w.otherBranch.id}`))).toContain(letter.id);
    expect(ids(await w.receiver.get('/api/v1/transfers/inbox'))).toContain(letter.id);
    expect(ids(await w.receiver.get('/api/v1/transfers/outbox'))).not.toContain(letter.id);
    expect(ids(await w.sender.get('/api/v1/transfers/inbox'))).not.toContain(letter.id);
    expect((await w.receiver.get(`/api/v1/transfers/${letter.id}`)).json().personName).toBe('王小明');

    const accepted = await w.receiver.post(`/api/v1/transfers/${letter.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', expired: false });
    expect(accepted.json().answeredAt).toBeTruthy();

    const moved = await orgOf(ctx, person.id);
    expect(moved.org_id).toBe(w.otherBranch.id);
    expect(moved.org_path).toBe(await pathOf(ctx, w.otherBranch.id));
    expect(moved.version).toBe(2);

    const audit = await ctx.db.selectFrom('audit_log').selectAll().where((eb) => eb.or([eb('entity_id', '=', letter.id), eb('entity_id', '=', person.id)])).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['transfer.issue', 'transfer.accept', 'person.transfer']);
    expect(audit[0]!.after).toMatchObject({ personId: person.id, fromOrgId: w.branch.id, toOrgId: w.otherBranch.id, status: 'pending' });
    expect(audit[2]!.before).toEqual({ orgId: w.branch.id, orgName: w.branch.name });
    expect(audit[2]!.after).toEqual({ orgId: w.otherBranch.id, orgName: w.otherBranch.name });

    // The status filter narrows both lists.
    expect(ids(await w.receiver.get('/api/v1/transfers/inbox?status=accepted'))).toContain(letter.id);
    expect(ids(await w.receiver.get('/api/v1/transfers/inbox?status=pending'))).not.toContain(letter.id);
  });

  it("moves the member's own account grant along with the accepted transfer", async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id, name: '赵随迁' });
    const member = await makeUser(ctx, { roles: [{ role: 'member', orgId: w.branch.id }], personId: person.id });
    const letter = (await issue(w.sender, person.id, w.otherBranch.id)).json();
    expect((await w.receiver.post(`/api/v1/transfers/${letter.id}/accept`)).statusCode).toBe(200);
    const grants = await ctx.db.selectFrom('role_grants').select(['role', 'org_id']).where('user_id', '=', member.id).execute();
    expect(grants).toEqual([{ role: 'member', org_id: w.otherBranch.id }]);
  });

  it('lets the receiver return a letter only with a reason, leaving the member where they were', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id, category: 'probationary' });
    const letter = (await issue(w.sender, person.id, w.otherBranch.id)).json();

    const noReason = await w.receiver.post(`/api/v1/transfers/${letter.id}/return`, { reason: '   ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    const returned = await w.receiver.post(`/api/v1/transfers/${letter.id}/return`, { reason: '接收单位信息有误' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '接收单位信息有误' });
    expect((await orgOf(ctx, person.id)).org_id).toBe(w.branch.id);
    const outbox = (await w.sender.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}&status=returned`)).json();
    expect(outbox.items.find((t: { id: string }) => t.id === letter.id).returnReason).toBe('接收单位信息有误');

    // A returned letter is closed: it cannot be accepted, and the sender may issue a new one.
    const late = await w.receiver.post(`/api/v1/transfers/${letter.id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('TRANSFER_NOT_PENDING');
    expect(late.json().error.message).toContain('已退回');
    expect((await issue(w.sender, person.id, w.otherBranch.id)).statusCode).toBe(201);
  });

  it('lets the sender cancel a pending letter, after which it cannot be answered', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id });
    const letter = (await issue(w.sender, person.id, w.otherBranch.id)).json();
    const cancelled = await w.sender.post(`/api/v1/transfers/${letter.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const accept = await w.receiver.post(`/api/v1/transfers/${letter.id}/accept`, undefined, { 'accept-language': 'en' });
    expect(accept.json().error).toMatchObject({ code: 'TRANSFER_NOT_PENDING', message: 'This letter is already closed (cancelled).' });
    expect((await w.sender.post(`/api/v1/transfers/${letter.id}/cancel`)).json().error.code).toBe('TRANSFER_NOT_PENDING');
    expect((await orgOf(ctx, person.id)).org_id).toBe(w.branch.id);
    const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', letter.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['transfer.issue', 'transfer.cancel']);
  });

  it('refuses letters that break the rules, each with its own code', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id });
    const activist = await makePerson(ctx, { orgId: w.branch.id, category: 'activist' });
    const group = await makeOrg(ctx, { parentId: w.otherBranch.id, kind: 'party_group' });
    const closed = await makeOrg(ctx, { parentId: w.unit.id, kind: 'branch' });
    await ctx.db.updateTable('organizations').set({ active: false }).where('id', '=', closed.id).execute();
    const general = await makeOrg(ctx, { parentId: w.unit.id, kind: 'general_branch' });

    const code = async (res: Promise<LightMyRequestResponse>) => {
      const r = await res;
      return [r.statusCode, r.json().error?.code];
    };
    expect(await code(issue(w.sender, person.id, w.unit.id))).toEqual([400, 'TRANSFER_TARGET_NOT_BRANCH']);
    expect(await code(issue(w.sender, person.id, group.id))).toEqual([400, 'TRANSFER_TARGET_NOT_BRANCH']);
    expect(await code(issue(w.sender, person.id, w.branch.id))).toEqual([400, 'TRANSFER_SAME_ORG']);
    expect(await code(issue(w.sender, person.id, closed.id))).toEqual([409, 'ORG_INACTIVE']);
    expect(await code(issue(w.sender, person.id, crypto.randomUUID()))).toEqual([404, 'ORG_NOT_FOUND']);
    expect(await code(issue(w.sender, activist.id, w.otherBranch.id))).toEqual([400, 'TRANSFER_NOT_MEMBER']);
    expect(await code(issue(w.sender, crypto.randomUUID(), w.otherBranch.id))).toEqual([404, 'PERSON_NOT_FOUND']);
    expect(await code(issue(w.sender, person.id, w.otherBranch.id, { validDays: 0 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(issue(w.sender, person.id, w.otherBranch.id, { validDays: 91 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(issue(w.sender, person.id, w.otherBranch.id, { reason: '' }))).toEqual([400, 'VALIDATION_FAILED']);

    // A general branch in another unit is a valid receiver; a second letter for the same person is not.
    const first = await issue(w.sender, person.id, general.id, { validDays: 90 });
    expect(first.statusCode).toBe(201);
    expect(await code(issue(w.sender, person.id, w.otherBranch.id))).toEqual([409, 'TRANSFER_PENDING']);
  });

  it('keeps one pending letter per person even when two are issued at once, and in the database itself', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id });
    const results = await Promise.all([issue(w.sender, person.id, w.otherBranch.id), issue(w.sender, person.id, w.otherBranch.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('TRANSFER_PENDING');
    const letter = results.find((r) => r.statusCode === 201)!.json();
    const issuer = await ctx.db.selectFrom('transfers').select('issued_by').where('id', '=', letter.id).executeTakeFirstOrThrow();
    await expect(
      ctx.db
        .insertInto('transfers')
        .values({ id: crypto.randomUUID(), person_id: person.id, from_org_id: w.branch.id, to_org_id: w.otherBranch.id, status: 'pending', reason: '绕过检查', issued_by: issuer.issued_by, valid_until: '2099-01-01' })
        .execute(),
    ).rejects.toThrow(/transfers_one_pending_per_person|duplicate key/);
  });

  it('is valid through its last day in Asia/Shanghai and expired from the next, flagged to both sides', async () => {
    const { ctx, setNow } = env();
    try {
      // 02:00 on 1 March in Beijing is still 28 February in UTC: the validity counts from the local day.
      setNow('2026-02-28T18:00:00Z');
      const w = await world();
      const early = await makePerson(ctx, { orgId: w.branch.id });
      const late = await makePerson(ctx, { orgId: w.branch.id });
      const a = (await issue(w.sender, early.id, w.otherBranch.id)).json();
      const b = (await issue(w.sender, late.id, w.otherBranch.id)).json();
      expect(a.validUntil).toBe('2026-03-31');

      // 23:30 on 31 March in Beijing: the last valid day.
      setNow('2026-03-31T15:30:00Z');
      let sender = await loginAs('secretary', w.branch.id);
      let receiver = await loginAs('secretary', w.otherBranch.id);
      const inbox = (await receiver.get(`/api/v1/transfers/inbox?orgId=${w.otherBranch.id}`)).json().items;
      expect(inbox.find((t: { id: string }) => t.id === a.id).expired).toBe(false);
      const onLastDay = await receiver.post(`/api/v1/transfers/${a.id}/accept`);
      expect(onLastDay.statusCode).toBe(200);

      // 00:10 on 1 April in Beijing (still 31 March in UTC): expired.
      setNow('2026-03-31T16:10:00Z');
      sender = await loginAs('secretary', w.branch.id);
      receiver = await loginAs('secretary', w.otherBranch.id);
      const inInbox = (await receiver.get(`/api/v1/transfers/inbox?orgId=${w.otherBranch.id}`)).json().items.find((t: { id: string }) => t.id === b.id);
      const inOutbox = (await sender.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}`)).json().items.find((t: { id: string }) => t.id === b.id);
      expect(inInbox.expired).toBe(true);
      expect(inOutbox.expired).toBe(true);
      // An accepted letter is never "expired".
      expect((await receiver.get(`/api/v1/transfers/${a.id}`)).json().expired).toBe(false);
      const tooLate = await receiver.post(`/api/v1/transfers/${b.id}/accept`);
      expect(tooLate.statusCode).toBe(409);
      expect(tooLate.json().error.code).toBe('TRANSFER_EXPIRED');
      expect(tooLate.json().error.message).toContain('2026-03-31');
      expect((await orgOf(ctx, late.id)).org_id).toBe(w.branch.id);
      // It can still be returned, so the sender can issue a new one.
      expect((await receiver.post(`/api/v1/transfers/${b.id}/return`, { reason: '介绍信已过期' })).json().status).toBe('returned');
    } finally {
      setNow(new Date());
    }
  });

  it('lets only the receiving side accept or return and only the sending side cancel; outsiders see nothing', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id });
    const letter = (await issue(w.sender, person.id, w.otherBranch.id)).json();

    const receiverCancel = await w.receiver.post(`/api/v1/transfers/${letter.id}/cancel`);
    expect([receiverCancel.statusCode, receiverCancel.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const senderAccept = await w.sender.post(`/api/v1/transfers/${letter.id}/accept`);
    expect([senderAccept.statusCode, senderAccept.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await w.sender.post(`/api/v1/transfers/${letter.id}/return`, { reason: '不行' })).statusCode).toBe(403);

    for (const res of [
      await w.outsider.get(`/api/v1/transfers/${letter.id}`),
      await w.outsider.post(`/api/v1/transfers/${letter.id}/accept`),
      await w.outsider.post(`/api/v1/transfers/${letter.id}/return`, { reason: '越权' }),
      await w.outsider.post(`/api/v1/transfers/${letter.id}/cancel`),
    ]) {
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'TRANSFER_NOT_FOUND']);
    }
    expect((await issue(w.outsider, person.id, w.outsiderBranch.id)).json().error.code).toBe('PERSON_NOT_FOUND');
    expect((await w.outsider.get(`/api/v1/transfers/inbox?orgId=${w.otherBranch.id}`)).json().error.code).toBe('ORG_NOT_FOUND');
    expect(ids(await w.outsider.get('/api/v1/transfers/inbox'))).not.toContain(letter.id);
    expect(ids(await w.outsider.get('/api/v1/transfers/outbox'))).not.toContain(letter.id);

    // Nothing above changed the letter or the person.
    expect((await w.sender.get(`/api/v1/transfers/${letter.id}`)).json().status).toBe('pending');
    expect((await orgOf(ctx, person.id)).org_id).toBe(w.branch.id);
  });

  it('accepts a letter once: a second accept, concurrent or later, gets TRANSFER_NOT_PENDING and changes nothing', async () => {
    const { ctx } = env();
    const w = await world();
    const person = await makePerson(ctx, { orgId: w.branch.id });
    const letter = (await issue(w.sender, person.id, w.otherBranch.id)).json();
    const officer = await loginAs('committee_officer', w.unit.id);

    const both = await Promise.all([w.receiver.post(`/api/v1/transfers/${letter.id}/accept`), officer.post(`/api/v1/transfers/${letter.id}/accept`)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('TRANSFER_NOT_PENDING');
    const afterFirst = await orgOf(ctx, person.id);
    const again = await w.receiver.post(`/api/v1/transfers/${letter.id}/accept`);
    expect(again.json().error.code).toBe('TRANSFER_NOT_PENDING');
    expect(await orgOf(ctx, person.id)).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({ org_id: w.otherBranch.id, version: 2 });
    const accepts = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', 'in', [letter.id, person.id]).where('action', 'in', ['transfer.accept', 'person.transfer']).execute();
    expect(accepts).toHaveLength(2);
  });

  it('pages the lists newest first with a total', async () => {
    const { ctx } = env();
    const w = await world();
    const people = [await makePerson(ctx, { orgId: w.branch.id }), await makePerson(ctx, { orgId: w.branch.id }), await makePerson(ctx, { orgId: w.branch.id })];
    const letters = [];
    for (const p of people) letters.push((await issue(w.sender, p.id, w.otherBranch.id)).json().id);
    const page1 = (await w.sender.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}&pageSize=2`)).json();
    const page2 = (await w.sender.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}&pageSize=2&page=2`)).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect([...page1.items, ...page2.items].map((t: { id: string }) => t.id)).toEqual([...letters].reverse());
  });

  /**
   * Permission table: every transfer endpoint called as every role, inside and outside the
   * subtree. Each row gets its own letter, so an allowed write never affects the next row.
   */
  type Who = 'system_admin' | 'security_admin' | 'audit_admin' | 'member' | 'sender' | 'receiver' | 'outsider' | 'officer';
  type Endpoint = 'issue' | 'inbox' | 'outbox' | 'inboxOfReceiver' | 'outboxOfSender' | 'view' | 'accept' | 'return' | 'cancel';
  const expected: Record<Endpoint, Record<Who, number>> = {
    issue: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 201, receiver: 404, outsider: 404, officer: 201 },
    inbox: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 200, receiver: 200, outsider: 200, officer: 200 },
    outbox: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 200, receiver: 200, outsider: 200, officer: 200 },
    inboxOfReceiver: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 404, receiver: 200, outsider: 404, officer: 200 },
    outboxOfSender: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 200, receiver: 404, outsider: 404, officer: 200 },
    view: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 200, receiver: 200, outsider: 404, officer: 200 },
    accept: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 403, receiver: 200, outsider: 404, officer: 200 },
    return: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 403, receiver: 200, outsider: 404, officer: 200 },
    cancel: { system_admin: 403, security_admin: 403, audit_admin: 403, member: 403, sender: 200, receiver: 403, outsider: 404, officer: 200 },
  };
  const cases = (Object.keys(expected) as Endpoint[]).flatMap((endpoint) => (Object.keys(expected[endpoint]) as Who[]).map((who) => ({ endpoint, who, status: expected[endpoint][who] })));

  let table: (Awaited<ReturnType<typeof world>> & { clients: Record<Who, Client> }) | null = null;
  async function permissionWorld() {
    if (table) return table;
    const w = await world();
    const memberPerson = await makePerson(env().ctx, { orgId: w.branch.id });
    table = {
      ...w,
      clients: {
        system_admin: await loginAs('system_admin'),
        security_admin: await loginAs('security_admin'),
        audit_admin: await loginAs('audit_admin'),
        member: await loginAs('member', w.branch.id, memberPerson.id),
        sender: w.sender,
        receiver: w.receiver,
        outsider: w.outsider,
        officer: await loginAs('committee_officer', w.unit.id),
      },
    };
    return table;
  }

  it.each(cases)('$endpoint as $who → $status', async ({ endpoint, who, status }) => {
    const w = await permissionWorld();
    const person = await makePerson(env().ctx, { orgId: w.branch.id });
    const letterId = endpoint === 'issue' ? null : (await issue(w.sender, person.id, w.otherBranch.id)).json().id;
    const c = w.clients[who];
    const call: Record<Endpoint, () => Promise<LightMyRequestResponse>> = {
      issue: () => issue(c, person.id, w.otherBranch.id),
      inbox: () => c.get('/api/v1/transfers/inbox'),
      outbox: () => c.get('/api/v1/transfers/outbox'),
      inboxOfReceiver: () => c.get(`/api/v1/transfers/inbox?orgId=${w.otherBranch.id}`),
      outboxOfSender: () => c.get(`/api/v1/transfers/outbox?orgId=${w.branch.id}`),
      view: () => c.get(`/api/v1/transfers/${letterId}`),
      accept: () => c.post(`/api/v1/transfers/${letterId}/accept`),
      return: () => c.post(`/api/v1/transfers/${letterId}/return`, { reason: '核对后退回' }),
      cancel: () => c.post(`/api/v1/transfers/${letterId}/cancel`),
    };
    const res = await call[endpoint]();
    expect(res.statusCode, res.body).toBe(status);
  });
});
