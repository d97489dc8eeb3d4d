/**
 * Notifications over HTTP on a real database: notify resolves people to their accounts and is
 * idempotent by dedupe key; each account reads, counts and marks only its own rows; texts are
 * rendered in the reader's language; external channels get each notification once, with retries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makePerson, makeTree, makeUser, TEST_PASSWORD } from '../../test/factories.ts';
import { describeEachDatabase, loginClient } from '../../test/harness.ts';
import { createChannelRegistry, type DeliverableNotification, type NotificationRecipient } from './channels.ts';
import { deliverPending, MAX_DELIVERY_ATTEMPTS, notify } from './notifications.service.ts';

const circularParams = { title: '关于2026年第三季度组织生活开展情况的通报', orgName: '县直机关工委', period: '2026-Q3' };
const makeupParams = { activityKind: 'member_assembly', topic: '学习党章', heldOn: '2026-09-10', dueOn: '2026-09-30' } as const;
let seq = 0;
const key = (label: string) => `${label}:${++seq}:${Math.random().toString(36).slice(2)}`;

describeEachDatabase('notifications', (getEnv) => {
  // Tests move the clock; a failed one must not leave the next one at another instant.
  afterEach(() => getEnv().setNow(new Date()));

  async function world() {
    const { ctx } = getEnv();
    const tree = await makeTree(ctx);
    const alice = await makePerson(ctx, { orgId: tree.branch.id, name: '王小明' });
    const bob = await makePerson(ctx, { orgId: tree.branch.id, name: '李小红' });
    const noAccount = await makePerson(ctx, { orgId: tree.branch.id, name: '赵无号' });
    const aliceUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: alice.id });
    const bobUser = await makeUser(ctx, { roles: [{ role: 'member', orgId: tree.branch.id }], personId: bob.id });
    const secretary = await makeUser(ctx, { roles: [{ role: 'secretary', orgId: tree.branch.id }] });
    return { tree, alice, bob, noAccount, aliceUser, bobUser, secretary };
  }

  describe('notify', () => {
    it('resolves people to their linked accounts, skips people without one, and writes one row per account', async () => {
      const { ctx } = getEnv();
      const w = await world();
      const result = await notify(ctx.db, ctx, {
        recipients: { personIds: [w.alice.id, w.bob.id, w.noAccount.id, w.alice.id], userIds: [w.secretary.id, w.aliceUser.id] },
        kind: 'makeup_assigned',
        params: makeupParams,
        link: '/me/makeup',
        dedupeKey: key('makeup'),
      });
      expect(result.recipients).toBe(3);
      expect(result.created).toBe(3);
      const rows = await ctx.db.selectFrom('notifications').select('user_id').where('id', 'in', result.notificationIds).execute();
      expect(rows.map((r) => r.user_id).sort()).toEqual([w.aliceUser.id, w.bobUser.id, w.secretary.id].sort());
    });

    it('is idempotent: the same dedupe key again creates nothing, and a new recipient on retry gets only their row', async () => {
      const { ctx } = getEnv();
      const w = await world();
      const dedupeKey = key('retry');
      const first = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/x', dedupeKey });
      const again = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/x', dedupeKey });
      expect(first.created).toBe(1);
      expect(again).toEqual({ recipients: 1, created: 0, notificationIds: [] });
      const wider = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/x', dedupeKey });
      expect(wider.created).toBe(1);
      const count = await ctx.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(2);
    });

    it('lands or fails with the transaction it is called in', async () => {
      const { ctx } = getEnv();
      const w = await world();
      const dedupeKey = key('rollback');
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await notify(trx, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey });
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      expect(await ctx.db.selectFrom('notifications').select('id').where('dedupe_key', '=', dedupeKey).execute()).toEqual([]);
    });

    it('does not notify disabled accounts', async () => {
      const { ctx } = getEnv();
      const w = await world();
      await ctx.db.updateTable('users').set({ active: false }).where('id', '=', w.bobUser.id).execute();
      const result = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey: key('disabled') });
      expect(result.recipients).toBe(1);
    });

    it('refuses parameters that do not fit the kind, an unknown kind and an empty dedupe key', async () => {
      const { ctx } = getEnv();
      const w = await world();
      await expect(notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: { title: 'x' } as never, link: '/c', dedupeKey: key('bad') })).rejects.toThrow(/params do not fit/);
      await expect(notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'no_such_kind' as never, params: {} as never, link: '/c', dedupeKey: key('bad') })).rejects.toThrow(/unknown notification kind/);
      await expect(notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey: '' })).rejects.toThrow(/dedupe key/);
    });
  });

  describe('GET/POST /me/notifications', () => {
    it('lists only my notifications, newest first, rendered in my language, with the unread filter and pages', async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      env.setNow('2026-09-10T01:00:00Z');
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'makeup_assigned', params: makeupParams, link: '/me/makeup', dedupeKey: key('a') });
      env.setNow('2026-09-11T01:00:00Z');
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/1', dedupeKey: key('b') });
      await notify(ctx.db, ctx, { recipients: { personIds: [w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/2', dedupeKey: key('c') });
      env.setNow(new Date());

      const alice = await loginClient(env.app, w.aliceUser.username, TEST_PASSWORD);
      const list = await alice.get('/api/v1/me/notifications');
      expect(list.statusCode).toBe(200);
      const body = list.json();
      expect(body.total).toBe(2);
      expect(body.items.map((i: { kind: string }) => i.kind)).toEqual(['circular_published', 'makeup_assigned']);
      expect(body.items[0].title).toBe('新通报：关于2026年第三季度组织生活开展情况的通报');
      expect(body.items[1].body).toBe('您未参加 2026-09-10 的支部党员大会“学习党章”，请阅读会议材料并填写学习体会，截止日期 2026-09-30。');
      expect(body.items[1].link).toBe('/me/makeup');
      expect(body.items[1].readAt).toBeNull();

      const en = (await alice.get('/api/v1/me/notifications', { 'accept-language': 'en' })).json();
      expect(en.items[1].title).toBe('Make-up study: Member assembly');
      expect(en.items[1].body).toContain('by 2026-09-30');

      const paged = (await alice.get('/api/v1/me/notifications?page=2&pageSize=1')).json();
      expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(paged.items.map((i: { kind: string }) => i.kind)).toEqual(['makeup_assigned']);
    });

    it('counts unread, marks one read (idempotently, keeping the first instant) and filters unread', async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      const a = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/c/1', dedupeKey: key('r1') });
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/c/2', dedupeKey: key('r2') });
      const alice = await loginClient(env.app, w.aliceUser.username, TEST_PASSWORD);
      expect((await alice.get('/api/v1/me/notifications/unread-count')).json()).toEqual({ count: 2 });

      env.setNow('2026-10-01T02:00:00Z');
      const read = await alice.post(`/api/v1/me/notifications/${a.notificationIds[0]}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).toBe('2026-10-01T02:00:00.000Z');
      env.setNow('2026-10-02T02:00:00Z');
      expect((await alice.post(`/api/v1/me/notifications/${a.notificationIds[0]}/read`)).json().readAt).toBe('2026-10-01T02:00:00.000Z');
      env.setNow(new Date());

      expect((await alice.get('/api/v1/me/notifications/unread-count')).json()).toEqual({ count: 1 });
      const unread = (await alice.get('/api/v1/me/notifications?unreadOnly=true')).json();
      expect(unread.items.map((i: { link: string }) => i.link)).toEqual(['/c/2']);
      expect((await alice.get('/api/v1/me/notifications?unreadOnly=false')).json().total).toBe(2);
    });

    it("refuses to mark another account's notification read, as if it did not exist, and leaves it unread", async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      const bobs = await notify(ctx.db, ctx, { recipients: { personIds: [w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey: key('other') });
      // A secretary of the very branch is refused too: an inbox is personal.
      for (const username of [w.aliceUser.username, (await makeUser(ctx, { roles: [{ role: 'secretary', orgId: w.tree.branch.id }] })).username]) {
        const c = await loginClient(env.app, username, TEST_PASSWORD);
        const res = await c.post(`/api/v1/me/notifications/${bobs.notificationIds[0]}/read`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOTIFICATION_NOT_FOUND');
      }
      const missing = await (await loginClient(env.app, w.aliceUser.username, TEST_PASSWORD)).post('/api/v1/me/notifications/0190a6b2-0000-7000-8000-000000000000/read');
      expect(missing.statusCode).toBe(404);
      const row = await ctx.db.selectFrom('notifications').select('read_at').where('id', '=', bobs.notificationIds[0]!).executeTakeFirstOrThrow();
      expect(row.read_at).toBeNull();
    });

    it('marks all of mine read and none of anyone else’s', async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey: key('all1') });
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'makeup_assigned', params: makeupParams, link: '/m', dedupeKey: key('all2') });
      const alice = await loginClient(env.app, w.aliceUser.username, TEST_PASSWORD);
      const res = await alice.post('/api/v1/me/notifications/read-all');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ updated: 2 });
      expect((await alice.post('/api/v1/me/notifications/read-all')).json()).toEqual({ updated: 0 });
      expect((await alice.get('/api/v1/me/notifications/unread-count')).json()).toEqual({ count: 0 });
      const bob = await loginClient(env.app, w.bobUser.username, TEST_PASSWORD);
      expect((await bob.get('/api/v1/me/notifications/unread-count')).json()).toEqual({ count: 2 });
    });

    it('needs a login and a valid id', async () => {
      const env = getEnv();
      const w = await world();
      expect((await env.app.inject({ method: 'GET', url: '/api/v1/me/notifications' })).statusCode).toBe(401);
      const alice = await loginClient(env.app, w.aliceUser.username, TEST_PASSWORD);
      const bad = await alice.post('/api/v1/me/notifications/not-a-uuid/read');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('channels', () => {
    it('always keeps the in-app channel and refuses a second channel of the same name', () => {
      const registry = createChannelRegistry();
      expect(registry.all().map((c) => c.name)).toEqual(['in_app']);
      expect(() => registry.unregister('in_app')).toThrow(/always on/);
      registry.register({ name: 'sms', deliver: async () => {} });
      expect(() => registry.register({ name: 'sms', deliver: async () => {} })).toThrow(/already registered/);
      expect(registry.external().map((c) => c.name)).toEqual(['sms']);
    });

    it('fans each notification out to every external channel once, in both languages, and retries failures', async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      // Deliveries only look back a few days: start from a clean instant after everything else.
      env.setNow('2030-01-01T00:00:00Z');
      const registry = createChannelRegistry();
      const sent: Array<{ n: DeliverableNotification; r: NotificationRecipient }> = [];
      let flaky = 2; // fails twice, then works
      const flakySent: string[] = [];
      registry.register({ name: 'test', deliver: async (n, r) => void sent.push({ n, r }) });
      registry.register({ name: 'makeup-only', kinds: ['makeup_assigned'], deliver: async (n) => void flakySent.push(n.kind) });
      registry.register({
        name: 'flaky',
        deliver: async (n) => {
          if (flaky-- > 0) throw new Error('gateway timeout');
          flakySent.push(`flaky:${n.id}`);
        },
      });
      const c = await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id, w.bob.id] }, kind: 'circular_published', params: circularParams, link: '/circulars/9', dedupeKey: key('fan') });

      const first = await deliverPending(ctx, { registry });
      expect(sent.map((s) => s.r.personId).sort()).toEqual([w.alice.id, w.bob.id].sort());
      expect(sent[0]!.n.text['zh-CN'].title).toBe('新通报：关于2026年第三季度组织生活开展情况的通报');
      expect(sent[0]!.n.text.en.title).toBe('New circular: 关于2026年第三季度组织生活开展情况的通报');
      expect(sent[0]!.n.link).toBe('/circulars/9');
      expect(flakySent).toEqual([]); // the make-up-only channel ignores circulars; flaky failed twice
      expect(first).toEqual({ delivered: 2, failed: 2 });

      const second = await deliverPending(ctx, { registry });
      expect(second).toEqual({ delivered: 2, failed: 0 });
      expect(sent).toHaveLength(2);
      expect(flakySent.sort()).toEqual(c.notificationIds.map((id) => `flaky:${id}`).sort());
      expect(await deliverPending(ctx, { registry })).toEqual({ delivered: 0, failed: 0 });

      const records = await ctx.db.selectFrom('notification_deliveries').selectAll().where('notification_id', 'in', c.notificationIds).where('channel', '=', 'flaky').execute();
      expect(records.map((r) => [r.attempts, r.last_error, r.delivered_at !== null])).toEqual([
        [2, null, true],
        [2, null, true],
      ]);
      env.setNow(new Date());
    });

    it('gives up after the maximum number of attempts', async () => {
      const env = getEnv();
      const { ctx } = env;
      const w = await world();
      env.setNow('2031-01-01T00:00:00Z');
      const registry = createChannelRegistry();
      let calls = 0;
      registry.register({ name: 'down', deliver: async () => { calls += 1; throw new Error('down'); } });
      await notify(ctx.db, ctx, { recipients: { personIds: [w.alice.id] }, kind: 'circular_published', params: circularParams, link: '/c', dedupeKey: key('down') });
      for (let i = 0; i < MAX_DELIVERY_ATTEMPTS + 2; i++) await deliverPending(ctx, { registry });
      expect(calls).toBe(MAX_DELIVERY_ATTEMPTS);
      env.setNow(new Date());
    });
  });
});
