/**
 * `npm run bench -- classes`: 2,000 members signing in to their training-class sessions by QR code
 * within one minute (issue 4 item 11), against the real HTTP server (routes, session loading, CSRF
 * check, the classes service and its transaction) on PostgreSQL and on PGlite.
 *
 * Setup (not measured): the demo county (size 1), 2,000 party members in branches drawn evenly, a
 * member account and session for each (support/sessions.ts), county-level classes of 200 places
 * created by a committee officer with POST /api/v1/classes, one session each starting now, the
 * members nominated into them (classes.service nominate, 200 a class), and each session's QR sign-in
 * opened with POST /api/v1/class-sessions/{id}/signin. Then, from a worker thread over keep-alive
 * connections, the 2,000 POST /api/v1/class-signin/{token} spread evenly over 60 s (open loop),
 * classes interleaved. Errors must be 0; afterwards every member must be present via QR.
 *
 * Options: --members 2000 --seconds 60 --size 1 --databases postgres,pglite --databaseUrl … --quick
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
import * as classes from '../apps/server/src/modules/classes/classes.service.ts';
import type { BenchOptions, BenchResult } from './run.ts';
import { startLoadClient } from './support/load-client.ts';
import { accountWithSession, memberAccountsWithSessions, type BenchSession } from './support/sessions.ts';
import { latency, ms, type Latency } from './support/stats.ts';
import { pgliteTarget, postgresTarget, type Target } from './support/targets.ts';

const POSTGRES_POOL = 10;
const MAX_SOCKETS = 256;
const PLACES = 200;

type Measured = { database: string; version: string; members: number; classes: number; setupSeconds: number; latency: Latency; errors: Record<string, { count: number; body: string }>; presentAfter: number; throughput: number; wallSeconds: number };

async function expectOk(res: { statusCode: number; body: string }, step: string) {
  if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`${step}: HTTP ${res.statusCode} ${res.body.slice(0, 800)}`);
}

async function setUp(app: FastifyInstance, ctx: ServerContext, officer: BenchSession, rootId: string, members: Array<{ personId: string; session: BenchSession }>) {
  const headers = { cookie: officer.cookie, 'x-csrf-token': officer.csrf };
  const year = Number(isoDateIn(ctx.now(), ctx.config.timeZone).slice(0, 4));
  const actor = { userId: officer.userId, username: 'bench_officer', displayName: 'bench', personId: null, sessionId: 'bench', mustChangePassword: false, grants: [{ role: 'committee_officer' as const, orgId: rootId, orgPath: (await ctx.db.selectFrom('organizations').select('path').where('id', '=', rootId).executeTakeFirstOrThrow()).path }] };
  const tokens = new Map<string, string>();
  const sessionIds: string[] = [];
  for (let i = 0; i < members.length; i += PLACES) {
    const group = members.slice(i, i + PLACES);
    const created = await app.inject({ method: 'POST', url: '/api/v1/classes', headers, payload: { orgId: rootId, year, title: `基准培训班 ${i / PLACES + 1}`, type: 'thematic', targetGroup: 'all_members', capacity: PLACES } });
    await expectOk(created, 'creating a class');
    const classId = (created.json() as { id: string }).id;
    const start = new Date(ctx.now().getTime() - 60_000);
    const session = await app.inject({ method: 'POST', url: `/api/v1/classes/${classId}/sessions`, headers, payload: { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(), hours: 3, topic: '学习贯彻全会精神', lecturerName: '县委党校讲师' } });
    await expectOk(session, 'adding a session');
    const sessionId = (session.json() as { sessions: Array<{ id: string }> }).sessions[0]!.id;
    await classes.nominate(ctx, { actor, ip: null, classId, personIds: group.map((m) => m.personId) });
    const opened = await app.inject({ method: 'POST', url: `/api/v1/class-sessions/${sessionId}/signin`, headers, payload: { minutes: 120 } });
    await expectOk(opened, 'opening sign-in');
    const token = (opened.json() as { token: string }).token;
    for (const m of group) tokens.set(m.personId, token);
    sessionIds.push(sessionId);
  }
  return { tokens, sessionIds };
}

async function measure(target: Target, options: { size: number; members: number; seconds: number; seed: string }): Promise<Measured> {
  const handle = await target.open({ max: POSTGRES_POOL });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-data-'));
  try {
    await migrateToLatest(handle.db as never);
    const ctx: ServerContext = { config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', WEB_DIST: dataDir }), db: handle.db, pii: createPii(crypto.randomBytes(32)), log: pino({ level: 'silent' }), now: () => new Date() };
    const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)).rows[0]!.v;
    const started = performance.now();
    console.log(`[classes] ${target.name}: loading the demo county (size ${options.size}) and ${options.members} member accounts`);
    const loaded = await loadDemo(ctx, { size: options.size, seed: DEMO_DEFAULT_SEED, today: isoDateIn(ctx.now(), ctx.config.timeZone) });
    const people = await ctx.db
      .selectFrom('people as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .leftJoin('users as u', 'u.person_id', 'p.id')
      .select(['p.id as personId', 'p.org_id as orgId'])
      .where('p.category', 'in', ['full', 'probationary'])
      .where('o.kind', '=', 'branch')
      .where('u.id', 'is', null)
      .orderBy(sql`md5(p.id::text)`)
      .limit(options.members)
      .execute();
    if (people.length < options.members) throw new Error(`only ${people.length} members without an account; raise --size`);
    const sessions = await memberAccountsWithSessions(ctx, people);
    const members = people.map((p, i) => ({ personId: p.personId, session: sessions[i]! }));
    const officer = await accountWithSession(ctx, { username: 'bench_officer', role: 'committee_officer', orgId: loaded.root.id });
    const app = await buildApp(ctx);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as { port: number }).port;
      const { tokens, sessionIds } = await setUp(app, ctx, officer, loaded.root.id, members);
      const setupSeconds = (performance.now() - started) / 1000;
      const rng = createRandom(`${options.seed}|classes`);
      const order = members.map((m) => ({ m, key: rng.next() })).sort((a, b) => a.key - b.key).map((x) => x.m);
      const requests = order.map((m) => ({ path: `/api/v1/class-signin/${tokens.get(m.personId)!}`, cookie: m.session.cookie, csrf: m.session.csrf }));
      console.log(`[classes] ${target.name}: ${requests.length} sign-ins to ${sessionIds.length} class sessions over ${options.seconds} s`);
      const outcome = await startLoadClient({ port, requests, intervalMs: (options.seconds * 1000) / requests.length, maxSockets: MAX_SOCKETS });
      const errors: Measured['errors'] = {};
      outcome.errorCode.forEach((code) => {
        if (code) errors[code] = { count: (errors[code]?.count ?? 0) + 1, body: outcome.errorBodies[code] ?? '' };
      });
      const present = await ctx.db.selectFrom('class_attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', 'in', sessionIds).where('status', '=', 'present').where('via', '=', 'qr').executeTakeFirstOrThrow();
      const ok = outcome.errorCode.filter((c) => c === null).length;
      const l = latency(outcome.latencyMs);
      console.log(`[classes] ${target.name}: ${requests.length - ok} errors, p50 ${ms(l.p50)} p95 ${ms(l.p95)} p99 ${ms(l.p99)} max ${ms(l.max)} ms, ${present.n} present afterwards`);
      return { database: target.name, version, members: members.length, classes: sessionIds.length, setupSeconds, latency: l, errors, presentAfter: Number(present.n), throughput: ok / (outcome.wallMs / 1000), wallSeconds: outcome.wallMs / 1000 };
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
  const members = Number(options.members ?? (quick ? 400 : 2_000));
  const seconds = Number(options.seconds ?? (quick ? 10 : 60));
  const size = Number(options.size ?? (quick ? 0.2 : 1));
  const seed = String(options.seed ?? DEMO_DEFAULT_SEED);
  const databaseUrl = typeof options.databaseUrl === 'string' ? options.databaseUrl : process.env.BENCH_DATABASE_URL;
  const databases = String(options.databases ?? 'postgres,pglite').split(',');
  const results: Measured[] = [];
  for (const database of databases) {
    if (database !== 'postgres' && database !== 'pglite') throw new Error(`unknown database "${database}" (postgres, pglite)`);
    const target = database === 'postgres' ? await postgresTarget(databaseUrl, 'classes') : pgliteTarget();
    try {
      results.push(await measure(target, { size, members, seconds, seed }));
    } finally {
      await target.cleanup();
    }
  }
  const errorCount = (r: Measured) => Object.values(r.errors).reduce((s, e) => s + e.count, 0);
  return {
    title: `QR sign-in of ${members.toLocaleString('en-US')} members to class sessions in ${seconds} s (POST /api/v1/class-signin/{token}, real HTTP server)`,
    columns: ['database', 'sign-ins', 'classes', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'answers/s'],
    rows: results.map((r) => [`${r.database} ${r.version}`, r.members, r.classes, errorCount(r), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.latency.max), Math.round(r.throughput * 10) / 10]),
    notes: results.flatMap((r) => [
      `${r.database}: ${errorCount(r) === 0 ? '0 errors (target met)' : `${errorCount(r)} ERRORS (target MISSED)`}; ${r.presentAfter}/${r.members} present via QR afterwards; set up in ${r.setupSeconds.toFixed(0)} s; wall ${r.wallSeconds.toFixed(1)} s.`,
      ...Object.entries(r.errors).map(([code, e]) => `  ${code} × ${e.count}: ${e.body}`),
    ]),
    details: { size, seed, members, seconds, placesPerClass: PLACES, results },
  };
}
