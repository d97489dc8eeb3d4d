/**
 * Background jobs on a real database: the runner's schedule, lease, failure and retry; and the
 * activity-reminders job at the edges of its 24-hour window, run at a fixed ctx.now().
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makePerson, makeTree, makeUser } from '../test/factories.ts';
import { describeEachDatabase, type TestEnv } from '../test/harness.ts';
import { newId } from '../lib/ids.ts';
import { activityReminders } from './activity-reminders.ts';
import { defineJob, runJobOnce, type JobDefinition } from './job.ts';
import { listJobRuns } from './jobs.repo.ts';
import { createJobRunner } from './runner.ts';

const HOUR = 3600_000;

describeEachDatabase('jobs', (getEnv) => {
  // Tests move the clock; a failed one must not leave the next one at another instant.
  afterEach(() => getEnv().setNow(new Date()));

  describe('runner', () => {
    const counterJob = (id: string, behaviour: { fail?: () => boolean } = {}) => {
      const runs: Array<{ at: string; payload: unknown }> = [];
      const job = defineJob({
        id,
        description: 'test job',
        payload: z.object({ size: z.number().default(3) }),
        schedule: { everySeconds: 600 },
        handler: async (ctx, payload) => {
          runs.push({ at: ctx.now().toISOString(), payload });
          if (behaviour.fail?.()) throw new Error('boom');
          return { size: payload.size };
        },
      });
      return { job, runs };
    };

    it('runs a due job with its default payload, then not again until its interval has passed', async () => {
      const env = getEnv();
      env.setNow('2026-07-01T00:00:00Z');
      const { job, runs } = counterJob(`every-${newId()}`);
      const runner = createJobRunner(env.ctx, { jobs: [job as JobDefinition] });
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'ok' }]);
      expect(runs).toEqual([{ at: '2026-07-01T00:00:00.000Z', payload: { size: 3 } }]);
      env.setNow('2026-07-01T00:09:59Z');
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'not_due' }]);
      env.setNow('2026-07-01T00:10:00Z');
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'ok' }]);
      const row = (await listJobRuns(env.ctx.db)).find((r) => r.job_id === job.id)!;
      expect(row).toMatchObject({ runs: 2, failures: 0, last_status: 'ok', last_error: null, lease_until: null, last_result: { size: 3 } });
      env.setNow(new Date());
    });

    it('logs a failure, records it, and retries on the very next tick', async () => {
      const env = getEnv();
      env.setNow('2026-07-02T00:00:00Z');
      let failuresLeft = 2;
      const { job, runs } = counterJob(`flaky-${newId()}`, { fail: () => failuresLeft-- > 0 });
      const other = counterJob(`steady-${newId()}`);
      const runner = createJobRunner(env.ctx, { jobs: [job as JobDefinition, other.job as JobDefinition] });
      // A failing job does not stop the others.
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'failed' }, { jobId: other.job.id, status: 'ok' }]);
      let row = (await listJobRuns(env.ctx.db)).find((r) => r.job_id === job.id)!;
      expect(row).toMatchObject({ last_status: 'failed', last_error: 'boom', failures: 1, consecutive_failures: 1, lease_until: null });
      env.advance(30_000);
      expect((await runner.tick())[0]).toEqual({ jobId: job.id, status: 'failed' });
      env.advance(30_000);
      expect((await runner.tick())[0]).toEqual({ jobId: job.id, status: 'ok' });
      row = (await listJobRuns(env.ctx.db)).find((r) => r.job_id === job.id)!;
      expect(row).toMatchObject({ last_status: 'ok', runs: 3, failures: 2, consecutive_failures: 0, last_error: null });
      expect(runs).toHaveLength(3);
      env.setNow(new Date());
    });

    it('does not start a job another worker holds the lease of, and takes over once the lease has run out', async () => {
      const env = getEnv();
      env.setNow('2026-07-03T00:00:00Z');
      const { job, runs } = counterJob(`leased-${newId()}`);
      await env.ctx.db.insertInto('job_runs').values({ job_id: job.id, lease_until: new Date('2026-07-03T00:15:00Z'), last_started_at: new Date('2026-07-03T00:00:00Z') }).execute();
      const runner = createJobRunner(env.ctx, { jobs: [job as JobDefinition] });
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'not_due' }]);
      env.setNow('2026-07-03T00:15:00Z');
      expect(await runner.tick()).toEqual([{ jobId: job.id, status: 'ok' }]);
      expect(runs).toHaveLength(1);
      env.setNow(new Date());
    });

    it('runs on its timer once started and lets the run in progress finish on stop', async () => {
      const env = getEnv();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let finished = false;
      const slow = defineJob({
        id: `slow-${newId()}`,
        description: 'test job',
        payload: z.object({}),
        schedule: { everySeconds: 3600 },
        handler: async () => {
          await gate;
          finished = true;
          return {};
        },
      });
      const runner = createJobRunner(env.ctx, { jobs: [slow as JobDefinition], tickMs: 10 });
      runner.start();
      await expect.poll(async () => (await listJobRuns(env.ctx.db)).find((r) => r.job_id === slow.id)?.lease_until ?? null).not.toBeNull();
      const stopping = runner.stop();
      setTimeout(release, 20);
      await stopping;
      expect(finished).toBe(true);
      expect((await listJobRuns(env.ctx.db)).find((r) => r.job_id === slow.id)).toMatchObject({ last_status: 'ok', runs: 1 });
    });

    it('refuses a payload that does not fit the job', async () => {
      const { job } = counterJob(`payload-${newId()}`);
      await expect(runJobOnce(getEnv().ctx, job, { size: 'big' })).rejects.toThrow();
    });
  });

  describe('activity-reminders', () => {
    async function world(env: TestEnv) {
      const { ctx } = env;
      const tree = await makeTree(ctx);
      const org = await ctx.db.selectFrom('organizations').select(['id', 'path', 'name']).where('id', '=', tree.branch.id).executeTakeFirstOrThrow();
      const person = async (name: string, withAccount = true) => {
        const p = await makePerson(ctx, { orgId: org.id, name });
        const user = withAccount ? await makeUser(ctx, { roles: [{ role: 'member', orgId: org.id }], personId: p.id }) : null;
        return { ...p, userId: user?.id ?? null };
      };
      const activity = async (start: Date, options: { status?: 'planned' | 'cancelled'; attendees: Array<{ personId: string; role?: 'expected' | 'guest'; status?: 'pending' | 'leave' }>; topic?: string; place?: string | null }) => {
        const id = newId();
        await ctx.db
          .insertInto('activities')
          .values({ id, org_id: org.id, org_path: org.path, kind: 'member_assembly', status: options.status ?? 'planned', topic: options.topic ?? '学习党章', planned_start: start, place: options.place === undefined ? '三楼会议室' : options.place })
          .execute();
        for (const a of options.attendees) {
          await ctx.db.insertInto('activity_attendees').values({ activity_id: id, person_id: a.personId, role: a.role ?? 'expected', status: a.status ?? 'pending' }).execute();
        }
        return id;
      };
      return { org, person, activity };
    }

    const remindersOf = (env: TestEnv, userId: string | null) =>
      env.ctx.db.selectFrom('notifications').selectAll().where('user_id', '=', userId ?? '').where('kind', '=', 'activity_upcoming').orderBy('created_at').execute();

    it('reminds those expected at activities starting after now and no later than 24 hours ahead, once', async () => {
      const env = getEnv();
      const w = await world(env);
      const now = new Date('2026-08-01T00:00:00Z'); // 08:00 in Asia/Shanghai
      const expected = await w.person('王出席');
      const onLeave = await w.person('李请假');
      const guest = await w.person('赵列席');
      const noAccount = await w.person('钱无号', false);
      const everyone = [{ personId: expected.id }, { personId: onLeave.id, status: 'leave' as const }, { personId: guest.id, role: 'guest' as const }, { personId: noAccount.id }];
      const atNow = await w.activity(now, { attendees: everyone, topic: '正在开始' });
      const soon = await w.activity(new Date(now.getTime() + 60_000), { attendees: everyone, topic: '一分钟后' });
      const lastIn = await w.activity(new Date(now.getTime() + 24 * HOUR), { attendees: everyone, topic: '整二十四小时', place: null });
      const firstOut = await w.activity(new Date(now.getTime() + 24 * HOUR + 1000), { attendees: everyone, topic: '超出一秒' });
      const cancelled = await w.activity(new Date(now.getTime() + 2 * HOUR), { status: 'cancelled', attendees: everyone, topic: '已取消' });
      const past = await w.activity(new Date(now.getTime() - HOUR), { attendees: everyone, topic: '已过去' });

      env.setNow(now);
      const result = await runJobOnce(env.ctx, activityReminders);
      expect(result.created).toBeGreaterThanOrEqual(2);
      const mine = await remindersOf(env, expected.userId);
      expect(mine.map((n) => n.link).sort()).toEqual([`/my-life?activity=${lastIn}`, `/my-life?activity=${soon}`].sort());
      for (const id of [atNow, firstOut, cancelled, past]) expect(mine.some((n) => n.link === `/my-life?activity=${id}`)).toBe(false);
      expect(await remindersOf(env, onLeave.userId)).toEqual([]);
      expect(await remindersOf(env, guest.userId)).toEqual([]);

      const soonRow = mine.find((n) => n.link === `/my-life?activity=${soon}`)!;
      expect(soonRow.params).toEqual({ activityKind: 'member_assembly', topic: '一分钟后', startsAt: '2026-08-01 08:01', place: '三楼会议室', orgName: w.org.name });

      // Idempotent: the same run again (a retry) adds nothing; ten minutes later the window has
      // moved on by exactly the one activity that was a second too late.
      expect((await runJobOnce(env.ctx, activityReminders)).created).toBe(0);
      env.advance(10 * 60_000);
      expect((await runJobOnce(env.ctx, activityReminders)).created).toBe(1);
      expect((await remindersOf(env, expected.userId)).map((n) => n.link)).toContain(`/my-life?activity=${firstOut}`);
      expect(await remindersOf(env, expected.userId)).toHaveLength(3);
      env.setNow(new Date());
    });

    it('reminds again when the activity is moved to another time, and shows times in the deployment time zone', async () => {
      const env = getEnv();
      const w = await world(env);
      const now = new Date('2026-08-05T15:30:00Z'); // 23:30 local
      const p = await w.person('孙改期');
      const id = await w.activity(new Date('2026-08-05T16:30:00Z'), { attendees: [{ personId: p.id }] }); // 00:30 the next local day
      env.setNow(now);
      await runJobOnce(env.ctx, activityReminders);
      await env.ctx.db.updateTable('activities').set({ planned_start: new Date('2026-08-06T01:00:00Z') }).where('id', '=', id).execute();
      await runJobOnce(env.ctx, activityReminders);
      const rows = await remindersOf(env, p.userId);
      expect(rows.map((r) => (r.params as { startsAt: string }).startsAt)).toEqual(['2026-08-06 00:30', '2026-08-06 09:00']);
      env.setNow(new Date());
    });

    it('takes a narrower window from its payload', async () => {
      const env = getEnv();
      const w = await world(env);
      const now = new Date('2026-08-10T00:00:00Z');
      const p = await w.person('周窗口');
      await w.activity(new Date(now.getTime() + 2 * HOUR), { attendees: [{ personId: p.id }] });
      env.setNow(now);
      await runJobOnce(env.ctx, activityReminders, { windowHours: 1 });
      expect(await remindersOf(env, p.userId)).toEqual([]);
      await runJobOnce(env.ctx, activityReminders, { windowHours: 2 });
      expect(await remindersOf(env, p.userId)).toHaveLength(1);
      env.setNow(new Date());
    });
  });
});
