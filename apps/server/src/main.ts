/**
 * Entry point: read config, open the database, apply migrations, create the first accounts, and
 * start the roles asked for (--role=web|worker|all; the worker runs the background jobs of jobs/).
 * SIGINT/SIGTERM close the listener, let in-flight requests and the running job finish, then close
 * the database.
 */
import pino from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { ServerContext } from './context.ts';
import { openConfiguredDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { jobDefinitions } from './jobs/index.ts';
import { createJobRunner } from './jobs/runner.ts';
import { createPii, loadDataKey } from './lib/pii.ts';
import { ensureBootstrapAccounts } from './modules/auth/auth.service.ts';
import { checkPdfFont } from './modules/circulars/circulars.render.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? 'all';
  const log = pino({ level: config.logLevel });
  try {
    checkPdfFont(config.pdfFontPath);
  } catch (error) {
    // Everything else works without it; generating a circular will refuse with the same advice.
    log.error((error as Error).message);
  }
  const handle = await openConfiguredDatabase(config);
  const applied = await migrateToLatest(handle.db as never);
  log.info({ database: handle.kind, applied }, 'database ready');

  const ctx: ServerContext = { config, db: handle.db, pii: createPii(loadDataKey(config.dataKey, config.dataDir)), log, now: () => new Date() };
  for (const account of await ensureBootstrapAccounts(ctx)) {
    // Printed once, on the console only: this is the only place these passwords ever appear.
    console.log(`\n  Initial password for "${account.username}": ${account.password}\n  (change it at first login)\n`);
  }

  const runner = role === 'worker' || role === 'all' ? createJobRunner(ctx, { jobs: jobDefinitions }) : null;
  if (runner) {
    runner.start();
    log.info({ jobs: jobDefinitions.map((j) => j.id) }, 'job runner started');
  }
  const app = role === 'worker' ? null : await buildApp(ctx);
  if (app) {
    await app.listen({ port: config.port, host: config.host });
    log.info(`Pioneer is serving http://localhost:${config.port}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    // close() stops accepting connections and resolves once in-flight requests have finished.
    await app?.close();
    await runner?.stop();
    await handle.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
