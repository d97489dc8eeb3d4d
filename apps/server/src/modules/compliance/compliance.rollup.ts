/**
 * Keeping computed periods exact as the record and the tree change, inside the writing
 * transaction, so that the stored rows always equal a computation from scratch
 * (compliance.compute.ts) — which the tests check after every kind of change.
 *
 * The stored figures are, per computed period: a status row for every organisation that existed in
 * it, and a totals row for every such organisation with a sub-organisation that existed in it,
 * holding the sum of the status shares of its whole subtree (itself included). So:
 * - a changed activity re-judges its organisation for the month, quarter and year of the day held
 *   (before and after the change) and adds the difference of its share to the totals of the
 *   organisation and its ancestors (`activityChanged`);
 * - an organisation created, deactivated, given a committee, a corrected founding day or a central
 *   group is re-judged for every computed period the same way; rows appear or go where it came
 *   into or out of existence, and its parent's totals row is created or removed when the parent
 *   gains its first or loses its last sub-organisation (`treeChanged`);
 * - a moved subtree keeps its own rows (the paths follow by trigger); its total leaves the old
 *   ancestors and joins the new ones — only those not common to both (`treeChanged` with
 *   `movedFrom`);
 * - a new rule set re-judges the computed periods it reaches, which are those with a month
 *   beginning on or after its effective day (`ruleSetAdded`).
 * The differences are added with commutative updates (repo.addToTotals). See repo.ts for the locks.
 */
