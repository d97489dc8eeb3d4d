/**
 * `npm run bench -- signin`: 5,000 members signing in to their meetings by QR code within one
 * minute (issue 3, item 14), against the real HTTP server (app.listen on a free port, the routes,
 * session loading, CSRF check, the attendance service and its transaction) on PostgreSQL and on
 * PGlite.
 *
 * Setup (not measured): the demo county (size 1: ~8,000 people in ~300 branches), 5,000 of its
 * party members drawn evenly across the branches, a member account and a session for each (see
 * support/sessions.ts: written like createSession, without 5,000 argon2id logins), and for every
 * branch with one of them a theme party day created by a committee officer with
 * POST /api/v1/activities, its sign-in opened with POST /api/v1/activities/{id}/signin (the token
 * the QR code carries). Then, measured from a worker thread over keep-alive connections:
 *
 * - steady: the 5,000 POST /api/v1/signin/{token} spread evenly over 60 s (open loop, ~83/s),
 *   members of all branches interleaved;
 * - burst: the same members signing in to a second round of meetings (new activities, new tokens)
 *   within 10 s (open loop, 500/s), as when every meeting starts on the hour.
 *
 * Errors must be 0 (any are printed grouped by code with a body); afterwards the attendance
 * sheets must show every one of them present via QR. Figures: p50/p95/p99/max latency from the
 * moment each request was due, and throughput (answers per second of wall time).
 *
 * Options: --members 5000 --seconds 60 --burstSeconds 10 --size 1 --databases postgres,pglite
 *          --databaseUrl postgres://… (else BENCH_DATABASE_URL, else a throwaway cluster)
 *          --quick (500 members over 10 s, burst over 2 s)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { ServerContext } from '../apps/server/src/context.ts';
import { migrateToLatest } from '../apps/server/src/db/migrate.ts';
import { createRandom, DEMO_DEFAULT_SEED } from '../apps/server/src/demo/generate.ts';
import { loadDemo } from '../apps/server/src/demo/load.ts';
import { createPii } from '../apps/server/src/lib/pii.ts';
import { isoDateIn } from '../apps/server/src/lib/time.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { startLoadClient, type LoadOutcome, type LoadRequest } from './support/load-client.ts';
import { accountWithSession, memberAccountsWithSessions, type BenchSession } from './support/sessions.ts';
import { latency, ms, type Latency } from './support/stats.ts';
import { pgliteTarget, postgresTarget, type Target } from './support/targets.ts';

/** The server's own pool size (openConfiguredDatabase's default). */
const POSTGRES_POOL = 10;
const MAX_SOCKETS = 256;
const n = (x: number) => x.toLocaleString('en-US');

type Phase = {
  name: string;
  requests: number;
  seconds: number;
  latency: Latency;
  sendLag: Latency;
  throughputPerSecond: number;
  wallSeconds: number;
  errors: Record<string, { count: number; body: string }>;
  presentAfter: number;
};

type Measured = { database: string; version: string; members: number; activities: number; setupSeconds: number; phases: Phase[] };

type Setup = { officer: BenchSession; members: Array<{ personId: string; orgId: string; session: BenchSession }>; branches: string[] };

async function expectOk(res: { statusCode: number; body: string }, step: string) {
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`${step}: HTTP ${res.statusCode} ${res.body.slice(0, 800)}`);
}

/**
 * One activity per branch, planned to start now, with sign-in open for an hour; returns the
 * token per branch. Through the API as a committee officer, like the secretary's page.
 */
async function openMeetings(app: FastifyInstance, ctx: ServerContext, officer: BenchSession, branches: string[], round: number): Promise<Map<string, { activityId: string; token: string }>> {
  const headers = { cookie: officer.cookie, 'x-csrf-token': officer.csrf };
  const start = new Date(ctx.now().getTime() + 5 * 60_000);
  const out = new Map<string, { activityId: string; token: string }>();
  for (const orgId of branches) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers,
      payload: {
        orgId,
        kind: round === 1 ? 'theme_party_day' : 'party_lesson',
        topic: round === 1 ? '主题党日：学习贯彻党的二十届四中全会精神' : '党课：新时代机关党建',
        plannedStart: start.toISOString(),
        plannedEnd: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        place: '三楼会议室',
        studyForm: 'collective_study',
      },
    });
    await expectOk(created, `creating the round-${round} meeting of ${orgId}`);
    const activityId = (created.json() as { id: string }).id;
    const opened = await app.inject({ method: 'POST', url: `/api/v1/activities/${activityId}/signin`, headers, payload: { minutes: 120 } });
    await expectOk(opened, `opening sign-in for ${activityId}`);
    out.set(orgId, { activityId, token: (opened.json() as { token: string }).token });
  }
  return out;
}

