/**
 * SQL for job_runs: a job is claimed with a lease (one worker process at a time) when it is due —
 * never run, last run failed or unfinished, or last started at least one interval ago — and its
 * outcome is recorded for operators to see.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function claimJob(db: Kysely<DB>, options: { jobId: string; now: Date; everySeconds: number; leaseSeconds: number }): Promise<boolean> {
  const { jobId, now } = options;
  await db.insertInto('job_runs').values({ job_id: jobId }).onConflict((oc) => oc.column('job_id').doNothing()).execute();
  const dueBefore = new Date(now.getTime() - options.everySeconds * 1000);
  const claimed = await db
    .updateTable('job_runs')
    .set({ lease_until: new Date(now.getTime() + options.leaseSeconds * 1000), last_started_at: now })
    .where('job_id', '=', jobId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .where((eb) => eb.or([eb('last_started_at', 'is', null), eb('last_status', 'is distinct from', 'ok'), eb('last_started_at', '<=', dueBefore)]))
    .returning('job_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function finishJob(db: Kysely<DB>, options: { jobId: string; now: Date; error: string | null; result: unknown }): Promise<void> {
  const failed = options.error !== null;
  await db
    .updateTable('job_runs')
    .set({
      lease_until: null,
      last_finished_at: options.now,
      last_status: failed ? 'failed' : 'ok',
      last_error: options.error,
      last_result: options.result === undefined ? null : JSON.stringify(options.result),
      runs: sql<number>`runs + 1`,
      failures: failed ? sql<number>`failures + 1` : sql<number>`failures`,
      consecutive_failures: failed ? sql<number>`consecutive_failures + 1` : 0,
    })
    .where('job_id', '=', options.jobId)
    .execute();
}

export const listJobRuns = (db: Kysely<DB>) => db.selectFrom('job_runs').selectAll().orderBy('job_id').execute();
