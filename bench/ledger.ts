/**
 * `npm run bench -- ledger`: the study-hour ledger and training coverage (issue 4, item 11) on
 * PostgreSQL.
 *
 * Data (set-based): a generated province (support/province.ts) of about 35,000 organisations
 * holding ~300,000 people (secretaries, committee members, 12 % probationary), three years
 * (2024–2026) of credits — 6 per person and year from all sources, 2–8 hours each — inserted in
 * chunks through the table's triggers (so person_year_training is kept by them, as in production),
 * one centralised training for ~60 % of people each year, and a secretaries' rotation per year.
 * "Now" is 6 January 2027, 10:00 in Asia/Shanghai.
 *
 * Measured over HTTP through the real app (app.inject with a committee officer's session):
 * 1. The first coverage request of a year for the root: every organisation's row computed (cold).
 * 2. GET /api/v1/orgs/{id}/training-coverage?year=2026 for the root and for one county, warm
 *    (target p95 ≤ 50 ms).
 * 3. The same after one new credit each time (a raw insert into study_credits: the trigger marks the
 *    person's organisation stale and the request recomputes that one row).
 * 4. GET /api/v1/people/{id}/study-hours?year=2026 of random people (a person's ledger, target
 *    p95 ≤ 10 ms) and GET /people/{id}/training-progress.
 * 5. The missed and weak lists (GET /orgs/{id}/training-exceptions) of one county and of the root,
 *    first page and a deep page, and the root's weak list right after a new credit: no target in
 *    the issue; they page through the stored verdicts (training_flags).
 * 6. The refresh job (training-verdicts-refresh) after a quarter end: "now" set to 30 September
 *    2026 and every 2026 row recomputed, then to 1 October, when every organisation with someone
 *    behind the pace must be judged again; then back to January 2027 (the year end).
 * Then the rollup is compared with training_rollup_rebuild() on a sample of people, and every
 * organisation's stored subtree totals with a sum over its subtree (org_year_training_subtree_check).
 *
 * Options: --orgs 35000 --calls 200 --seed 2026 --quick (2,000 organisations, 50 calls)
 *          BENCH_DATABASE_URL / --databaseUrl as in bench/compliance.ts; --keep (with a database
 *          URL) leaves the loaded database for query plans and prints its URL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServerContext } from '../apps/server/src/context.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { refreshStoredVerdicts } from '../apps/server/src/modules/training-needs/training-needs.service.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import { createPii } from '../apps/server/src/lib/pii.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { generateProvince, insertPeople, insertProvince } from './support/province.ts';
import { accountWithSession, type BenchSession } from './support/sessions.ts';
import { latency, ms, timed, type Latency } from './support/stats.ts';
import { pgliteTarget, postgresTarget } from './support/targets.ts';

const YEAR = 2026;
const YEARS = [2024, 2025, 2026];
const NOW = new Date('2027-01-06T02:00:00Z');
const COVERAGE_P95_MS = 50;
const LEDGER_P95_MS = 10;
const WARM_UP = 10;
const CREDITS_PER_YEAR = 6;
const PEOPLE_CHUNK = 50_000;

const seconds = (x: number) => Math.round(x / 100) / 10;

async function get(app: FastifyInstance, officer: BenchSession, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res;
}

async function measure(work: (i: number) => Promise<unknown>, calls: number): Promise<Latency> {
  for (let i = 0; i < WARM_UP; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) samples.push((await timed(() => work(i))).ms);
  return latency(samples);
}

/** Three years of credits and completions, chunk by chunk of people, through the tables' triggers. */
async function insertTraining(db: Kysely<DB>, log: (m: string) => void): Promise<{ credits: number; completions: number }> {
  const ids = (await sql<{ id: string }>`select id from people order by id`.execute(db)).rows.map((r) => r.id);
  let credits = 0;
  let completions = 0;
  for (let start = 0; start < ids.length; start += PEOPLE_CHUNK) {
    const chunk = ids.slice(start, start + PEOPLE_CHUNK);
    for (const year of YEARS) {
      const c = await sql`
        insert into study_credits (id, person_id, org_id, org_path, year, credited_on, hours, source_type, source_id, description, created_at)
        select gen_random_uuid(), p.id, p.org_id, p.org_path, ${year}::int,
               make_date(${year}::int, 1 + (k * 2 - 1 + abs(hashint8(k)) % 2)::int, 1 + (abs(hashint8(p.seqn * 7 + k)) % 28)::int),
               (2 + abs(hashint8(p.seqn * 13 + k + ${year}::int)) % 7)::numeric,
               (array['activity', 'class_session', 'course', 'external', 'course', 'activity'])[k], null, '基准学时', now()
          from (select id, org_id, org_path, row_number() over (order by id) as seqn from people where id = any(${chunk}::uuid[])) p
         cross join generate_series(1, ${CREDITS_PER_YEAR}) as k`.execute(db);
      credits += Number(c.numAffectedRows ?? 0);
      const t = await sql`
        insert into training_completions (id, person_id, year, completed_on, kind, level, source_type, source_id, title, hours)
        select gen_random_uuid(), p.id, ${year}::int, make_date(${year}::int, 3 + (abs(hashint8(p.seqn)) % 8)::int, 15), 'external', 'county', 'bench', gen_random_uuid(), '基准集中培训', 8
          from (select id, row_number() over (order by id) as seqn from people where id = any(${chunk}::uuid[])) p
         where abs(hashint8(p.seqn * 31 + ${year}::int)) % 100 < 60`.execute(db);
      completions += Number(t.numAffectedRows ?? 0);
    }
    log(`credits and completions: ${Math.min(start + PEOPLE_CHUNK, ids.length)}/${ids.length} people`);
  }
  return { credits, completions };
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const quick = options.quick === true;
  const orgCount = Number(options.orgs ?? (quick ? 2_000 : 35_000));
  const calls = Number(options.calls ?? (quick ? 50 : 200));
  const seed = String(options.seed ?? '2026');
  const databaseUrl = typeof options.databaseUrl === 'string' ? options.databaseUrl : process.env.BENCH_DATABASE_URL;
  const database = String(options.database ?? 'postgres');
  const target = database === 'pglite' ? pgliteTarget() : await postgresTarget(databaseUrl, 'ledger');
  const log = (m: string) => console.log(`[ledger] ${m}`);
  const keep = options.keep === true;
  if (keep && (database !== 'postgres' || !databaseUrl)) throw new Error('--keep needs PostgreSQL at BENCH_DATABASE_URL or --databaseUrl (a throwaway cluster is stopped at the end)');
  try {
    const handle = await target.open({ max: 10 });
    let now = NOW;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
    try {
      await migrateToLatest(handle.db as never);
      if (keep) {
        const url = new URL(databaseUrl!);
        url.pathname = `/${(await sql<{ name: string }>`select current_database() as name`.execute(handle.db)).rows[0]!.name}`;
        log(`--keep: the database stays at ${url.toString()}`);
      }
      const ctx: ServerContext = {
        config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir }),
        db: handle.db,
        pii: createPii(crypto.randomBytes(32)),
        log: pino({ level: 'silent' }),
        now: () => now,
      };
      const load: Record<string, number> = {};
      const province = generateProvince({ orgs: orgCount, seed, year: YEAR });
      load.organizations = (await timed(() => insertProvince(handle.db, province))).ms;
      const people = await timed(() => insertPeople(handle.db, province));
      load.people = people.ms;
      log(`${province.orgs.length} organisations, ${people.value} people in ${seconds(people.ms)} s`);
      const root = province.orgs[0]!;
      const county = province.orgs[province.counties[0]!]!;
      const rootPath = (await sql<{ path: string }>`select path from organizations where id = ${root.id}`.execute(handle.db)).rows[0]!.path;
      for (const year of YEARS) {
        await sql`insert into training_rotations (id, org_id, org_path, year, title, target_groups, deadline, updated_at)
                  values (gen_random_uuid(), ${root.id}, ${rootPath}, ${year}, ${`${year}年度书记轮训`}, array['secretaries'], ${`${year}-10-31`}::date, now())`.execute(handle.db);
      }
      const training = await timed(() => insertTraining(handle.db, log));
      load.training = training.ms;
      log(`${training.value.credits} credits, ${training.value.completions} completions in ${seconds(training.ms)} s`);
      for (const table of ['people', 'study_credits', 'training_completions', 'person_year_training']) await sql`vacuum analyze ${sql.table(table)}`.execute(handle.db);
      const size = (await sql<{ db: string }>`select pg_size_pretty(pg_database_size(current_database())) as db`.execute(handle.db)).rows[0]!.db;

      const app = await buildApp(ctx);
      try {
        const officer = await accountWithSession(ctx, { username: `bench_officer_${crypto.randomBytes(3).toString('hex')}`, role: 'committee_officer', orgId: root.id });
        const coverageUrl = (orgId: string) => `/api/v1/orgs/${orgId}/training-coverage?year=${YEAR}`;
        const cold = await timed(() => get(app, officer, coverageUrl(root.id)));
        const summary = cold.value.json() as { considered: number; required: number; met: number; short: number; exempt: number; centralisedRequired: number; centralisedMet: number };
        log(`cold coverage of the root: ${seconds(cold.ms)} s — ${JSON.stringify(summary)}`);
        await sql`vacuum analyze org_year_training`.execute(handle.db);
        const rootWarm = await measure(() => get(app, officer, coverageUrl(root.id)), calls);
        const countyWarm = await measure(() => get(app, officer, coverageUrl(county.id)), calls);
        log(`coverage warm: root p95 ${ms(rootWarm.p95)} ms, county p95 ${ms(countyWarm.p95)} ms`);

        const sample = (await sql<{ id: string; org_id: string; org_path: string }>`select id, org_id, org_path from people tablesample system (1) limit ${Math.max(calls, 50)}`.execute(handle.db)).rows;
        const writeThenRead: number[] = [];
        for (let i = 0; i < Math.min(calls, 100); i++) {
          const p = sample[i % sample.length]!;
          await sql`insert into study_credits (id, person_id, org_id, org_path, year, credited_on, hours, source_type, description, created_at)
                    values (gen_random_uuid(), ${p.id}, ${p.org_id}, ${p.org_path}, ${YEAR}, '2026-12-30', 1, 'manual', '基准补录', now())`.execute(handle.db);
          writeThenRead.push((await timed(() => get(app, officer, coverageUrl(root.id)))).ms);
        }
        const rootAfterWrite = latency(writeThenRead);
        log(`coverage of the root right after a new credit: p95 ${ms(rootAfterWrite.p95)} ms`);

        const ledger = await measure((i) => get(app, officer, `/api/v1/people/${sample[i % sample.length]!.id}/study-hours?year=${YEAR}`), calls);
        const progress = await measure((i) => get(app, officer, `/api/v1/people/${sample[i % sample.length]!.id}/training-progress?year=${YEAR}`), calls);
        log(`person's ledger p95 ${ms(ledger.p95)} ms, progress p95 ${ms(progress.p95)} ms`);
        // The secretaries' lists (pages of 20) of a county and of the root, from the stored verdicts.
        const exceptionsUrl = (orgId: string, kind: string, page = 1) => `/api/v1/orgs/${orgId}/training-exceptions?year=${YEAR}&kind=${kind}&pageSize=20&page=${page}`;
        const countyMissed = await measure(() => get(app, officer, exceptionsUrl(county.id, 'missed')), calls);
        const countyWeak = await measure(() => get(app, officer, exceptionsUrl(county.id, 'weak')), calls);
        const rootMissed = await measure(() => get(app, officer, exceptionsUrl(root.id, 'missed')), calls);
        const rootWeak = await measure(() => get(app, officer, exceptionsUrl(root.id, 'weak')), calls);
        const rootWeakTotal = (JSON.parse((await get(app, officer, exceptionsUrl(root.id, 'weak'))).body) as { total: number }).total;
        const rootMissedTotal = (JSON.parse((await get(app, officer, exceptionsUrl(root.id, 'missed'))).body) as { total: number }).total;
        const deepPage = Math.max(1, Math.floor(rootWeakTotal / 20 / 2));
        const rootWeakDeep = await measure(() => get(app, officer, exceptionsUrl(root.id, 'weak', deepPage)), Math.min(calls, 50));
        const listAfterWrite: number[] = [];
        for (let i = 0; i < Math.min(calls, 100); i++) {
          const p = sample[(i + 7) % sample.length]!;
          await sql`insert into study_credits (id, person_id, org_id, org_path, year, credited_on, hours, source_type, description, created_at)
                    values (gen_random_uuid(), ${p.id}, ${p.org_id}, ${p.org_path}, ${YEAR}, '2026-12-30', 1, 'manual', '基准补录', now())`.execute(handle.db);
          listAfterWrite.push((await timed(() => get(app, officer, exceptionsUrl(root.id, 'weak')))).ms);
        }
        const rootWeakAfterWrite = latency(listAfterWrite);
        log(`lists p95: county missed ${ms(countyMissed.p95)} ms, weak ${ms(countyWeak.p95)} ms; root missed ${ms(rootMissed.p95)} ms, weak ${ms(rootWeak.p95)} ms, weak page ${deepPage} ${ms(rootWeakDeep.p95)} ms, weak after a credit ${ms(rootWeakAfterWrite.p95)} ms (root: ${rootMissedTotal} missed, ${rootWeakTotal} weak)`);

        // The refresh job across a quarter end: everything judged on 30 September, then again on 1 October.
        now = new Date('2026-09-30T02:00:00Z');
        await sql`update org_year_training set stale = true where year = ${YEAR}`.execute(handle.db);
        const refreshAll = await timed(() => refreshStoredVerdicts(ctx));
        const dueOnFirstOctober = (await sql<{ n: number }>`select count(*)::int as n from org_year_training where year = ${YEAR} and flags_until < '2026-10-01'`.execute(handle.db)).rows[0]!.n;
        now = new Date('2026-10-01T02:00:00Z');
        const refreshQuarter = await timed(() => refreshStoredVerdicts(ctx));
        const refreshIdle = await timed(() => refreshStoredVerdicts(ctx));
        now = NOW;
        const refreshYearEnd = await timed(() => refreshStoredVerdicts(ctx));
        log(`refresh job: all rows ${seconds(refreshAll.ms)} s; after the quarter end ${seconds(refreshQuarter.ms)} s (${refreshQuarter.value.organisations} of them due: ${dueOnFirstOctober}); nothing to do ${ms(refreshIdle.ms)} ms; after the year end ${seconds(refreshYearEnd.ms)} s`);
        const flagRows = (await sql<{ n: number; size: string }>`select count(*)::int as n, pg_size_pretty(pg_total_relation_size('training_flags')) as size from training_flags`.execute(handle.db)).rows[0]!;

        // The rollup against a rebuild from scratch, for the sampled people.
        const ids = sample.map((p) => p.id);
        const before = (await sql<{ k: string }>`select person_id || ':' || year || ':' || hours || ':' || centralised || ':' || org_id as k from person_year_training where person_id = any(${ids}::uuid[]) order by 1`.execute(handle.db)).rows.map((r) => r.k);
        const scratch = (
          await sql<{ k: string }>`
            select k.person_id || ':' || k.year || ':' || coalesce(h.hours, 0) || ':' || coalesce(c.n, 0) || ':' || p.org_id as k
              from (select person_id, year from study_credits where person_id = any(${ids}::uuid[]) union select person_id, year from training_completions where person_id = any(${ids}::uuid[])) k
              join people p on p.id = k.person_id
              left join (select person_id, year, sum(hours) as hours from study_credits where person_id = any(${ids}::uuid[]) group by 1, 2) h using (person_id, year)
              left join (select person_id, year, count(*)::int as n from training_completions where person_id = any(${ids}::uuid[]) and revoked_at is null group by 1, 2) c using (person_id, year)
             order by 1`.execute(handle.db)
        ).rows.map((r) => r.k);
        const rollupExact = JSON.stringify(before) === JSON.stringify(scratch);
        log(`rollup equals a computation from scratch for ${ids.length} people: ${rollupExact}`);
        // Every organisation's stored subtree totals against a sum over its subtree's rows.
        const drift = (await sql<{ n: number }>`select count(*)::int as n from org_year_training_subtree_check()`.execute(handle.db)).rows[0]!.n;
        log(`subtree totals differing from a sum over the subtree: ${drift}`);

        const row = (name: string, l: Latency, targetMs: number | null) => [name, l.n, ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), targetMs === null ? '—' : l.p95 <= targetMs ? `≤ ${targetMs} ✓` : `> ${targetMs} ✗`];
        return {
          title: `ledger: ${people.value} people × ${YEARS.length} years on ${target.name} (${size})`,
          columns: ['measure', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target'],
          rows: [
            row('coverage, root (warm)', rootWarm, COVERAGE_P95_MS),
            row('coverage, one county (warm)', countyWarm, COVERAGE_P95_MS),
            row('coverage, root, right after a new credit', rootAfterWrite, null),
            row("a person's ledger (study-hours)", ledger, LEDGER_P95_MS),
            row("a person's progress (training-progress)", progress, null),
            row('missed list (漏训), one county, first page', countyMissed, null),
            row('weak list (弱训), one county, first page', countyWeak, null),
            row('missed list (漏训), the root, first page', rootMissed, null),
            row('weak list (弱训), the root, first page', rootWeak, null),
            row(`weak list (弱训), the root, page ${deepPage}`, rootWeakDeep, null),
            row('weak list (弱训), the root, right after a new credit', rootWeakAfterWrite, null),
          ],
          notes: [
            `load: ${Object.entries(load).map(([k, v]) => `${k} ${seconds(v)} s`).join(', ')}; ${training.value.credits} credits, ${training.value.completions} completions`,
            `first (cold) coverage of the root for ${YEAR}: ${seconds(cold.ms)} s — every organisation's row computed`,
            `root ${YEAR}: ${JSON.stringify(summary)}`,
            `rollup equals a computation from scratch for ${ids.length} sampled people: ${rollupExact ? 'yes' : 'NO'}`,
            `stored subtree totals (org_year_training_subtree) differing from a sum over the subtree: ${drift}`,
            `the root's lists: ${rootMissedTotal} missed, ${rootWeakTotal} weak; training_flags holds ${flagRows.n} rows (${flagRows.size})`,
            `refresh job: every ${YEAR} row recomputed on 30 September ${seconds(refreshAll.ms)} s; on 1 October (after the quarter end, ${refreshQuarter.value.organisations} organisations due) ${seconds(refreshQuarter.ms)} s; a run with nothing due ${ms(refreshIdle.ms)} ms; on ${NOW.toISOString().slice(0, 10)} (after the year end) ${seconds(refreshYearEnd.ms)} s`,
          ],
          details: { load, cold: cold.ms, summary, subtreeTotalsDrift: drift, refresh: { all: refreshAll.ms, quarter: refreshQuarter.ms, idle: refreshIdle.ms, yearEnd: refreshYearEnd.ms } },
        };
      } finally {
        await app.close();
      }
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    if (!keep) await target.cleanup();
  }
}