async function setUp(ctx: ServerContext, options: { size: number; members: number }): Promise<Setup> {
  const loaded = await loadDemo(ctx, { size: options.size, seed: DEMO_DEFAULT_SEED, today: isoDateIn(ctx.now(), ctx.config.timeZone) });
  // Party members in good standing (those a meeting expects) without an account, spread over the
  // branches: ordered by a hash of their id.
  const people = await ctx.db
    .selectFrom('people as p')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select(['p.id as personId', 'p.org_id as orgId'])
    .where('p.category', 'in', ['full', 'probationary'])
    .where('p.status', '=', 'normal')
    .where('o.kind', '=', 'branch')
    .where('u.id', 'is', null)
    .orderBy(sql`md5(p.id::text)`)
    .limit(options.members)
    .execute();
  if (people.length < options.members) throw new Error(`the demo county of size ${options.size} has only ${people.length} party members without an account; raise --size`);
  const sessions = await memberAccountsWithSessions(ctx, people);
  const officer = await accountWithSession(ctx, { username: 'bench_officer', role: 'committee_officer', orgId: loaded.root.id });
  const branches = [...new Set(people.map((p) => p.orgId))];
  return { officer, members: people.map((p, i) => ({ ...p, session: sessions[i]! })), branches };
}

async function phase(
  name: string,
  ctx: ServerContext,
  port: number,
  setup: Setup,
  meetings: Map<string, { activityId: string; token: string }>,
  seconds: number,
  seed: string,
): Promise<Phase> {
  // Members of all branches interleaved, in an order fixed by the seed.
  const rng = createRandom(`${seed}|${name}`);
  const order = setup.members.map((m) => ({ m, key: rng.next() })).sort((a, b) => a.key - b.key).map((x) => x.m);
  const requests: LoadRequest[] = order.map((m) => ({ path: `/api/v1/signin/${meetings.get(m.orgId)!.token}`, cookie: m.session.cookie, csrf: m.session.csrf }));
  const intervalMs = (seconds * 1000) / requests.length;
  console.log(`[signin] ${name}: ${requests.length} sign-ins over ${seconds} s (one every ${intervalMs.toFixed(1)} ms)`);
  const outcome: LoadOutcome = await startLoadClient({ port, requests, intervalMs, maxSockets: MAX_SOCKETS });
  const errors: Phase['errors'] = {};
  outcome.errorCode.forEach((code) => {
    if (code) errors[code] = { count: (errors[code]?.count ?? 0) + 1, body: outcome.errorBodies[code] ?? '' };
  });
  const ids = [...meetings.values()].map((x) => x.activityId);
  const present = await ctx.db
    .selectFrom('activity_attendees')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', 'in', ids)
    .where('status', '=', 'present')
    .where('marked_via', '=', 'qr')
    .executeTakeFirstOrThrow();
  const ok = outcome.errorCode.filter((c) => c === null).length;
  const l = latency(outcome.latencyMs);
  console.log(
    `[signin] ${name}: ${n(requests.length - ok)} errors ${JSON.stringify(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.count])))}, p50 ${ms(l.p50)} p95 ${ms(l.p95)} p99 ${ms(l.p99)} max ${ms(l.max)} ms, ${(ok / (outcome.wallMs / 1000)).toFixed(1)} answers/s, ${present.n} present afterwards`,
  );
  return {
    name,
    requests: requests.length,
    seconds,
    latency: latency(outcome.latencyMs),
    sendLag: latency(outcome.sendLagMs),
    throughputPerSecond: ok / (outcome.wallMs / 1000),
    wallSeconds: outcome.wallMs / 1000,
    errors,
    presentAfter: Number(present.n),
  };
}

