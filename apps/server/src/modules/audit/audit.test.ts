import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Role } from '../../lib/actor.ts';
import { makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient, type Client } from '../../test/harness.ts';
import { recordAudit } from './audit.repo.ts';

describeEachDatabase('audit log', (env) => {
  async function loginAs(role: Role, orgId: string | null = null) {
    const user = await makeUser(env().ctx, { roles: [{ role, orgId }] });
    return Object.assign(await loginClient(env().app, user.username, TEST_PASSWORD), { userId: user.id, username: user.username });
  }
  const entries = (res: LightMyRequestResponse) => res.json().items as Array<Record<string, unknown>>;

  it('shows the audit administrator who did what, where, from which address, with before and after, newest first', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const officer = await loginAs('committee_officer', tree.root.id);
    await officer.patch(`/api/v1/orgs/${tree.branch.id}`, { name: '审计测试党支部' });
    await officer.patch(`/api/v1/orgs/${tree.branch.id}`, { name: '审计测试党支部（二）' });
    const auditor = await loginAs('audit_admin');

    const res = await auditor.get(`/api/v1/audit?entityType=organization&entityId=${tree.branch.id}&action=org.update`);
    expect(res.statusCode).toBe(200);
    const items = entries(res);
    expect(res.json().total).toBe(2);
    expect(items[0]).toMatchObject({
      actorId: officer.userId,
      actorName: officer.username,
      action: 'org.update',
      entityType: 'organization',
      entityId: tree.branch.id,
      orgId: tree.branch.id,
      orgName: '审计测试党支部（二）',
      ip: '127.0.0.1',
      before: expect.objectContaining({ name: '审计测试党支部' }),
      after: expect.objectContaining({ name: '审计测试党支部（二）' }),
      detail: null,
    });
    expect(items[1]!.after).toMatchObject({ name: '审计测试党支部' });
    expect(Date.parse(items[0]!.at as string)).toBeGreaterThanOrEqual(Date.parse(items[1]!.at as string));
    expect(items[0]!.id as number).toBeGreaterThan(items[1]!.id as number);
  });

  it('filters by actor id or name, by action family, and pages on the server', async () => {
    const { ctx } = env();
    const tag = `probe_${Date.now().toString(36)}`;
    const actorA = { userId: crypto.randomUUID(), displayName: `甲审计${tag}` };
    const actorB = { userId: crypto.randomUUID(), displayName: `乙审计${tag}` };
    for (let i = 0; i < 5; i++) await recordAudit(ctx.db, { actor: actorA, action: `${tag}.write`, entityType: tag, entityId: `a${i}` });
    await recordAudit(ctx.db, { actor: actorB, action: `${tag}.read`, entityType: tag, entityId: 'b0', detail: { note: '查看' } });
    await recordAudit(ctx.db, { actor: actorB, action: `${tag}x.other`, entityType: tag, entityId: 'b1' });
    const auditor = await loginAs('audit_admin');

    expect((await auditor.get(`/api/v1/audit?entityType=${tag}`)).json().total).toBe(7);
    expect((await auditor.get(`/api/v1/audit?actor=${actorA.userId}`)).json().total).toBe(5);
    expect((await auditor.get(`/api/v1/audit?entityType=${tag}&actor=${encodeURIComponent('乙审计')}`)).json().total).toBe(2);
    // 'probe_x' is a family of its own: the family filter matches whole segments only.
    expect((await auditor.get(`/api/v1/audit?action=${tag}`)).json().total).toBe(6);
    expect(entries(await auditor.get(`/api/v1/audit?action=${tag}.read`)).map((e) => e.detail)).toEqual([{ note: '查看' }]);
    expect(entries(await auditor.get(`/api/v1/audit?entityType=${tag}&entityId=a3`)).map((e) => e.action)).toEqual([`${tag}.write`]);

    const page1 = (await auditor.get(`/api/v1/audit?actor=${actorA.userId}&pageSize=2`)).json();
    const page3 = (await auditor.get(`/api/v1/audit?actor=${actorA.userId}&pageSize=2&page=3`)).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items.map((e: { entityId: string }) => e.entityId)).toEqual(['a4', 'a3']);
    expect(page3.items.map((e: { entityId: string }) => e.entityId)).toEqual(['a0']);
    expect((await auditor.get('/api/v1/audit?pageSize=500')).statusCode).toBe(400);
  });

  it('reads from and to as calendar days in the deployment time zone, both included', async () => {
    const { ctx } = env();
    const tag = `tz_${Date.now().toString(36)}`;
    // 23:59 on 1 March and 00:01 on 2 March in Beijing; both are 1 March in UTC.
    await ctx.db.insertInto('audit_log').values({ action: `${tag}.late`, entity_type: tag, at: '2026-03-01T15:59:00Z' }).execute();
    await ctx.db.insertInto('audit_log').values({ action: `${tag}.early`, entity_type: tag, at: '2026-03-01T16:01:00Z' }).execute();
    const auditor = await loginAs('audit_admin');
    const actions = async (query: string) => entries(await auditor.get(`/api/v1/audit?entityType=${tag}&${query}`)).map((e) => e.action);
    expect(await actions('from=2026-03-01&to=2026-03-01')).toEqual([`${tag}.late`]);
    expect(await actions('from=2026-03-02&to=2026-03-02')).toEqual([`${tag}.early`]);
    expect(await actions('from=2026-03-02')).toEqual([`${tag}.early`]);
    expect(await actions('to=2026-03-01')).toEqual([`${tag}.late`]);
    expect(await actions('from=2026-03-01&to=2026-03-02')).toEqual([`${tag}.early`, `${tag}.late`]);
    expect((await auditor.get('/api/v1/audit?from=2026-3-1')).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('is append-only in the database itself: UPDATE, DELETE and TRUNCATE fail', async () => {
    const { ctx } = env();
    const tag = `ro_${Date.now().toString(36)}`;
    await recordAudit(ctx.db, { actor: null, action: `${tag}.write`, entityType: tag, entityId: 'x', after: { v: 1 } });
    await expect(ctx.db.updateTable('audit_log').set({ action: 'tampered' }).where('entity_type', '=', tag).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.db.deleteFrom('audit_log').where('entity_type', '=', tag).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', tag).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: `${tag}.write`, after: { v: 1 } });
  });

  /** Permission table: the audit log is for the audit administrator and nobody else. */
  const expected: Record<Role, number> = { audit_admin: 200, system_admin: 403, security_admin: 403, committee_officer: 403, secretary: 403, member: 403 };
  let clients: Record<Role, Client> | null = null;
  it.each(Object.entries(expected) as Array<[Role, number]>)('GET /audit as %s → %i', async (role, status) => {
    if (!clients) {
      const tree = await makeTree(env().ctx);
      clients = {
        audit_admin: await loginAs('audit_admin'),
        system_admin: await loginAs('system_admin'),
        security_admin: await loginAs('security_admin'),
        committee_officer: await loginAs('committee_officer', tree.root.id),
        secretary: await loginAs('secretary', tree.branch.id),
        member: await loginAs('member', tree.branch.id),
      };
    }
    const res = await clients[role].get('/api/v1/audit');
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
