/**
 * `npm run bench -- compliance`: compliance of organisational life on a generated province
 * (issue 3, item 14), on PostgreSQL.
 *
 * Data (support/province.ts, set-based): 300,000 organisations (working committee → ~100 county
 * committees → units → general branches → branches → party groups, central groups on the county
 * committees, the 党组 and some 党委), ~2.6 million members as people rows, a year (2026) of held
 * activities with some missing so that verdicts vary, and who attended each of them
 * (activity_attendees: the compliance module's attendance rates are counted from those rows).
 * "Now" is 6 January 2027, 10:00 in Asia/Shanghai.
 *
 * Measured:
 * 1. recomputeYear({ year: 2026 }) from compliance.service.ts: every organisation's verdicts for
 *    the 12 months, 4 quarters and the year, and the subtree totals, in one pass (peak memory of
 *    the process too).
 * 2. The subtree dashboard as the web page loads it, over HTTP through the real app (app.inject with
 *    a committee officer's session): GET /api/v1/compliance/summary (period 2026),
 *    /compliance/shortfalls (first page of 20), /compliance/trend (12 months to 2026-12); for the
 *    root and for one county; each request timed, the three one after the other (the sum is the
 *    figure held to the target, p95 ≤ 100 ms) and the three at once, as the page sends them; and a
 *    page of the root's shortfalls half-way through the list (a deep OFFSET).
 *    EXPLAIN (ANALYZE, BUFFERS) of every statement they run is kept in the result's details.
 * 3. The first request for a period nobody asked for yet (2027-01, then the year 2027): what the
 *    first dashboard of a new month or year waits for while the period is computed.
 * 4. Changes to the tree through the organisation service, each in its own transaction with the
 *    compliance update it carries (treeChanged): a unit moved from one county to another, a branch
 *    created (founded 1 October 2026, so judged in Q4), a branch given a committee, the created
 *    branch deactivated — then the stored rows of the organisations touched, their ancestors and a
 *    random sample are compared with a computation from scratch of 2026-Q4 and 2027-01.
 * 5. The cost of one new activity record on the rollups: activityChanged (what afterActivityChange
 *    calls) timed inside the transaction of an inserted held activity with its attendees, for
 *    branches that lacked that month's theme party day (the verdict changes and the ancestors'
 *    totals are updated) and for branches that had one; and recordActivity from the activities
 *    service end to end (plan, untimed; then record: attendees derived, ledger, make-up, rollups).
 * 6. A new rule set effective 1 February 2027 (createRuleSet): the computed periods it reaches
 *    (the year 2027) are judged again for every organisation in its transaction.
 *
 * PostgreSQL: BENCH_DATABASE_URL / --databaseUrl (a throwaway database is created and dropped), or
 * else a throwaway cluster of scripts/pg-test-cluster.sh. A full run needs ~25 GB of disk.
 *
 * Options: --orgs 300000 --calls 200 --records 200 --changes 5 --seed 2026
 *          --quick (6,000 organisations, 50 calls, 40 records, 3 changes)
 *          --keep (with BENCH_DATABASE_URL: leave the loaded database and print its URL)
 *          --reuse <postgres URL of a database kept earlier> (skip generating and loading; the
 *            compliance rows, the 2027 periods and the benchmark's rule sets are reset first, the
 *            tree keeps the changes of earlier runs)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import v8 from 'node:v8';
import { defaultRuleSet } from '@pioneer/domain';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServerContext } from '../apps/server/src/context.ts';
import { openDatabase, type DatabaseHandle } from '../apps/server/src/db/database.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import { createRandom } from '../apps/server/src/demo/generate.ts';
import { createActivity, recordActivity } from '../apps/server/src/modules/activities/activities.service.ts';
import type { Actor } from '../apps/server/src/lib/actor.ts';
import { createPii } from '../apps/server/src/lib/pii.ts';
import { loadSession } from '../apps/server/src/modules/auth/session.ts';
import { computePeriods } from '../apps/server/src/modules/compliance/compliance.compute.ts';
import { activityChanged, createRuleSet, recomputeYear, treeChanged } from '../apps/server/src/modules/compliance/compliance.service.ts';
import { moveSubtree, pathSegment } from '../apps/server/src/modules/orgs/orgs.repo.ts';
import { createOrg, deactivateOrg, moveOrg, updateOrg } from '../apps/server/src/modules/orgs/orgs.service.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { captureQueries, explainAll } from './support/plans.ts';
import { generateProvince, insertAttendees, insertPeople, insertProvince, insertYearOfActivities, loadProvince, type Province } from './support/province.ts';
import { accountWithSession, type BenchSession } from './support/sessions.ts';
import { latency, ms, timed, type Latency } from './support/stats.ts';
import { pgliteTarget, postgresTarget, type Target } from './support/targets.ts';

const YEAR = 2026;
const NOW = new Date(`${YEAR + 1}-01-06T02:00:00Z`);
const TARGET_P95_MS = 100;
const WARM_UP_CALLS = 10;
const POSTGRES_POOL = 10;

const seconds = (msValue: number) => Math.round(msValue / 100) / 10;

/** The page's three requests for one organisation. */
const dashboardUrls = (orgId: string) => ({
  summary: `/api/v1/compliance/summary?orgId=${orgId}&period=${YEAR}`,
  shortfalls: `/api/v1/compliance/shortfalls?orgId=${orgId}&period=${YEAR}&page=1&pageSize=20`,
  trend: `/api/v1/compliance/trend?orgId=${orgId}&month=${YEAR}-12`,
});