import type { Transaction } from 'kysely';
import type { ServerContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { ActivityChange } from '../activities/activity-changed.ts';
import { computePeriodsIn } from './compliance.compute.ts';
import {
  addInto,
  addJudgement,
  attendanceIn,
  contributionOfStatus,
  contributionOfTotals,
  emptyContribution,
  existedIn,
  isZero,
  Judge,
  parentPath,
  pathPrefixes,
  periodInfo,
  periodsOfDay,
  statusJson,
  totalsJson,
  verdictSetJson,
  type Contribution,
  type OrgFacts,
  type PeriodInfo,
} from './compliance.figures.ts';
import * as repo from './compliance.repo.ts';
import { loadSets } from './compliance.rule-sets.ts';

type Ctx = Pick<ServerContext, 'config'>;

/** What changed in the tree: one organisation's own facts, or (with `movedFrom`, its old path) where its subtree sits. */
export type TreeChange = { orgId: string; movedFrom?: string };

/** Differences to add to totals rows, one per organisation and period. */
class Deltas {
  private readonly byRow = new Map<string, { orgId: string; key: string; c: Contribution }>();

  add(orgId: string, key: string, c: Contribution, sign: 1 | -1 = 1): void {
    const id = `${orgId}|${key}`;
    let d = this.byRow.get(id);
    if (!d) this.byRow.set(id, (d = { orgId, key, c: emptyContribution() }));
    addInto(d.c, c, sign);
  }

  async apply(trx: Transaction<DB>): Promise<void> {
    const rows = [...this.byRow.values()].filter((d) => !isZero(d.c)).map((d) => totalsJson(d.orgId, d.key, d.c));
    await repo.addToTotals(trx, `[${rows.join(',')}]`);
  }
}

/**
 * Judges one organisation again for these periods from the record, writes its status rows (and
 * removes those of periods it no longer existed in), and returns the difference of its own share
 * per period. Its status rows are locked first: two changes of one organisation's figures take
 * turns, and the second reads the record as the first left it.
 */
async function rejudge(trx: Transaction<DB>, judge: Judge, org: OrgFacts, periods: PeriodInfo[]): Promise<Map<string, Contribution>> {
  const keys = periods.map((p) => p.key);
  const before = new Map((await repo.statusesOf(trx, [org.id], keys, { lock: true })).map((s) => [s.period, s]));
  const first = periods.reduce((m, p) => (p.first < m ? p.first : m), periods[0]!.first);
  const last = periods.reduce((m, p) => (p.last > m ? p.last : m), periods[0]!.last);
  const counts = await repo.orgMonthCounts(trx, { orgId: org.id, first, last });
  const attendance = await repo.orgMonthAttendance(trx, { orgId: org.id, first, last });
  const deactivatedOn = judge.deactivatedOn(org);
  const written: string[] = [];
  const sets = new Map<string, string>();
  const gone: string[] = [];
  const deltas = new Map<string, Contribution>();
  for (const p of periods) {
    const delta = emptyContribution();
    const old = before.get(p.key);
    if (existedIn(org, p)) {
      const j = judge.judge(org, p, counts, deactivatedOn);
      const a = attendanceIn(p, attendance);
      written.push(statusJson(org.id, org.path, p.key, j, a));
      sets.set(j.hash, verdictSetJson(j));
      addJudgement(delta, j, a);
    } else if (old) {
      gone.push(p.key);
    }
    if (old) addInto(delta, contributionOfStatus(old), -1);
    deltas.set(p.key, delta);
  }
  if (sets.size > 0) await repo.writeVerdictSets(trx, `[${[...sets.values()].join(',')}]`);
  if (written.length > 0) await repo.writeStatuses(trx, `[${written.join(',')}]`, { upsert: true });
  await repo.deleteStatuses(trx, org.id, gone);
  return deltas;
}

/** Adds each period's difference of an organisation's own share to the totals of the organisation and its ancestors. */
async function addUpTheChain(trx: Transaction<DB>, deltas: Deltas, org: OrgFacts, own: Map<string, Contribution>): Promise<void> {
  if ([...own.values()].every(isZero)) return;
  const chain = await repo.idsOfPaths(trx, pathPrefixes(org.path));
  for (const [key, delta] of own) {
    if (isZero(delta)) continue;
    for (const a of chain) deltas.add(a.id, key, delta);
  }
}

/**
 * Keeps computed periods exact after an activity's record or attendance changed (called from
 * afterActivityChange, inside the writing transaction). Periods not computed yet are left alone:
 * they are computed in full when first asked for.
 */
export async function activityChanged(trx: Transaction<DB>, ctx: Ctx, change: ActivityChange): Promise<void> {
  const days = [change.before?.status === 'held' ? change.before.heldOn : null, change.after.status === 'held' ? change.after.heldOn : null].filter((d): d is string => d !== null);
  if (days.length === 0) return;
  const keys = [...new Set(days.flatMap(periodsOfDay))].sort();
  await repo.lockAll(trx, 'shared');
  await repo.lockPeriods(trx, keys, 'shared');
  const computed = await repo.computedAmong(trx, keys);
  const periods = keys.filter((k) => computed.has(k)).map((k) => periodInfo(k, ctx.config.timeZone));
  if (periods.length === 0) return;
  const judge = new Judge(await loadSets(trx), ctx.config.timeZone);
  const orgIds = [...new Set([change.before?.orgId, change.after.orgId].filter((id): id is string => Boolean(id)))];
  const deltas = new Deltas();
  for (const org of (await repo.orgFacts(trx, { ids: orgIds })).sort((a, b) => a.id.localeCompare(b.id))) {
    await addUpTheChain(trx, deltas, org, await rejudge(trx, judge, org, periods));
  }
  await deltas.apply(trx);
}

/**
 * Keeps every computed period exact after a change to the tree, in the transaction that made it
 * (after the organisation rows were written). Called by the organisation and central-group
 * services: `{ orgId }` when an organisation was created, deactivated, or had its committee,
 * founding day or central group changed; `{ orgId, movedFrom }` when its subtree moved from the
 * old path `movedFrom`.
 */
export async function treeChanged(trx: Transaction<DB>, ctx: Ctx, change: TreeChange): Promise<void> {
  await repo.lockAll(trx, 'exclusive');
  const periods = (await repo.listComputedPeriods(trx)).map((k) => periodInfo(k, ctx.config.timeZone));
  if (periods.length === 0) return;
  const [org] = await repo.orgFacts(trx, { ids: [change.orgId] });
  if (!org) return;
  const deltas = new Deltas();
  const settle = new Set<string>();
  if (change.movedFrom !== undefined) {
    if (change.movedFrom === org.path) return;
    const keys = periods.map((p) => p.key);
    const totals = new Map((await repo.totalsOf(trx, [org.id], keys)).map((t) => [t.period, t]));
    const statuses = new Map((await repo.statusesOf(trx, [org.id], keys)).map((s) => [s.period, s]));
    const oldChain = await repo.idsOfPaths(trx, pathPrefixes(change.movedFrom).slice(0, -1));
    const newChain = await repo.idsOfPaths(trx, pathPrefixes(org.path).slice(0, -1));
    const oldIds = new Set(oldChain.map((a) => a.id));
    const newIds = new Set(newChain.map((a) => a.id));
    for (const p of periods) {
      const t = totals.get(p.key);
      const subtree = t ? contributionOfTotals(t) : contributionOfStatus(statuses.get(p.key));
      if (isZero(subtree)) continue;
      for (const id of oldIds) if (!newIds.has(id)) deltas.add(id, p.key, subtree, -1);
      for (const id of newIds) if (!oldIds.has(id)) deltas.add(id, p.key, subtree, 1);
    }
    const oldParent = oldChain.find((a) => a.path === parentPath(change.movedFrom!));
    if (oldParent) settle.add(oldParent.id);
  } else {
    const judge = new Judge(await loadSets(trx), ctx.config.timeZone);
    await addUpTheChain(trx, deltas, org, await rejudge(trx, judge, org, periods));
    settle.add(org.id);
  }
  if (org.parent_id) settle.add(org.parent_id);
  await deltas.apply(trx);
  for (const id of [...settle].sort()) await settleTotalsRows(trx, id, periods);
}

/**
 * Creates or removes an organisation's totals rows where it gained its first or lost its last
 * sub-organisation in a period. A new row is summed from the organisation's own status and its
 * children's subtree shares (their totals rows, or their status rows for leaves), which are exact
 * at this point.
 */
async function settleTotalsRows(trx: Transaction<DB>, orgId: string, periods: PeriodInfo[]): Promise<void> {
  const [org] = await repo.orgFacts(trx, { ids: [orgId] });
  if (!org) return;
  const children = await repo.orgFacts(trx, { parentId: orgId });
  const keys = periods.map((p) => p.key);
  const has = new Set((await repo.totalsOf(trx, [orgId], keys)).map((t) => t.period));
  const create: PeriodInfo[] = [];
  const remove: string[] = [];
  for (const p of periods) {
    const should = existedIn(org, p) && children.some((c) => existedIn(c, p));
    if (should && !has.has(p.key)) create.push(p);
    if (!should && has.has(p.key)) remove.push(p.key);
  }
  await repo.deleteTotals(trx, orgId, remove);
  if (create.length === 0) return;
  const createKeys = create.map((p) => p.key);
  const ids = [orgId, ...children.map((c) => c.id)];
  const statusBy = new Map((await repo.statusesOf(trx, ids, createKeys)).map((s) => [`${s.org_id}|${s.period}`, s]));
  const totalsBy = new Map((await repo.totalsOf(trx, ids, createKeys)).map((t) => [`${t.org_id}|${t.period}`, t]));
  const rows = create.map((p) => {
    const sum = contributionOfStatus(statusBy.get(`${orgId}|${p.key}`));
    for (const c of children) {
      if (!existedIn(c, p)) continue;
      const t = totalsBy.get(`${c.id}|${p.key}`);
      addInto(sum, t ? contributionOfTotals(t) : contributionOfStatus(statusBy.get(`${c.id}|${p.key}`)));
    }
    return totalsJson(orgId, p.key, sum);
  });
  await repo.writeTotals(trx, `[${rows.join(',')}]`);
}

/** The first day of the first month that begins on or after a day. */
function firstMonthFrom(day: string): string {
  if (day.endsWith('-01')) return day;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

/**
 * After a new rule set was stored (in the same transaction): judges again, for every
 * organisation, the computed periods it reaches. A month, quarter or year is judged month by
 * month, quarter by quarter, by the set in effect on each sub-period's first day, so the set
 * reaches exactly the periods with a month beginning on or after its effective day — the current
 * year, quarter and month at most, since that day is after today, and any later period someone
 * asked for. Earlier periods keep their verdicts. Returns the periods judged again.
 */
export async function ruleSetAdded(trx: Transaction<DB>, ctx: Ctx, effectiveFrom: string): Promise<string[]> {
  await repo.lockAll(trx, 'exclusive');
  const from = firstMonthFrom(effectiveFrom);
  const reached = (await repo.listComputedPeriods(trx)).filter((k) => periodInfo(k, ctx.config.timeZone).last >= from);
  if (reached.length > 0) await computePeriodsIn(trx, ctx, reached, await loadSets(trx));
  return reached;
}
