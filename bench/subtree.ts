/**
 * `npm run bench -- subtree`: member counts by category for a whole subtree, the query behind
 * GET /api/v1/orgs/:id/counts (countsForPath in orgs.service.ts), on a generated county of
 * 300,000 people (demo size 37.5) in PostgreSQL and in PGlite. For the root (every row) and for one
 * branch: p50/p95 over 200 calls after a warm-up. Target: p95 ≤ 50 ms on PostgreSQL.
 *
 * PostgreSQL: BENCH_DATABASE_URL (a role that may create databases; a throwaway database is created
 * in it and dropped afterwards), or else a throwaway cluster started with scripts/pg-test-cluster.sh
 * and stopped at the end. PGlite: a temporary data directory, deleted at the end.
 *
 * Options: --size 37.5 --calls 200 --seed 2026 --databases postgres,pglite
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServerContext } from '../apps/server/src/context.ts';
import type { DatabaseHandle } from '../apps/server/src/db/database.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { DEMO_DEFAULT_SEED } from '../apps/server/src/demo/generate.ts';
import { loadDemo } from '../apps/server/src/demo/load.ts';
import { createPii } from '../apps/server/src/lib/pii.ts';
import { countsForPath } from '../apps/server/src/modules/orgs/orgs.service.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { pgliteTarget, postgresTarget, type Target } from './support/targets.ts';

const TARGET_P95_MS = 50;
const WARM_UP_CALLS = 10;

type Stats = { p50: number; p95: number; max: number; mean: number };

export function percentile(sortedMs: number[], p: number): number {
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sortedMs.length));
  return sortedMs[Math.min(sortedMs.length, rank) - 1]!;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]!, mean: samples.reduce((s, x) => s + x, 0) / samples.length };
}

const ms = (x: number) => Math.round(x * 100) / 100;

/**
 * A settled database has its visibility map set (autovacuum does it after a bulk load), which
 * index-only scans need; the benchmark measures that state, not the minutes right after the load.
 * A VACUUM that runs while autovacuum's own ANALYZE holds a snapshot cannot mark pages all-visible,
 * so it is repeated until it has.
 */
