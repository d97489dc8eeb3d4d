/**
 * Test harness: a real, migrated database (PGlite always; PostgreSQL too when TEST_DATABASE_URL is
 * set, in a throwaway database per test file), the real app, and a client that logs in like a
 * browser (session cookie + CSRF header).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createPii } from '../lib/pii.ts';

export type DialectName = 'pglite' | 'postgres';

export const testDialects = (): DialectName[] => (process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']);

export type TestEnv = {
  ctx: ServerContext;
  app: FastifyInstance;
  dialect: DialectName;
  /** Moves the clock used by the server (sessions, lockouts, deadlines). */
  setNow: (instant: Date | string) => void;
  advance: (ms: number) => void;
};

async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `pioneer_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // pg's Pool.end() resolves while its connections are still closing; a forced drop that
      // terminated one of them would surface as an uncaught error in the closing client.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestEnv(dialect: DialectName, configOverrides: Record<string, string> = {}): Promise<TestEnv & { close: () => Promise<void> }> {
  let handle: DatabaseHandle;
  let dropDb: (() => Promise<void>) | null = null;
  if (dialect === 'postgres') {
    const created = await createPostgresDatabase();
    dropDb = created.drop;
    handle = await openDatabase({ kind: 'postgres', url: created.url, max: 5 });
  } else {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
  }
  await migrateToLatest(handle.db as never);
  const config = loadConfig({
    DATA_DIR: path.join(os.tmpdir(), `pioneer-test-${crypto.randomBytes(4).toString('hex')}`),
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(os.tmpdir(), 'pioneer-no-web-dist'),
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...configOverrides,
  });
  let now = new Date();
  const ctx: ServerContext = { config, db: handle.db, pii: createPii(crypto.randomBytes(32)), log: pino({ level: 'silent' }), now: () => now };
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    dialect,
    setNow: (instant) => (now = new Date(instant)),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
    close: async () => {
      await app.close();
      await handle.close();
      await dropDb?.();
    },
  };
}

/**
 * Runs a suite once per available database. The env is created in beforeAll and shared by the
 * tests of the suite; tests make their own data with factories so they do not depend on order.
 */
export function describeEachDatabase(name: string, body: (getEnv: () => TestEnv) => void, configOverrides: Record<string, string> = {}) {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let env: (TestEnv & { close: () => Promise<void> }) | null = null;
      beforeAll(async () => {
        env = await createTestEnv(dialect, configOverrides);
      });
      afterAll(async () => {
        await env?.close();
      });
      body(() => {
        if (!env) throw new Error('test env not ready');
        return env;
      });
    });
  }
}

export type Client = {
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  delete: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  raw: (options: import('fastify').InjectOptions) => Promise<LightMyRequestResponse>;
  cookie: string | null;
  csrf: string | null;
};

/** An HTTP client that keeps the session cookie and CSRF token like the web app does. */
export function client(app: FastifyInstance, state: { cookie?: string | null; csrf?: string | null } = {}): Client {
  const c: Client = {
    cookie: state.cookie ?? null,
    csrf: state.csrf ?? null,
    raw: (options) => app.inject(options as never) as unknown as Promise<LightMyRequestResponse>,
    get: (url, headers = {}) => send('GET', url, undefined, headers),
    post: (url, body, headers = {}) => send('POST', url, body, headers),
    patch: (url, body, headers = {}) => send('PATCH', url, body, headers),
    put: (url, body, headers = {}) => send('PUT', url, body, headers),
    delete: (url, body, headers = {}) => send('DELETE', url, body, headers),
  };
  async function send(method: string, url: string, body: unknown, headers: Record<string, string>) {
    const response = await app.inject({
      method: method as 'GET',
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: {
        ...(c.cookie ? { cookie: c.cookie } : {}),
        ...(c.csrf && method !== 'GET' ? { 'x-csrf-token': c.csrf } : {}),
        ...headers,
      },
    });
    const setCookie = response.cookies.find((k) => k.name === 'pioneer_session');
    if (setCookie) c.cookie = setCookie.value ? `pioneer_session=${setCookie.value}` : null;
    if (url.endsWith('/auth/login') && response.statusCode === 200) c.csrf = response.json().csrfToken;
    return response;
  }
  return c;
}

export async function loginClient(app: FastifyInstance, login: string, password: string): Promise<Client> {
  const c = client(app);
  const res = await c.post('/api/v1/auth/login', { login, password });
  if (res.statusCode !== 200) throw new Error(`login as ${login} failed: ${res.statusCode} ${res.body}`);
  return c;
}
