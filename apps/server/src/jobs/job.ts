/**
 * A background job is data: an id, the zod schema of its payload, how often it runs, and a
 * handler. Handlers must be idempotent (a run may be repeated after a crash or a failure: the
 * runner retries a failed job on its next tick), and take "now" from ctx.now() so that tests can
 * run them at a fixed instant.
 */
import type { z } from 'zod';
import type { ServerContext } from '../context.ts';

export type JobResult = Record<string, string | number | boolean | null>;

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Stable kebab-case id: the key of its row in job_runs. */
  id: string;
  description: string;
  /** Payload schema; a scheduled run parses `{}`, so give every field a default. */
  payload: S;
  schedule: { everySeconds: number };
  /** How long a run may take before another worker may start the job again. */
  leaseSeconds?: number;
  // Method syntax: a list of jobs with different payloads is still a JobDefinition[].
  handler(ctx: ServerContext, payload: z.output<S>): Promise<JobResult>;
};

export const defineJob = <S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> => job;

/** Runs a job once with the given payload (validated), outside the schedule: for tests and manual runs. */
export async function runJobOnce<S extends z.ZodType>(ctx: ServerContext, job: JobDefinition<S>, payload: unknown = {}): Promise<JobResult> {
  return job.handler(ctx, job.payload.parse(payload));
}
