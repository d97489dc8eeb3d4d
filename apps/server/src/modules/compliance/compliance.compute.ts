/**
 * Computing periods from scratch for every organisation of the deployment: on the first request
 * for a period, by recompute (a year's 17 periods), and for the periods a new rule set reaches.
 *
 * One pass serves any number of periods. The held activities and the attendance of the whole
 * range are counted once per organisation and local month, in two grouped scans
 * (repo.prepareMonthFigures); a quarter's or a year's figures are sums of its months (counts and
 * person-times add up). The organisations are then read page by page in path order — a depth-first
 * walk of the tree — judged for each period (memoised: most organisations are in one of a few
 * thousand situations), and their status rows written in batches as they go. The subtree totals
 * are folded up the walk: a stack holds the open ancestors' sums, and an organisation's sum is
 * written and added to its parent's when the walk leaves its subtree. Memory stays bounded by a
 * page, a batch and the depth of the tree, whatever the size of the deployment.
 */
import type { RuleSet } from '@pioneer/domain';
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import { addInto, addJudgement, attendanceIn, emptyContribution, existedIn, Judge, periodInfo, statusJson, totalsJson, verdictSetJson, type Contribution, type Judgement, type MonthAttendance, type MonthCount, type OrgFacts, type PeriodInfo } from './compliance.figures.ts';
import * as repo from './compliance.repo.ts';
import { loadSets } from './compliance.rule-sets.ts';

type Ctx = Pick<ServerContext, 'db' | 'config'>;

/** Organisations read per page. */
const PAGE = 5_000;
/** Rows written per INSERT (a JSON document of a few MB). */
const BATCH = 4_000;

/** Where the time of a computation went (ms): month figures, deleting old rows, reading pages, judging and folding, writing rows. */
export type ComputePhases = { prepare: number; delete: number; read: number; judge: number; write: number };
export type ComputeResult = { periods: string[]; organisations: number; ms: number; phases: ComputePhases };

/** Adds the time `work` takes to `phases[name]`. */
async function phase<T>(phases: ComputePhases, name: keyof ComputePhases, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[name] += performance.now() - started;
  }
}

/** Collects rows as JSON text and writes them in batches. */
class BatchWriter {
  private statuses: string[] = [];
  private totals: string[] = [];
  private sets: string[] = [];
  private readonly known = new Set<string>();
  constructor(private readonly trx: Transaction<DB>) {}

  status(orgId: string, path: string, key: string, j: Judgement, a: { expected: number; present: number }): void {
    if (!this.known.has(j.hash)) {
      this.known.add(j.hash);
      this.sets.push(verdictSetJson(j));
    }
    this.statuses.push(statusJson(orgId, path, key, j, a));
  }

  total(orgId: string, key: string, c: Contribution): void {
    this.totals.push(totalsJson(orgId, key, c));
  }

  async flush(all: boolean): Promise<void> {
    // Verdict sets first: every status row written refers to one.
    if (this.sets.length > 0 && (all || this.statuses.length >= BATCH)) await repo.writeVerdictSets(this.trx, `[${this.sets.splice(0).join(',')}]`);
    while (this.statuses.length >= BATCH || (all && this.statuses.length > 0)) {
      await repo.writeStatuses(this.trx, `[${this.statuses.splice(0, BATCH).join(',')}]`, { upsert: false });
    }
    while (this.totals.length >= BATCH || (all && this.totals.length > 0)) {
      await repo.writeTotals(this.trx, `[${this.totals.splice(0, BATCH).join(',')}]`);
    }
  }
}

/** An organisation on the walk's stack: its subtree's sums so far, per period (null where it did not exist). */
type Open = { id: string; path: string; sums: Array<Contribution | null>; hasChild: boolean[] };

/**
 * Computes the given periods for every organisation, replacing their rows, in the caller's
 * transaction (which must not hold rows of these periods in a state it still needs).
 */