async function measure(target: Target, options: { size: number; members: number; seconds: number; burstSeconds: number; seed: string }): Promise<Measured> {
  const handle = await target.open({ max: POSTGRES_POOL });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
  try {
    await migrateToLatest(handle.db as never);
    const ctx: ServerContext = {
      config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir }),
      db: handle.db,
      pii: createPii(crypto.randomBytes(32)),
      log: pino({ level: 'silent' }),
      now: () => new Date(),
    };
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]!.v;
    const setupStarted = performance.now();
    console.log(`[signin] ${target.name}: loading the demo county (size ${options.size}), ${options.members} member accounts and sessions`);
    const setup = await setUp(ctx, options);
    const app = await buildApp(ctx);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as { port: number }).port;
      console.log(`[signin] ${target.name}: opening sign-in for ${setup.branches.length} meetings (round 1) on port ${port}`);
      const round1 = await openMeetings(app, ctx, setup.officer, setup.branches, 1);
      const setupSeconds = (performance.now() - setupStarted) / 1000;
      const steady = await phase('steady', ctx, port, setup, round1, options.seconds, options.seed);
      console.log(`[signin] ${target.name}: opening sign-in for the round-2 meetings`);
      const round2 = await openMeetings(app, ctx, setup.officer, setup.branches, 2);
      const burst = await phase('burst', ctx, port, setup, round2, options.burstSeconds, options.seed);
      return { database: target.name, version, members: setup.members.length, activities: setup.branches.length, setupSeconds, phases: [steady, burst] };
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const quick = options.quick === true;
  const members = Number(options.members ?? (quick ? 500 : 5_000));
  const seconds = Number(options.seconds ?? (quick ? 10 : 60));
  const burstSeconds = Number(options.burstSeconds ?? (quick ? 2 : 10));
  const size = Number(options.size ?? (quick ? 0.2 : 1));
  const seed = String(options.seed ?? DEMO_DEFAULT_SEED);
  const databaseUrl = typeof options.databaseUrl === 'string' ? options.databaseUrl : process.env.BENCH_DATABASE_URL;
  const databases = String(options.databases ?? 'postgres,pglite').split(',');
  for (const d of databases) if (d !== 'postgres' && d !== 'pglite') throw new Error(`unknown database "${d}" (postgres, pglite)`);

  const results: Measured[] = [];
  for (const database of databases) {
    const target = database === 'postgres' ? await postgresTarget(databaseUrl, 'signin') : pgliteTarget();
    try {
      results.push(await measure(target, { size, members, seconds, burstSeconds, seed }));
    } finally {
      await target.cleanup();
    }
  }

  const rows: Array<Array<string | number>> = [];
  const notes: string[] = [];
  for (const r of results) {
    for (const p of r.phases) {
      const errorCount = Object.values(p.errors).reduce((s, e) => s + e.count, 0);
      rows.push([`${r.database} ${r.version}`, `${p.name}: ${p.requests} in ${p.seconds} s`, errorCount, ms(p.latency.p50), ms(p.latency.p95), ms(p.latency.p99), ms(p.latency.max), Math.round(p.throughputPerSecond * 10) / 10]);
      notes.push(
        `${r.database} ${p.name}: ${errorCount === 0 ? '0 errors' : `${errorCount} ERRORS`} (target 0: ${errorCount === 0 ? 'met' : 'MISSED'}); ${p.presentAfter}/${p.requests} attendees present via QR afterwards; send lag p99 ${ms(p.sendLag.p99)} ms, max ${ms(p.sendLag.max)} ms; wall ${p.wallSeconds.toFixed(1)} s.`,
      );
      for (const [code, e] of Object.entries(p.errors)) notes.push(`  ${code} × ${e.count}: ${e.body}`);
    }
  }
  notes.unshift(`Demo county of size ${size} (seed ${seed}); ${results.map((r) => `${r.database}: ${r.members} members in ${r.activities} meetings, set up in ${r.setupSeconds.toFixed(0)} s`).join('; ')}. Latency from the moment each request was due (open loop).`);
  return {
    title: `QR sign-in of ${members.toLocaleString('en-US')} members (POST /api/v1/signin/{token}, real HTTP server)`,
    columns: ['database', 'load', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'answers/s'],
    rows,
    notes,
    details: { size, seed, members, seconds, burstSeconds, postgresPool: POSTGRES_POOL, maxSockets: MAX_SOCKETS, results },
  };
}
