import { expect, it } from 'vitest';
import { makeOrg, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';

describeEachDatabase('organisations', (env) => {
  async function officerOn(orgId: string) {
    const user = await makeUser(env().ctx, { roles: [{ role: 'committee_officer', orgId }] });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }
  async function secretaryOf(orgId: string) {
    const user = await makeUser(env().ctx, { roles: [{ role: 'secretary', orgId }] });
    return loginClient(env().app, user.username, TEST_PASSWORD);
  }

  it('lets only the system administrator create the root, and only once', async () => {
    const { ctx, app } = env();
    const tree = await makeTree(ctx);
    const admin = await makeUser(ctx, { roles: [{ role: 'system_admin' }] });
    const c = await loginClient(app, admin.username, TEST_PASSWORD);
    const second = await c.post('/api/v1/orgs', { code: 'ROOT2', name: '另一个工委', kind: 'working_committee', parentId: null });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('ORG_ROOT_EXISTS');
    const officer = await officerOn(tree.root.id);
    expect((await officer.post('/api/v1/orgs', { code: 'ROOT3', name: '工委', kind: 'working_committee', parentId: null })).statusCode).toBe(403);
  });

  it('creates a branch under a party committee and shows it among the children', async () => {
    const tree = await makeTree(env().ctx);
    const c = await officerOn(tree.root.id);
    const res = await c.post('/api/v1/orgs', { code: 'BR-NEW-1', name: '新建第三党支部', kind: 'branch', parentId: tree.unit.id, establishedOn: '2026-03-01', hasCommittee: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '新建第三党支部', kind: 'branch', parentId: tree.unit.id, depth: 2, establishedOn: '2026-03-01', hasCommittee: true, active: true });
    const children = (await c.get(`/api/v1/orgs/${tree.unit.id}/children`)).json();
    expect(children.map((o: { code: string }) => o.code)).toContain('BR-NEW-1');
    const detail = (await c.get(`/api/v1/orgs/${res.json().id}`)).json();
    expect(detail.ancestors.map((a: { id: string }) => a.id)).toEqual([tree.root.id, tree.unit.id]);
  });

  it('refuses a kind that may not stand under the parent, naming both kinds', async () => {
    const tree = await makeTree(env().ctx);
    const c = await officerOn(tree.root.id);
    const res = await c.post('/api/v1/orgs', { code: 'BAD-1', name: '错误的党委', kind: 'party_committee', parentId: tree.branch.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('ORG_KIND_NOT_ALLOWED');
    expect(res.json().error.message).toContain('党支部');
    expect(res.json().error.message).toContain('党委');
  });

  it('refuses a duplicate code and a malformed code with specific messages', async () => {
    const tree = await makeTree(env().ctx);
    const c = await officerOn(tree.root.id);
    const first = await c.post('/api/v1/orgs', { code: 'DUP-1', name: '支部甲', kind: 'branch', parentId: tree.unit.id });
    expect(first.statusCode).toBe(201);
    const dup = await c.post('/api/v1/orgs', { code: 'DUP-1', name: '支部乙', kind: 'branch', parentId: tree.unit.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('DUP-1');
    const malformed = await c.post('/api/v1/orgs', { code: '编码 1', name: '支部丙', kind: 'branch', parentId: tree.unit.id });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0]).toMatchObject({ path: 'code', code: 'ORG_CODE_FORMAT' });
  });

  it('edits name and committee flag and records before and after in the audit log', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const c = await secretaryOf(tree.branch.id);
    const res = await c.patch(`/api/v1/orgs/${tree.branch.id}`, { name: '机关第一党支部', hasCommittee: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '机关第一党支部', hasCommittee: true });
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', tree.branch.id).where('action', '=', 'org.update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: tree.branch.name, hasCommittee: false });
    expect(audit.after).toMatchObject({ name: '机关第一党支部', hasCommittee: true });
  });

  it('moves a subtree, rewriting the paths of its organisations and people', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const otherUnit = await makeOrg(ctx, { parentId: tree.root.id, kind: 'party_committee' });
    const group = await makeOrg(ctx, { parentId: tree.branch.id, kind: 'party_group' });
    const c = await officerOn(tree.root.id);
    const res = await c.post(`/api/v1/orgs/${tree.branch.id}/move`, { parentId: otherUnit.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: otherUnit.id, depth: 2 });
    const rows = await ctx.db.selectFrom('organizations').select(['id', 'path', 'depth']).where('id', 'in', [otherUnit.id, tree.branch.id, group.id]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(tree.branch.id)!.path.startsWith(byId.get(otherUnit.id)!.path)).toBe(true);
    expect(byId.get(group.id)!.path.startsWith(byId.get(tree.branch.id)!.path)).toBe(true);
    expect(byId.get(group.id)!.depth).toBe(3);
    expect((await c.get(`/api/v1/orgs/${tree.unit.id}/children`)).json().map((o: { id: string }) => o.id)).not.toContain(tree.branch.id);
  });

  it('never moves an organisation into its own subtree', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const general = await makeOrg(ctx, { parentId: tree.unit.id, kind: 'general_branch' });
    const inner = await makeOrg(ctx, { parentId: general.id, kind: 'branch' });
    const c = await officerOn(tree.root.id);
    const intoChild = await c.post(`/api/v1/orgs/${tree.unit.id}/move`, { parentId: general.id });
    expect(intoChild.json().error.code).toBe('ORG_MOVE_INTO_OWN_SUBTREE');
    const intoItself = await c.post(`/api/v1/orgs/${general.id}/move`, { parentId: general.id });
    expect(intoItself.json().error.code).toBe('ORG_MOVE_INTO_OWN_SUBTREE');
    expect((await c.post(`/api/v1/orgs/${inner.id}/move`, { parentId: tree.unit.id })).statusCode).toBe(200);
  });

  it('deactivates only an empty organisation and keeps its history', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const group = await makeOrg(ctx, { parentId: tree.branch.id, kind: 'party_group' });
    const c = await officerOn(tree.root.id);
    const refused = await c.post(`/api/v1/orgs/${tree.branch.id}/deactivate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ORG_HAS_ACTIVE_CHILDREN');
    expect((await c.post(`/api/v1/orgs/${group.id}/deactivate`)).json().active).toBe(false);
    const done = await c.post(`/api/v1/orgs/${tree.branch.id}/deactivate`);
    expect(done.json()).toMatchObject({ active: false });
    expect((await c.get(`/api/v1/orgs/${tree.branch.id}`)).json().active).toBe(false);
    const under = await c.post('/api/v1/orgs', { code: `X-${Date.now()}`, name: '撤销后新建', kind: 'party_group', parentId: tree.branch.id });
    expect(under.json().error.code).toBe('ORG_INACTIVE');
  });

  it('refuses to deactivate an organisation that still has people, saying how many', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const c = await officerOn(tree.root.id);
    await ctx.db
      .insertInto('people')
      .values({ id: crypto.randomUUID(), org_id: tree.otherBranch.id, org_path: (await ctx.db.selectFrom('organizations').select('path').where('id', '=', tree.otherBranch.id).executeTakeFirstOrThrow()).path, name: '李四', name_pinyin: 'lisi', name_initials: 'ls', sex: 'male', birth_date: '1980-01-01', id_number_enc: 'x', id_number_hash: `h-${Date.now()}`, id_number_tail: '0000', category: 'full' })
      .execute();
    const res = await c.post(`/api/v1/orgs/${tree.otherBranch.id}/deactivate`);
    expect(res.json().error.code).toBe('ORG_HAS_MEMBERS');
    expect(res.json().error.message).toContain('1');
  });

  it('counts people by category for a whole subtree', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    const paths = new Map((await ctx.db.selectFrom('organizations').select(['id', 'path']).execute()).map((r) => [r.id, r.path]));
    const add = (orgId: string, category: string, status = 'normal') =>
      ctx.db
        .insertInto('people')
        .values({ id: crypto.randomUUID(), org_id: orgId, org_path: paths.get(orgId)!, name: '王五', name_pinyin: 'wangwu', name_initials: 'ww', sex: 'male', birth_date: '1980-01-01', id_number_enc: 'x', id_number_hash: crypto.randomUUID(), id_number_tail: '0000', category, status })
        .execute();
    await add(tree.branch.id, 'full');
    await add(tree.branch.id, 'full', 'lost_contact');
    await add(tree.branch.id, 'probationary');
    await add(tree.otherBranch.id, 'activist');
    await add(tree.otherBranch.id, 'full', 'flowing_out');
    const c = await officerOn(tree.unit.id);
    const unit = (await c.get(`/api/v1/orgs/${tree.unit.id}/counts`)).json();
    expect(unit).toEqual({ total: 5, members: 4, lostContact: 1, flowingOut: 1, organizations: 3, byCategory: { full: 3, probationary: 1, applicant: 0, activist: 1, candidate: 0 } });
    const branch = (await c.get(`/api/v1/orgs/${tree.branch.id}/counts`)).json();
    expect(branch.byCategory).toEqual({ full: 2, probationary: 1, applicant: 0, activist: 0, candidate: 0 });
  });

  it('keeps a secretary inside their own subtree', async () => {
    const tree = await makeTree(env().ctx);
    const c = await secretaryOf(tree.branch.id);
    expect((await c.get('/api/v1/orgs/roots')).json().map((o: { id: string }) => o.id)).toEqual([tree.branch.id]);
    expect((await c.get(`/api/v1/orgs/${tree.otherBranch.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/v1/orgs/${tree.unit.id}/counts`)).statusCode).toBe(404);
    expect((await c.patch(`/api/v1/orgs/${tree.otherBranch.id}`, { name: '越权修改' })).statusCode).toBe(404);
    expect((await c.post(`/api/v1/orgs/${tree.branch.id}/move`, { parentId: tree.root.id })).statusCode).toBe(404);
  });

  it('shows the tree to the security administrator without people counts', async () => {
    const { ctx, app } = env();
    const tree = await makeTree(ctx);
    const sec = await makeUser(ctx, { roles: [{ role: 'security_admin' }] });
    const c = await loginClient(app, sec.username, TEST_PASSWORD);
    expect((await c.get('/api/v1/orgs/roots')).json()[0].id).toBe(tree.root.id);
    expect((await c.get(`/api/v1/orgs/${tree.unit.id}/counts`)).statusCode).toBe(403);
    expect((await c.post('/api/v1/orgs', { code: 'SEC-1', name: '安全员建的', kind: 'branch', parentId: tree.unit.id })).statusCode).toBe(403);
  });

  it('finds organisations by name for choosing a transfer target', async () => {
    const { ctx } = env();
    const tree = await makeTree(ctx);
    await makeOrg(ctx, { parentId: tree.unit.id, kind: 'branch', name: '税务局机关党支部' });
    const c = await secretaryOf(tree.branch.id);
    const found = (await c.get(`/api/v1/orgs/search?q=${encodeURIComponent('税务')}`)).json();
    expect(found.map((o: { name: string }) => o.name)).toContain('税务局机关党支部');
  });
});