export async function computePeriodsIn(trx: Transaction<DB>, ctx: Pick<ServerContext, 'config'>, keys: string[], sets: RuleSet[]): Promise<{ organisations: number; phases: ComputePhases }> {
  const phases: ComputePhases = { prepare: 0, delete: 0, read: 0, judge: 0, write: 0 };
  const periods = [...new Set(keys)].sort().map((k) => periodInfo(k, ctx.config.timeZone));
  if (periods.length === 0) return { organisations: 0, phases };
  const judge = new Judge(sets, ctx.config.timeZone);
  const first = periods.reduce((m, p) => (p.first < m ? p.first : m), periods[0]!.first);
  const last = periods.reduce((m, p) => (p.last > m ? p.last : m), periods[0]!.last);
  const since = periods.reduce((m, p) => (p.since < m ? p.since : m), periods[0]!.since);

  await phase(phases, 'prepare', () => repo.prepareMonthFigures(trx, { first, last }));
  await phase(phases, 'delete', () =>
    repo.deletePeriodRows(
      trx,
      periods.map((p) => p.key),
    ),
  );
  const writer = new BatchWriter(trx);
  const stack: Open[] = [];

  // Leaves the subtree on top of the stack: writes its totals where it has sub-organisations and
  // adds its sums into the nearest open ancestor that existed in the period (its parent: an
  // organisation cannot outlive its parent, which must be active while it is).
  const close = () => {
    const done = stack.pop()!;
    periods.forEach((p, i) => {
      const sum = done.sums[i];
      if (!sum) return;
      if (done.hasChild[i]) writer.total(done.id, p.key, sum);
      for (let a = stack.length - 1; a >= 0; a--) {
        const target = stack[a]!.sums[i];
        if (!target) continue;
        addInto(target, sum);
        stack[a]!.hasChild[i] = true;
        break;
      }
    });
  };

  let organisations = 0;
  for (let after = ''; ; ) {
    const page = await phase(phases, 'read', () => repo.preparedPage(trx, { since, after, limit: PAGE }));
    if (page.length === 0) break;
    after = page[page.length - 1]!.org.path;
    const started = performance.now();
    for (const { org, counts, attendance } of page) {
      while (stack.length > 0 && !org.path.startsWith(stack[stack.length - 1]!.path)) close();
      stack.push({ id: org.id, path: org.path, sums: judgeAll(judge, writer, org, periods, counts, attendance), hasChild: periods.map(() => false) });
      organisations++;
    }
    phases.judge += performance.now() - started;
    await phase(phases, 'write', () => writer.flush(false));
  }
  const started = performance.now();
  while (stack.length > 0) close();
  phases.judge += performance.now() - started;
  await phase(phases, 'write', () => writer.flush(true));
  await repo.markComputed(
    trx,
    periods.map((p) => p.key),
  );
  for (const k of Object.keys(phases) as Array<keyof ComputePhases>) phases[k] = Math.round(phases[k]);
  return { organisations, phases };
}

/** Judges one organisation for each period it existed in, writes its status rows and returns its own shares. */
function judgeAll(judge: Judge, writer: BatchWriter, org: OrgFacts, periods: PeriodInfo[], counts: MonthCount[], attendance: MonthAttendance[]): Array<Contribution | null> {
  const deactivatedOn = judge.deactivatedOn(org);
  return periods.map((p) => {
    if (!existedIn(org, p)) return null;
    const j = judge.judge(org, p, counts, deactivatedOn);
    const a = attendanceIn(p, attendance);
    writer.status(org.id, org.path, p.key, j, a);
    const own = emptyContribution();
    addJudgement(own, j, a);
    return own;
  });
}

/**
 * Computes periods in a transaction of their own (on first request, or recompute). With
 * `onlyMissing`, periods computed meanwhile by another request are left as they are.
 */
export async function computePeriods(ctx: Ctx, keys: string[], options: { onlyMissing: boolean }): Promise<ComputeResult> {
  const started = performance.now();
  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockAll(trx, 'shared');
    await repo.lockPeriods(trx, keys, 'exclusive');
    let todo = [...new Set(keys)].sort();
    if (options.onlyMissing) {
      const computed = await repo.computedAmong(trx, todo);
      todo = todo.filter((k) => !computed.has(k));
    }
    const { organisations, phases } = await computePeriodsIn(trx, ctx, todo, await loadSets(trx));
    return { periods: todo, organisations, ms: Math.round(performance.now() - started), phases };
  });
}
