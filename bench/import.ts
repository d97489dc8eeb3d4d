/**
 * `npm run bench -- import`: the Excel import of a 20,000-row roster (issue 2, item 17). The
 * roster is the demo county's people (realistic names, valid ID numbers, members and people in
 * development across ~760 organisations), written as an .xlsx with the template's columns. Measured:
 * exceljs's bare parse of that file (Workbook.xlsx.load, the baseline), then over HTTP on a fresh
 * database holding the county's organisations: upload → dry-run report, commit (all_or_nothing,
 * every row new), and a re-import of the same file (every row unchanged). Each database step runs
 * once on a fresh database; the bare parse is the median of three runs.
 * Target: whole validated import (dry run + commit) ≤ 3 × bare parse.
 *
 * PGlite always (temporary data directory, durability on, as `npm start` runs it); PostgreSQL when
 * BENCH_DATABASE_URL (or --databaseUrl) is set (a role that may create databases: a throwaway
 * database is created in it and dropped afterwards) or `--databases` names it (a throwaway cluster
 * is started with scripts/pg-test-cluster.sh and stopped at the end).
 *
 * Options: --rows 20000 --seed 2026 --databases pglite,postgres --databaseUrl postgres://…
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServerContext } from '../apps/server/src/context.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { insertOrgs } from '../apps/server/src/demo/demo.repo.ts';
import { DEMO_BASE_COUNTS, DEMO_DEFAULT_SEED, DEMO_REFERENCE_DAY, generateCounty } from '../apps/server/src/demo/generate.ts';
import { newId } from '../apps/server/src/lib/ids.ts';
import { hashPassword } from '../apps/server/src/lib/passwords.ts';
import { createPii } from '../apps/server/src/lib/pii.ts';
import { sheetValues } from '../apps/server/src/modules/imports/imports.rows.ts';
import { writePeopleWorkbook } from '../apps/server/src/modules/imports/imports.xlsx.ts';
import { multipartBody } from '../apps/server/src/modules/imports/imports.testkit.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { pgliteTarget, postgresTarget, type Target } from './support/targets.ts';

const TARGET_RATIO = 3;
const PASSWORD = 'Bench#Import2026';

const seconds = (ms: number) => Math.round(ms / 10) / 100;
const ratio = (ms: number, base: number) => Math.round((ms / base) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}


type County = ReturnType<typeof generateCounty>;

/** The roster: the county's first `rows` people as template rows, with full ID and phone numbers. */
async function writeRoster(county: County, rows: number): Promise<Buffer> {
  return writePeopleWorkbook(county.people.slice(0, rows).map(({ key: _key, orgCode, ...person }) => sheetValues({ ...person, orgCode })));
}

/** Bare parse, the baseline: exceljs's own full read of the file. */
async function bareParse(file: Buffer): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  return workbook.worksheets[0]!.actualRowCount - 1;
}

/** exceljs's streaming reader alone, every cell touched: the floor under the import's own read. */
async function streamRead(file: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) if ((row.values as unknown[]).length > 0) rows += 1;
    break;
  }
  return rows - 1;
}

type Measured = { database: string; version: string; dryRunMs: number; commitMs: number; reimportMs: number; exportMs: number; counts: Record<string, number> };

