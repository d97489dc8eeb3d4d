/**
 * The in-process job runner of the worker role: every tick it claims each due job (see
 * jobs.repo.ts), runs it with its default payload, and records the outcome. A failure is logged
 * and the job is due again on the next tick; ticks never overlap, and stop() waits for the tick in
 * progress so a shutdown never cuts a run in half.
 */
import type { ServerContext } from '../context.ts';
import type { JobDefinition } from './job.ts';
import { claimJob, finishJob } from './jobs.repo.ts';

export type TickReport = Array<{ jobId: string; status: 'ok' | 'failed' | 'not_due' }>;

export type JobRunner = {
  /** One pass over the jobs (what the timer calls); tests call it directly. */
  tick: () => Promise<TickReport>;
  start: () => void;
  stop: () => Promise<void>;
};

const DEFAULT_LEASE_SECONDS = 15 * 60;

export function createJobRunner(ctx: ServerContext, options: { jobs: JobDefinition[]; tickMs?: number }): JobRunner {
  const tickMs = options.tickMs ?? 30_000;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> | null = null;
  let stopped = false;

  async function runOne(job: JobDefinition): Promise<TickReport[number]['status']> {
    const claimed = await claimJob(ctx.db, { jobId: job.id, now: ctx.now(), everySeconds: job.schedule.everySeconds, leaseSeconds: job.leaseSeconds ?? DEFAULT_LEASE_SECONDS });
    if (!claimed) return 'not_due';
    const started = Date.now();
    try {
      const result = await job.handler(ctx, job.payload.parse({}));
      await finishJob(ctx.db, { jobId: job.id, now: ctx.now(), error: null, result });
      ctx.log.info({ job: job.id, ms: Date.now() - started, result }, 'job finished');
      return 'ok';
    } catch (error) {
      ctx.log.error({ job: job.id, err: error }, 'job failed; it will be retried on the next tick');
      await finishJob(ctx.db, { jobId: job.id, now: ctx.now(), error: error instanceof Error ? error.message : String(error), result: undefined });
      return 'failed';
    }
  }

  async function tick(): Promise<TickReport> {
    const report: TickReport = [];
    for (const job of options.jobs) {
      try {
        report.push({ jobId: job.id, status: await runOne(job) });
      } catch (error) {
        // The database itself failed (claiming or recording): try again next tick.
        ctx.log.error({ job: job.id, err: error }, 'job runner could not claim or record a job');
        report.push({ jobId: job.id, status: 'failed' });
      }
    }
    return report;
  }

  const loop = async () => {
    current = tick();
    await current;
    current = null;
    if (!stopped) timer = setTimeout(() => void loop(), tickMs);
  };

  return {
    tick,
    start: () => {
      stopped = false;
      timer = setTimeout(() => void loop(), 0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
