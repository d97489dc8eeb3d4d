/**
 * The databases a benchmark runs on: a PostgreSQL database created for the run (on the server of
 * BENCH_DATABASE_URL / --databaseUrl, or on a throwaway cluster of scripts/pg-test-cluster.sh with a
 * state file of its own, so no other user of the script is touched), or PGlite in a temporary folder.
 * cleanup() drops what was made.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../apps/server/src/db/database.ts';

/** open(): PostgreSQL with a pool of 4 connections unless `max` says otherwise (the server's default is 10). */
export type Target = { name: 'postgres' | 'pglite'; open: (options?: { max?: number }) => Promise<DatabaseHandle>; cleanup: () => Promise<void> };

const root = path.resolve(import.meta.dirname, '../..');

export async function postgresTarget(databaseUrl: string | undefined, label: string): Promise<Target> {
  let adminUrl = databaseUrl;
  let stopCluster: (() => void) | null = null;
  if (!adminUrl) {
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-')), 'pg.state');
    const env = { ...process.env, PG_TEST_STATE: state };
    const script = path.join(root, 'scripts/pg-test-cluster.sh');
    console.log(`[${label}] starting a throwaway PostgreSQL cluster (scripts/pg-test-cluster.sh)`);
    adminUrl = execFileSync(script, ['start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    stopCluster = () => {
      execFileSync(script, ['stop'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
      fs.rmSync(path.dirname(state), { recursive: true, force: true });
    };
  }
  const name = `pioneer_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    open: (options) => openDatabase({ kind: 'postgres', url: url.toString(), max: options?.max ?? 4 }),
    cleanup: async () => {
      // pg's Pool.end() resolves while its connections are still closing; a forced drop that
      // terminates one of them makes the closing client emit an error nobody listens to any more.
      await waitForNoSessions(adminUrl, name);
      await admin(`drop database if exists ${name} with (force)`);
      stopCluster?.();
    },
  };
}

/** Waits up to 10 s for the sessions on a database to end. */
async function waitForNoSessions(adminUrl: string, database: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [database]);
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await c.end();
  }
}

export function pgliteTarget(): Target {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-pglite-'));
  return {
    name: 'pglite',
    open: () => openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