async function measure(target: Target, county: County, file: Buffer, rows: number): Promise<Measured> {
  const handle = await target.open();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
  try {
    await migrateToLatest(handle.db as never);
    const ctx: ServerContext = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir, MAX_UPLOAD_MB: '50' }),
      db: handle.db,
      pii: createPii(crypto.randomBytes(32)),
      log: pino({ level: 'silent' }),
      // The county was generated for its reference day; the import checks dates against the same day.
      now: () => new Date(`${county.today}T04:00:00Z`),
    };
    // The organisations only: the people arrive through the import.
    const ids = new Map(county.orgs.map((o) => [o.code, newId()]));
    const orgs = await handle.db.transaction().execute((trx) =>
      insertOrgs(
        trx,
        county.orgs.map((o) => ({ id: ids.get(o.code)!, code: o.code, name: o.name, kind: o.kind, parentId: o.parentCode ? ids.get(o.parentCode)! : null, establishedOn: o.establishedOn, hasCommittee: o.hasCommittee })),
      ),
    );
    const rootOrg = orgs.find((o) => o.parent_id === null)!;
    const userId = newId();
    await handle.db.insertInto('users').values({ id: userId, username: 'bench_officer', display_name: '基准测试', password_hash: await hashPassword(PASSWORD), must_change_password: false }).execute();
    await handle.db.insertInto('role_grants').values({ id: newId(), user_id: userId, role: 'committee_officer', org_id: rootOrg.id }).execute();
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]!.v;

    const app = await buildApp(ctx);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'bench_officer', password: PASSWORD } });
      const session = login.cookies.find((c) => c.name === 'pioneer_session')!.value;
      const headers = { cookie: `pioneer_session=${session}`, 'x-csrf-token': login.json().csrfToken as string };
      const upload = () => {
        const body = multipartBody({ orgId: rootOrg.id }, { name: 'roster.xlsx', data: file });
        return app.inject({ method: 'POST', url: '/api/v1/imports/people', payload: body.payload, headers: { ...headers, 'content-type': body.contentType } });
      };
      const expectOk = (res: { statusCode: number; body: string }, step: string) => {
        if (res.statusCode !== 200) throw new Error(`${step} failed: ${res.statusCode} ${res.body.slice(0, 500)}`);
      };

      console.log(`[import] ${target.name}: upload → dry-run report`);
      const dry = await timed(upload);
      expectOk(dry.value, 'dry run');
      const report = dry.value.json();
      if (report.counts.new !== rows) throw new Error(`expected ${rows} new rows, got ${JSON.stringify(report.counts)}; first problems: ${JSON.stringify(report.problems.slice(0, 5))}`);

      console.log(`[import] ${target.name}: commit`);
      const commit = await timed(() => app.inject({ method: 'POST', url: `/api/v1/imports/${report.batchId}/commit`, payload: { mode: 'all_or_nothing' }, headers }));
      expectOk(commit.value, 'commit');

      console.log(`[import] ${target.name}: re-import of the same file`);
      const again = await timed(upload);
      expectOk(again.value, 're-import');
      if (again.value.json().counts.unchanged !== rows) throw new Error(`expected ${rows} unchanged rows, got ${JSON.stringify(again.value.json().counts)}`);

      console.log(`[import] ${target.name}: export with full numbers`);
      const exported = await timed(() => app.inject({ method: 'GET', url: `/api/v1/people/export?orgId=${rootOrg.id}&full=true`, headers }));
      expectOk({ statusCode: exported.value.statusCode, body: '' }, 'export');

      return { database: target.name, version, dryRunMs: dry.ms, commitMs: commit.ms, reimportMs: again.ms, exportMs: exported.ms, counts: commit.value.json().written };
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const rows = Number(options.rows ?? 20_000);
  const seed = String(options.seed ?? DEMO_DEFAULT_SEED);
  const databaseUrl = typeof options.databaseUrl === 'string' ? options.databaseUrl : process.env.BENCH_DATABASE_URL;
  const databases = String(options.databases ?? (databaseUrl ? 'pglite,postgres' : 'pglite')).split(',');
  for (const d of databases) if (d !== 'postgres' && d !== 'pglite') throw new Error(`unknown database "${d}" (pglite, postgres)`);

  console.log(`[import] generating a county with at least ${rows} people (seed ${seed})`);
  const county = generateCounty({ size: Math.max(0.01, rows / DEMO_BASE_COUNTS.people), seed, today: DEMO_REFERENCE_DAY });
  if (county.people.length < rows) throw new Error(`the generated county has ${county.people.length} people, fewer than ${rows}`);
  const writing = await timed(() => writeRoster(county, rows));
  const file = writing.value;
  console.log(`[import] roster: ${rows} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB, written in ${seconds(writing.ms)} s`);

  const loads: number[] = [];
  const streams: number[] = [];
  for (let i = 0; i < 3; i++) {
    const load = await timed(() => bareParse(file));
    if (load.value !== rows) throw new Error(`bare parse read ${load.value} rows`);
    loads.push(load.ms);
    const stream = await timed(() => streamRead(file));
    if (stream.value !== rows) throw new Error(`streaming read saw ${stream.value} rows`);
    streams.push(stream.ms);
  }
  const base = median(loads);
  const streamMs = median(streams);
  console.log(`[import] bare parse ${seconds(base)} s (runs: ${loads.map(seconds).join(', ')}), streaming read ${seconds(streamMs)} s`);

  const results: Measured[] = [];
  for (const database of databases) {
    const target = database === 'postgres' ? await postgresTarget(databaseUrl, 'import') : pgliteTarget();
    try {
      results.push(await measure(target, county, file, rows));
    } finally {
      await target.cleanup();
    }
  }

  const table: Array<Array<string | number>> = [
    ['exceljs', 'bare parse: Workbook.xlsx.load (baseline)', rows, seconds(base), 1],
    ['exceljs', 'streaming read of every row (WorkbookReader)', rows, seconds(streamMs), ratio(streamMs, base)],
  ];
  const notes: string[] = [];
  for (const r of results) {
    const db = `${r.database} ${r.version}`;
    const whole = r.dryRunMs + r.commitMs;
    table.push(
      [db, 'upload → dry-run report (every row checked)', rows, seconds(r.dryRunMs), ratio(r.dryRunMs, base)],
      [db, 'commit, all_or_nothing (one transaction)', rows, seconds(r.commitMs), ratio(r.commitMs, base)],
      [db, 'whole validated import (dry run + commit)', rows, seconds(whole), ratio(whole, base)],
      [db, 're-import of the same file → dry run (all unchanged)', rows, seconds(r.reimportMs), ratio(r.reimportMs, base)],
      [db, 'export with full numbers (.xlsx)', rows, seconds(r.exportMs), ratio(r.exportMs, base)],
    );
    notes.push(`Target on ${r.database}: whole validated import ≤ ${TARGET_RATIO} × bare parse: ${whole <= TARGET_RATIO * base ? 'met' : 'MISSED'} (${ratio(whole, base)} ×).`);
  }
  notes.unshift(
    `Roster: ${rows} people of the demo county (seed ${seed}), ${(file.length / 1024 / 1024).toFixed(1)} MB .xlsx; bare parse is the median of 3 runs, each database step one run on a fresh database, over HTTP (multipart upload, JSON report).`,
  );
  return {
    title: `Excel import of ${rows.toLocaleString('en-US')} people`,
    columns: ['where', 'step', 'rows', 'seconds', '× bare parse'],
    rows: table,
    notes,
    details: { rows, seed, fileBytes: file.length, bareParseRunsMs: loads, streamReadRunsMs: streams, results },
  };
}