async function settle(handle: DatabaseHandle): Promise<void> {
  for (let attempt = 1; attempt <= 10; attempt++) {
    await sql`vacuum analyze organizations, people, org_people_counts`.execute(handle.db);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_class
      where relname in ('organizations', 'people', 'org_people_counts') and relallvisible < relpages`.execute(handle.db);
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  console.warn('[subtree] the visibility map is still not set after 10 VACUUMs; figures may be pessimistic');
}


type Measured = {
  database: string;
  version: string;
  loadSeconds: number;
  people: number;
  organizations: number;
  root: Stats & { rows: number };
  branch: Stats & { rows: number; name: string };
  /** The same figures by scanning people directly (the query before the rollup), for comparison. */
  rootDirect: Stats & { rows: number };
  plans: { root: Record<string, string>; branch: Record<string, string> };
};

async function measure(target: Target, options: { size: number; seed: string; calls: number }): Promise<Measured> {
  const handle = await target.open();
  try {
    await migrateToLatest(handle.db as never);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
    const ctx: ServerContext = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir }),
      db: handle.db,
      pii: createPii(crypto.randomBytes(32)),
      log: pino({ level: 'silent' }),
      now: () => new Date(),
    };
    console.log(`[subtree] ${target.name}: loading the demo county, size ${options.size}…`);
    const loaded = await loadDemo(ctx, { size: options.size, seed: options.seed });
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log(`[subtree] ${target.name}: ${loaded.people} people, ${loaded.organizations} organisations in ${(loaded.timings.totalMs / 1000).toFixed(1)} s`);
    await settle(handle);

    const branch = await handle.db
      .selectFrom('users as u')
      .innerJoin('role_grants as g', 'g.user_id', 'u.id')
      .innerJoin('organizations as o', 'o.id', 'g.org_id')
      .select(['o.path', 'o.name'])
      .where('u.username', '=', 'branch_secretary')
      .executeTakeFirstOrThrow();
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]!.v;

    const time = async (p: string, count: (path: string) => Promise<number> = async (path) => (await countsForPath(ctx, path)).total) => {
      for (let i = 0; i < WARM_UP_CALLS; i++) await count(p);
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < options.calls; i++) {
        const t = performance.now();
        rows = await count(p);
        samples.push(performance.now() - t);
      }
      return { ...stats(samples), rows };
    };
    const directScan = async (p: string) => {
      const rows = await handle.db
        .selectFrom('people')
        .select(['category', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('org_path', 'like', `${p}%`)
        .groupBy(['category', 'status'])
        .execute();
      return rows.reduce((s, r) => s + r.n, 0);
    };
    console.log(`[subtree] ${target.name}: ${options.calls} calls each for the root and for ${branch.name}`);
    const rootStats = await time(loaded.root.path);
    const branchStats = await time(branch.path);
    const rootDirect = await time(loaded.root.path, directScan);
    const plan = async (p: string) => {
      const explain = async (query: RawBuilder<unknown>) => (await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(handle.db)).rows.map((r) => r['QUERY PLAN']).join('\n');
      return {
        rollup: await explain(sql`select sum(total), sum(full_members), sum(probationary) from org_people_counts where org_path like ${`${p}%`}`),
        organizations: await explain(sql`select count(*) from organizations where path like ${`${p}%`} and active = true`),
        directScan: await explain(sql`select category, status, count(*) as n from people where org_path like ${`${p}%`} group by category, status`),
      };
    };
    return {
      database: target.name,
      version,
      loadSeconds: Math.round(loaded.timings.totalMs / 100) / 10,
      people: loaded.people,
      organizations: loaded.organizations,
      root: rootStats,
      branch: { ...branchStats, name: branch.name },
      rootDirect,
      plans: { root: await plan(loaded.root.path), branch: await plan(branch.path) },
    };
  } finally {
    await handle.close();
  }
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const size = Number(options.size ?? 37.5);
  const calls = Number(options.calls ?? 200);
  const seed = String(options.seed ?? DEMO_DEFAULT_SEED);
  const databases = String(options.databases ?? 'postgres,pglite').split(',');
  const results: Measured[] = [];
  for (const database of databases) {
    if (database !== 'postgres' && database !== 'pglite') throw new Error(`unknown database "${database}" (postgres, pglite)`);
    const target = database === 'postgres' ? await postgresTarget(process.env.BENCH_DATABASE_URL, 'subtree') : pgliteTarget();
    try {
      results.push(await measure(target, { size, seed, calls }));
    } finally {
      await target.cleanup();
    }
  }
  const rows = results.flatMap((r) => [
    [`${r.database} ${r.version}`, 'root (whole county)', r.root.rows, ms(r.root.p50), ms(r.root.p95), ms(r.root.max)],
    [`${r.database} ${r.version}`, `branch: ${r.branch.name}`, r.branch.rows, ms(r.branch.p50), ms(r.branch.p95), ms(r.branch.max)],
    [`${r.database} ${r.version}`, 'root, scanning people (before the rollup)', r.rootDirect.rows, ms(r.rootDirect.p50), ms(r.rootDirect.p95), ms(r.rootDirect.max)],
  ]);
  const postgres = results.find((r) => r.database === 'postgres');
  const notes = [
    `${calls} calls per line after ${WARM_UP_CALLS} warm-up calls; county of size ${size} (seed ${seed}), loaded in ${results.map((r) => `${r.database} ${r.loadSeconds} s`).join(', ')}.`,
  ];
  if (postgres) {
    const worst = Math.max(postgres.root.p95, postgres.branch.p95);
    notes.push(`Target p95 ≤ ${TARGET_P95_MS} ms on PostgreSQL (countsForPath): ${worst <= TARGET_P95_MS ? 'met' : 'MISSED'} (worst p95 ${ms(worst)} ms).`);
  }
  return {
    title: `Subtree member counts by category (countsForPath), ${results[0]?.people ?? 0} people`,
    columns: ['database', 'subtree', 'people', 'p50 ms', 'p95 ms', 'max ms'],
    rows,
    notes,
    details: { size, seed, calls, targetP95Ms: TARGET_P95_MS, results },
  };
}