type DashboardFigures = { summary: Latency; shortfalls: Latency; trend: Latency; sequential: Latency; together: Latency; deepPage: Latency; deepPageNo: number; shortfallTotal: number; orgsJudged: number };

async function get(app: FastifyInstance, officer: BenchSession, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res;
}

async function measureDashboard(app: FastifyInstance, officer: BenchSession, orgId: string, calls: number): Promise<DashboardFigures> {
  const urls = dashboardUrls(orgId);
  for (let i = 0; i < WARM_UP_CALLS; i++) for (const url of Object.values(urls)) await get(app, officer, url);
  const samples = { summary: [] as number[], shortfalls: [] as number[], trend: [] as number[], sequential: [] as number[], together: [] as number[] };
  for (let i = 0; i < calls; i++) {
    let sum = 0;
    for (const key of ['summary', 'shortfalls', 'trend'] as const) {
      const t = await timed(() => get(app, officer, urls[key]));
      samples[key].push(t.ms);
      sum += t.ms;
    }
    samples.sequential.push(sum);
  }
  for (let i = 0; i < calls; i++) {
    samples.together.push((await timed(() => Promise.all(Object.values(urls).map((url) => get(app, officer, url))))).ms);
  }
  const summary = (await get(app, officer, urls.summary)).json() as { orgsJudged: number };
  const shortfalls = (await get(app, officer, urls.shortfalls)).json() as { total: number };
  // A page half-way through the list: the cost of OFFSET in the shortfall index.
  const deepPageNo = Math.max(1, Math.ceil(shortfalls.total / 20 / 2));
  const deepUrl = `/api/v1/compliance/shortfalls?orgId=${orgId}&period=${YEAR}&page=${deepPageNo}&pageSize=20`;
  const deep: number[] = [];
  for (let i = 0; i < Math.min(calls, 50); i++) deep.push((await timed(() => get(app, officer, deepUrl))).ms);
  return {
    deepPage: latency(deep),
    deepPageNo,
    summary: latency(samples.summary),
    shortfalls: latency(samples.shortfalls),
    trend: latency(samples.trend),
    sequential: latency(samples.sequential),
    together: latency(samples.together),
    shortfallTotal: shortfalls.total,
    orgsJudged: summary.orgsJudged,
  };
}

/** Statements the three requests run, with their plans, from one extra call on a capturing copy of the app. */
async function dashboardPlans(ctx: ServerContext, handle: DatabaseHandle, officer: BenchSession, orgId: string) {
  const capture = captureQueries(handle.db);
  const app = await buildApp({ ...ctx, db: capture.db });
  try {
    const out: Record<string, Awaited<ReturnType<typeof explainAll>>> = {};
    for (const [name, url] of Object.entries(dashboardUrls(orgId))) {
      capture.queries.length = 0;
      await get(app, officer, url);
      out[name] = await explainAll(handle.db, [...capture.queries]);
    }
    return out;
  } finally {
    await app.close();
  }
}

