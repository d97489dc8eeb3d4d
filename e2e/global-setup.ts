import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { STATE_FILE_ENV, writeState, type E2eState } from './support/state.ts';

/**
 * Before the journeys: a fresh temporary run dir holding DATA_DIR (data/) and the journeys'
 * shared state (state.json: the administrators' current passwords), the demo county loaded into
 * it (small size), and the server started on it at E2E_PORT (default 3100), ready when
 * GET /healthz answers 200. The demo loader prints the random initial passwords of secadmin and
 * auditadmin once; they are read from its output into the state file, which is how the audit
 * journey signs in as auditadmin. The returned function (Playwright's global teardown) stops the
 * server and deletes the dir. The server's output goes to test-results/e2e-server.log.
 *
 * Env: E2E_PORT, E2E_DEMO_SIZE (default 0.05), E2E_BASE_URL (skip all this: use that server;
 * then E2E_ADMIN_PASSWORD and E2E_AUDITADMIN_PASSWORD give the administrators' passwords).
 */
export const ADMIN_PASSWORD = 'Admin#2026pass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-e2e-'));
  const dataDir = path.join(runDir, 'data');
  fs.mkdirSync(dataDir);
  // Workers inherit the environment as it is after global setup: this is how they find the state.
  process.env[STATE_FILE_ENV] = path.join(runDir, 'state.json');

  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] using the server at ${process.env.E2E_BASE_URL}`);
    writeState({
      passwords: {
        admin: process.env.E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD,
        ...(process.env.E2E_AUDITADMIN_PASSWORD ? { auditadmin: process.env.E2E_AUDITADMIN_PASSWORD } : {}),
      },
    });
    return async () => fs.rmSync(runDir, { recursive: true, force: true });
  }

  const port = Number(process.env.E2E_PORT ?? 3100);
  const size = process.env.E2E_DEMO_SIZE ?? '0.05';
  await assertPortFree(port);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Every journey signs in from 127.0.0.1, several times each: the production limit of 20 a
    // minute per address would refuse a fast run. The limit itself has its own server test.
    LOGIN_RATE_LIMIT_PER_MINUTE: process.env.LOGIN_RATE_LIMIT_PER_MINUTE ?? '1000',
  };
  delete env.DATABASE_URL; // always the embedded PGlite in dataDir

  let server: ChildProcess | undefined;
  const teardown = async (): Promise<void> => {
    if (server) await stop(server);
    fs.rmSync(runDir, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    console.log(`[e2e] loading demo data (--size ${size}) into ${dataDir}`);
    const output = await run(process.execPath, ['--import', 'tsx', 'apps/server/src/demo/cli.ts', '--size', size], env, 10 * 60_000);
    console.log(`[e2e] demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const state: E2eState = { passwords: { admin: ADMIN_PASSWORD, ...initialPasswords(output) } };
    if (!state.passwords.auditadmin) throw new Error('the demo loader did not print the initial password of auditadmin');
    writeState(state);

    const logFile = path.join(root, 'test-results', 'e2e-server.log');
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const log = fs.openSync(logFile, 'w');
    server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    await waitForHealth(`http://${host}:${port}/healthz`, server, 120_000, logFile);
    console.log(`[e2e] server ready at http://${host}:${port} (log: ${path.relative(root, logFile)})`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** The passwords an administrator-creating run printed once ("Initial password for "x": y"). */
function initialPasswords(output: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of output.matchAll(/Initial password for "([^"]+)": (\S+)/g)) found[m[1]!] = m[2]!;
  return found;
}

/** Runs a command to completion; its stdout is shown and also returned. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stdout.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${args.join(' ')} failed (exit ${code ?? signal})`));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (${server.exitCode ?? server.signalCode}) before it was healthy:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy after ${timeoutMs / 1000}s (last: ${last}):\n${tail(logFile)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} on ${host} is in use; set E2E_PORT to a free port`)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}