/** VACUUM ANALYZE as autovacuum would after a bulk load, so the plans are those of a settled database. */
async function settle(db: Kysely<DB>, tables: string[]) {
  for (const table of tables) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
}

/**
 * Peak resident memory and V8 heap of this process while `work` runs (sampled every 100 ms), to
 * compare with the heap limit a server process gets (v8 heap_size_limit, ~4 GiB by default here).
 */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMiB: number; peakHeapMiB: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  try {
    const value = await work();
    sample();
    return { value, peakRssMiB: Math.round(rss / 2 ** 20), peakHeapMiB: Math.round(heap / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

type RecordFigures = { hookGap: Latency; hookNoGap: Latency; hookAll: Latency; service: Latency };

/**
 * Branches drawn evenly from the province, each with a month of the year that lacked a theme
 * party day when there is one (a record there changes the verdict), else December.
 */
async function sampleBranches(db: Kysely<DB>, province: Province, count: number, seed: string) {
  const rng = createRandom(`${seed}|records`);
  const branches = province.orgs.filter((o) => o.kind === 'branch' && o.establishedOn < `${YEAR}-01-01`);
  const picked = Array.from({ length: count }, () => branches[rng.int(0, branches.length - 1)]!);
  const held = await sql<{ org_id: string; month: number }>`
    select org_id, extract(month from held_on)::int as month from activities
    where org_id = any(${picked.map((b) => b.id)}::uuid[]) and kind = 'theme_party_day' and status = 'held'`.execute(db);
  const monthsHeld = new Map<string, Set<number>>();
  for (const r of held.rows) monthsHeld.set(r.org_id, (monthsHeld.get(r.org_id) ?? new Set()).add(r.month));
  return picked.map((b) => {
    const missing = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => !monthsHeld.get(b.id)?.has(m));
    const month = missing.length ? missing[rng.int(0, missing.length - 1)]! : 12;
    return { orgId: b.id, month, fillsGap: missing.length > 0 };
  });
}

async function measureRecords(ctx: ServerContext, province: Province, officer: BenchSession, records: number, seed: string): Promise<RecordFigures> {
  const gap: number[] = [];
  const noGap: number[] = [];
  // activityChanged alone, in the transaction of a held activity written as the record path writes it.
  for (const s of await sampleBranches(ctx.db, province, records, seed)) {
    const heldOn = `${YEAR}-${String(s.month).padStart(2, '0')}-20`;
    const start = new Date(`${heldOn}T01:00:00Z`);
    await ctx.db.transaction().execute(async (trx) => {
      const [activity] = (
        await sql<{ id: string; org_path: string }>`
          insert into activities (id, org_id, org_path, kind, status, topic, planned_start, actual_start, actual_end, held_on, study_form)
          select gen_random_uuid(), o.id, o.path, 'theme_party_day', 'held', '主题党日（补录）', ${start}, ${start}, ${new Date(start.getTime() + 7_200_000)}, ${heldOn}::date, 'collective_study'
          from organizations o where o.id = ${s.orgId}
          returning id, org_path`.execute(trx)
      ).rows;
      await sql`
        insert into activity_attendees (activity_id, person_id, role, voting, status, marked_via, updated_at)
        select ${activity!.id}::uuid, p.id, 'expected', p.category = 'full', 'present', 'secretary', now()
        from people p where p.org_path like ${`${activity!.org_path}%`} and p.category in ('full', 'probationary') and p.status = 'normal'`.execute(trx);
      const t = await timed(() =>
        activityChanged(trx, ctx, {
          activityId: activity!.id,
          before: { status: 'planned', heldOn: null, kind: 'theme_party_day', orgId: s.orgId },
          after: { status: 'held', heldOn, kind: 'theme_party_day', orgId: s.orgId },
          attendanceChanged: true,
          actorUserId: officer.userId,
        }),
      );
      (s.fillsGap ? gap : noGap).push(t.ms);
    });
  }
  // The whole record through the activities service: planned (untimed), then recorded as held.
  const actor = (await loadSession(ctx, officer.cookie.split('=')[1]!))!.actor;
  const service: number[] = [];
  for (const s of await sampleBranches(ctx.db, province, records, `${seed}|service`)) {
    const day = `${YEAR}-${String(s.month).padStart(2, '0')}-21`;
    const planned = await createActivity(ctx, {
      actor,
      ip: '127.0.0.1',
      input: { orgId: s.orgId, kind: 'theme_party_day', topic: '主题党日（补录）', plannedStart: `${day}T09:00:00+08:00`, plannedEnd: `${day}T11:00:00+08:00`, studyForm: 'collective_study' },
    });
    // A record says who attended (the service refuses one leaving anyone unmarked): all present.
    const attendance = planned.attendees.filter((a) => a.role === 'expected').map((a) => ({ personId: a.personId, status: 'present' as const }));
    const t = await timed(() =>
      recordActivity(ctx, {
        actor,
        ip: '127.0.0.1',
        id: planned.id,
        input: { version: planned.version, actualStart: `${day}T09:00:00+08:00`, actualEnd: `${day}T11:00:00+08:00`, attendance },
      }),
    );
    service.push(t.ms);
  }
  return { hookGap: latency(gap), hookNoGap: latency(noGap), hookAll: latency([...gap, ...noGap]), service: latency(service) };
}

type ChangeFigures = { move: Latency; moveCompliance: Latency; create: Latency; committee: Latency; deactivate: Latency; touched: string[]; moved: Array<{ name: string; orgs: number }> };

class RolledBack extends Error {}

/**
 * The compliance part of a move alone: the subtree's paths rewritten as orgs.service moveOrg does
 * (orgs.repo moveSubtree, with every module's path triggers), then treeChanged timed, then all
 * rolled back.
 */
async function complianceShareOfMove(ctx: ServerContext, unitId: string, parentId: string): Promise<number> {
  let share = 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const org = await trx.selectFrom('organizations').selectAll().where('id', '=', unitId).executeTakeFirstOrThrow();
      const parent = await trx.selectFrom('organizations').selectAll().where('id', '=', parentId).executeTakeFirstOrThrow();
      const newPath = `${parent.path}${pathSegment(org.seq)}/`;
      await moveSubtree(trx, { oldPath: org.path, newPath, depthDelta: parent.depth + 1 - org.depth, orgId: org.id, newParentId: parent.id, now: NOW });
      share = (await timed(() => treeChanged(trx, ctx, { orgId: org.id, movedFrom: org.path }))).ms;
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return share;
}

/**
 * Changes to the tree through the organisation service (each its own transaction, audited, with
 * the compliance update inside): `count` units moved from the first county to the second, `count`
 * branches created under units of the third (founded 1 October 2026), `count` branches there given
 * a committee, and the created branches deactivated. Returns the organisations touched (for the
 * comparison with a computation from scratch).
 */
async function measureTreeChanges(ctx: ServerContext, province: Province, actor: Actor, count: number): Promise<ChangeFigures> {
  const ip = '127.0.0.1';
  const [c1, c2, c3] = province.counties.slice(0, 3).map((i) => province.orgs[i]!);
  const under = (parent: { id: string }) => province.orgs.filter((o) => o.parent >= 0 && province.orgs[o.parent]!.id === parent.id);
  const units = under(c1!).filter((o) => o.kind === 'party_committee');
  const hosts = under(c3!).filter((o) => o.kind === 'party_committee');
  const plain = hosts.flatMap((u) => under(u)).filter((o) => o.kind === 'branch' && !o.hasCommittee);
  if (units.length < count || hosts.length < count || plain.length < count) throw new Error('the province is too small for --changes');
  const touched = new Set<string>([province.orgs[0]!.id, c1!.id, c2!.id, c3!.id]);
  const samples = { move: [] as number[], moveCompliance: [] as number[], create: [] as number[], committee: [] as number[], deactivate: [] as number[] };
  const moved: ChangeFigures['moved'] = [];
  for (const unit of units.slice(0, count)) {
    const { path } = await ctx.db.selectFrom('organizations').select('path').where('id', '=', unit.id).executeTakeFirstOrThrow();
    const size = await ctx.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).where('path', 'like', `${path}%`).executeTakeFirstOrThrow();
    samples.moveCompliance.push(await complianceShareOfMove(ctx, unit.id, c2!.id));
    samples.move.push((await timed(() => moveOrg(ctx, { actor, ip, id: unit.id, parentId: c2!.id }))).ms);
    moved.push({ name: unit.name, orgs: Number(size.n) });
    touched.add(unit.id);
  }
  const created: string[] = [];
  for (const [i, host] of hosts.slice(0, count).entries()) {
    const code = `BENCH-${crypto.randomBytes(4).toString('hex')}`;
    const t = await timed(() => createOrg(ctx, { actor, ip, input: { code, name: `${host.name}新建第${i + 1}党支部`, kind: 'branch', parentId: host.id, establishedOn: `${YEAR}-10-01`, hasCommittee: false } }));
    samples.create.push(t.ms);
    created.push(t.value.id);
    touched.add(t.value.id).add(host.id);
  }
  for (const branch of plain.slice(0, count)) {
    samples.committee.push((await timed(() => updateOrg(ctx, { actor, ip, id: branch.id, input: { hasCommittee: true } }))).ms);
    touched.add(branch.id).add(province.orgs[branch.parent]!.id);
  }
  for (const id of created) samples.deactivate.push((await timed(() => deactivateOrg(ctx, { actor, ip, id }))).ms);
  return { move: latency(samples.move), moveCompliance: latency(samples.moveCompliance), create: latency(samples.create), committee: latency(samples.committee), deactivate: latency(samples.deactivate), touched: [...touched], moved };
}

/**
 * Reads the stored rows of some organisations, computes the periods again from scratch (timed) and
 * reads them again: after the incremental changes they must be the same.
 */
async function verifyAgainstScratch(ctx: ServerContext, orgIds: string[], periods: string[]) {
  const read = async () => ({
    statuses: await ctx.db.selectFrom('org_period_status').selectAll().where('org_id', 'in', orgIds).where('period', 'in', periods).orderBy('org_id').orderBy('period').execute(),
    totals: await ctx.db.selectFrom('subtree_period_totals').selectAll().where('org_id', 'in', orgIds).where('period', 'in', periods).orderBy('org_id').orderBy('period').execute(),
  });
  const incremental = await read();
  const compute = await timed(() => computePeriods(ctx, periods, { onlyMissing: false }));
  const scratch = await read();
  const differing = [
    ...incremental.statuses.filter((r, i) => !isDeepStrictEqual(r, scratch.statuses[i])).map((r) => `status ${r.org_id} ${r.period}`),
    ...incremental.totals.filter((r, i) => !isDeepStrictEqual(r, scratch.totals[i])).map((r) => `totals ${r.org_id} ${r.period}`),
  ];
  if (incremental.statuses.length !== scratch.statuses.length || incremental.totals.length !== scratch.totals.length) differing.push('row counts differ');
  return { statuses: incremental.statuses.length, totals: incremental.totals.length, differing, computeMs: compute.ms, organisations: compute.value.organisations };
}

/** A database loaded earlier (--keep), reset to where a run starts: no compliance rows, no 2027 periods, no benchmark rule sets. */
async function reuseTarget(url: string): Promise<Target> {
  return {
    name: 'postgres',
    open: async (o) => {
      const handle = await openDatabase({ kind: 'postgres', url, max: o?.max ?? 4 });
      await migrateToLatest(handle.db as never);
      await sql`truncate org_period_status, subtree_period_totals, compliance_periods`.execute(handle.db);
      await sql`delete from compliance_rule_sets where version like 'bench-%'`.execute(handle.db);
      return handle;
    },
    cleanup: async () => {},
  };
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const quick = options.quick === true;
  const orgCount = Number(options.orgs ?? (quick ? 6_000 : 300_000));
  const calls = Number(options.calls ?? (quick ? 50 : 200));
  const records = Number(options.records ?? (quick ? 40 : 200));
  const changes = Number(options.changes ?? (quick ? 3 : 5));
  const seed = String(options.seed ?? '2026');
  const databaseUrl = typeof options.databaseUrl === 'string' ? options.databaseUrl : process.env.BENCH_DATABASE_URL;
  const reuse = typeof options.reuse === 'string' ? options.reuse : null;
  const keep = options.keep === true;
  const database = String(options.database ?? 'postgres');
  if (database !== 'postgres' && database !== 'pglite') throw new Error(`unknown database "${database}" (postgres, pglite)`);
  if (keep && (database !== 'postgres' || !databaseUrl)) throw new Error('--keep needs PostgreSQL at BENCH_DATABASE_URL (a throwaway cluster is stopped at the end)');

  const target = reuse ? await reuseTarget(reuse) : database === 'pglite' ? pgliteTarget() : await postgresTarget(databaseUrl, 'compliance');
  const log = (message: string) => console.log(`[compliance] ${message}`);
  try {
    const handle = await target.open({ max: POSTGRES_POOL });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
    try {
      await migrateToLatest(handle.db as never);
      const ctx: ServerContext = {
        config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir }),
        db: handle.db,
        pii: createPii(crypto.randomBytes(32)),
        log: pino({ level: 'silent' }),
        now: () => NOW,
      };
      const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]!.v;
      if (keep) {
        const url = new URL(databaseUrl!);
        url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(handle.db)).rows[0]!.name}`;
        log(`--keep: the database stays; rerun with --reuse ${url.toString()}`);
      }

      // --- data -------------------------------------------------------------------------------
      const load: Record<string, number> = {};
      let province: Province;
      let activitiesByKind: Record<string, number> = {};
      if (reuse) {
        province = await loadProvince(handle.db, YEAR);
        log(`reusing ${province.orgs.length} organisations in ${province.counties.length} counties`);
      } else {
        province = generateProvince({ orgs: orgCount, seed, year: YEAR });
        log(`${province.orgs.length} organisations`);
        load.organizations = (await timed(() => insertProvince(handle.db, province))).ms;
        const activities = await timed(() => insertYearOfActivities(handle.db, { year: YEAR, lastDay: `${YEAR}-12-31`, timeZone: ctx.config.timeZone }));
        load.activities = activities.ms;
        activitiesByKind = activities.value;
        log(`${Object.values(activities.value).reduce((s, n) => s + n, 0)} held activities in ${seconds(activities.ms)} s: ${JSON.stringify(activities.value)}`);
        const people = await timed(() => insertPeople(handle.db, province));
        load.people = people.ms;
        log(`${people.value} people in ${seconds(people.ms)} s`);
        const attendees = await timed(() =>
          insertAttendees(handle.db, province, (done, of) => {
            if (done % 10 === 0 || done === of) log(`attendees: ${done}/${of} counties`);
          }),
        );
        load.attendees = attendees.ms;
        log(`${attendees.value} attendee rows in ${seconds(attendees.ms)} s`);
        load.settle = (await timed(() => settle(handle.db, ['organizations', 'people', 'central_groups', 'central_group_members', 'activities', 'activity_attendees']))).ms;
      }
      const byKind: Record<string, number> = {};
      for (const o of province.orgs) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
      const counts = (
        await sql<{ activities: number; attendees: number; people: number; db: string }>`
          select (select count(*)::int from activities) as activities, (select count(*)::int from activity_attendees) as attendees,
                 (select count(*)::int from people) as people, pg_size_pretty(pg_database_size(current_database())) as db`.execute(handle.db)
      ).rows[0]!;
      log(`data settled (${counts.db}): ${JSON.stringify(byKind)}`);

      // --- full recomputation of the year ------------------------------------------------------
      const heapLimitMiB = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
      log(`recomputeYear(${YEAR})…`);
      const recompute = await withPeakMemory(() => timed(() => recomputeYear(ctx, { year: YEAR })));
      log(`recomputeYear: ${seconds(recompute.value.ms)} s for ${recompute.value.value.organisations} organisations, ${recompute.value.value.periods.length} periods; peak RSS ${recompute.peakRssMiB} MiB, peak heap ${recompute.peakHeapMiB} MiB of ${heapLimitMiB} MiB`);
      await settle(handle.db, ['org_period_status', 'subtree_period_totals', 'compliance_periods']);

      // --- dashboards, and periods computed on first request -----------------------------------
      const root = province.orgs[0]!;
      const county = province.orgs[province.counties[0]!]!;
      const officer = await accountWithSession(ctx, { username: `bench_officer_${crypto.randomBytes(3).toString('hex')}`, role: 'committee_officer', orgId: root.id });
      const actor = (await loadSession(ctx, officer.cookie.split('=')[1]!))!.actor;
      const app = await buildApp(ctx);
      let rootFigures: DashboardFigures;
      let countyFigures: DashboardFigures;
      let firstMonth: { ms: number };
      let firstYear: { ms: number };
      try {
        log(`dashboard of the root: ${calls} calls after ${WARM_UP_CALLS} warm-up calls`);
        rootFigures = await measureDashboard(app, officer, root.id, calls);
        log(`dashboard of ${county.name}: ${calls} calls`);
        countyFigures = await measureDashboard(app, officer, county.id, calls);
        // The first requests of a new month and year: the period is computed for every organisation.
        firstMonth = await timed(() => get(app, officer, `/api/v1/compliance/summary?orgId=${root.id}&period=${YEAR + 1}-01`));
        log(`summary of ${YEAR + 1}-01 on first request: ${seconds(firstMonth.ms)} s`);
        firstYear = await timed(() => get(app, officer, `/api/v1/compliance/summary?orgId=${root.id}&period=${YEAR + 1}`));
        log(`summary of ${YEAR + 1} on first request: ${seconds(firstYear.ms)} s`);
      } finally {
        await app.close();
      }
      const plans = { root: await dashboardPlans(ctx, handle, officer, root.id), county: await dashboardPlans(ctx, handle, officer, county.id) };

      // --- changes to the tree -----------------------------------------------------------------
      log(`changes to the tree: ${changes} of each kind`);
      const tree = await measureTreeChanges(ctx, province, actor, changes);
      log(`moves ${ms(tree.move.p50)} ms, creations ${ms(tree.create.p50)} ms, committees ${ms(tree.committee.p50)} ms, deactivations ${ms(tree.deactivate.p50)} ms (p50)`);
      const rng = createRandom(`${seed}|verify`);
      const sample = new Set(tree.touched);
      for (let i = 0; i < 200; i++) sample.add(province.orgs[rng.int(0, province.orgs.length - 1)]!.id);
      const verifyPeriods = [`${YEAR}-Q4`, `${YEAR + 1}-01`];
      const verify = await verifyAgainstScratch(ctx, [...sample], verifyPeriods);
      log(`verified against a computation from scratch of ${verifyPeriods.join(', ')} (${seconds(verify.computeMs)} s): ${verify.statuses} status and ${verify.totals} totals rows, ${verify.differing.length} differing`);
      if (verify.differing.length > 0) throw new Error(`incremental rows differ from a computation from scratch: ${verify.differing.slice(0, 20).join('; ')}`);

      // --- one new record ----------------------------------------------------------------------
      log(`${records} records through activityChanged, then ${records} through recordActivity`);
      const recordFigures = await measureRecords(ctx, province, officer, records, seed);

      // --- a new rule set ----------------------------------------------------------------------
      const ruleSet = await timed(() =>
        createRuleSet(ctx, { actor, ip: '127.0.0.1', input: { ruleSet: { ...defaultRuleSet, version: `bench-${YEAR + 1}.02`, effectiveFrom: `${YEAR + 1}-02-01` }, note: 'benchmark' } }),
      );
      log(`createRuleSet effective ${YEAR + 1}-02-01: ${seconds(ruleSet.ms)} s`);

      // --- report ------------------------------------------------------------------------------
      const db = `${target.name} ${version}`;
      const line = (what: string, l: Latency): Array<string | number> => [db, what, l.n, ms(l.p50), ms(l.p95), ms(l.max)];
      const once = (what: string, value: number): Array<string | number> => [db, what, 1, ms(value), ms(value), ms(value)];
      const rows: Array<Array<string | number>> = [once(`recomputeYear(${YEAR}): ${recompute.value.value.periods.length} periods × ${recompute.value.value.organisations} organisations, one pass`, recompute.value.ms)];
      for (const [label, f] of [
        ['root', rootFigures],
        [`county (${county.name})`, countyFigures],
      ] as const) {
        rows.push(
          line(`${label}: summary ${YEAR}`, f.summary),
          line(`${label}: shortfalls ${YEAR}, page 1 of ${Math.ceil(f.shortfallTotal / 20)} (${f.shortfallTotal} short)`, f.shortfalls),
          line(`${label}: trend, 12 months`, f.trend),
          line(`${label}: dashboard, the three in sequence`, f.sequential),
          line(`${label}: dashboard, the three at once`, f.together),
          line(`${label}: shortfalls ${YEAR}, page ${f.deepPageNo} (offset ${(f.deepPageNo - 1) * 20})`, f.deepPage),
        );
      }
      const movedSizes = tree.moved.map((m) => m.orgs).join(', ');
      rows.push(
        once(`summary of ${YEAR + 1}-01 on first request (the month computed for every organisation)`, firstMonth.ms),
        once(`summary of ${YEAR + 1} on first request (the year computed for every organisation)`, firstYear.ms),
        line(`tree: a unit moved to another county (subtrees of ${movedSizes} organisations), whole moveOrg`, tree.move),
        line('tree: the same moves, compliance part alone (treeChanged after the path rewrite, rolled back)', tree.moveCompliance),
        line(`tree: a branch created (founded ${YEAR}-10-01), whole createOrg`, tree.create),
        line('tree: a branch given a committee, whole updateOrg', tree.committee),
        line('tree: a branch deactivated, whole deactivateOrg', tree.deactivate),
        once(`from scratch: ${verifyPeriods.join(' and ')} computed again to check the incremental rows (${verify.statuses + verify.totals} rows compared, all equal)`, verify.computeMs),
        line('activityChanged: record fills a missing month (verdict changes)', recordFigures.hookGap),
        line('activityChanged: record in a month already met', recordFigures.hookNoGap),
        line('activityChanged: all records', recordFigures.hookAll),
        line('recordActivity (activities service, whole record)', recordFigures.service),
        once(`createRuleSet effective ${YEAR + 1}-02-01 (re-judges ${YEAR + 1} for every organisation)`, ruleSet.ms),
      );
      const worst = Math.max(rootFigures.sequential.p95, countyFigures.sequential.p95);
      const notes = [
        `${province.orgs.length} organisations in ${province.counties.length} counties, ${counts.people} people, ${counts.activities} held activities, ${counts.attendees} attendee rows; database ${counts.db}.${
          reuse
            ? ' Reused from an earlier run (--reuse).'
            : ` Loaded in ${Object.entries(load)
                .map(([k, v]) => `${k} ${seconds(v)} s`)
                .join(', ')}.`
        }`,
        `recomputeYear: ${seconds(recompute.value.ms)} s; peak RSS of the process ${recompute.peakRssMiB} MiB, peak V8 heap ${recompute.peakHeapMiB} MiB (heap limit of this process ${heapLimitMiB} MiB).`,
        `Dashboard over HTTP (app.inject, committee officer's session), ${calls} calls after ${WARM_UP_CALLS} warm-up calls; root: ${rootFigures.orgsJudged} organisations judged, ${rootFigures.shortfallTotal} short; county: ${countyFigures.orgsJudged} judged, ${countyFigures.shortfallTotal} short.`,
        `Target p95 ≤ ${TARGET_P95_MS} ms for the dashboard (three requests in sequence) on PostgreSQL: ${worst <= TARGET_P95_MS ? 'met' : 'MISSED'} (root ${ms(rootFigures.sequential.p95)} ms, county ${ms(countyFigures.sequential.p95)} ms).`,
        `Tree changes: ${changes} of each; the rows of ${sample.size} organisations (those touched, their ancestors' counties and root, and a random sample) in ${verifyPeriods.join(' and ')} equal a computation from scratch.`,
      ];
      return {
        title: `Compliance on a province of ${province.orgs.length.toLocaleString('en-US')} organisations (ms)`,
        columns: ['database', 'what', 'n', 'p50 ms', 'p95 ms', 'max ms'],
        rows,
        notes,
        details: {
          orgs: province.orgs.length,
          byKind,
          seed,
          year: YEAR,
          now: NOW.toISOString(),
          reused: reuse !== null,
          counts,
          activitiesByKind,
          loadMs: load,
          recompute: { ...recompute.value.value, measuredMs: recompute.value.ms, peakRssMiB: recompute.peakRssMiB, peakHeapMiB: recompute.peakHeapMiB, heapLimitMiB },
          dashboards: { root: { orgId: root.id, ...rootFigures }, county: { orgId: county.id, name: county.name, ...countyFigures } },
          firstRequestMs: { month: firstMonth.ms, year: firstYear.ms },
          tree: { ...tree, touched: tree.touched.length },
          verify: { ...verify, sample: sample.size, periods: verifyPeriods },
          records: recordFigures,
          ruleSetMs: ruleSet.ms,
          plans,
        },
      };
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    if (!keep) await target.cleanup();
  }
}
