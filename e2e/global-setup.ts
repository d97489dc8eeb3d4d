import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Before the journeys: a fresh temporary DATA_DIR, the demo county loaded into it (small size),
 * and the server started on it at E2E_PORT (default 3100), ready when GET /healthz answers 200.
 * The returned function (Playwright's global teardown) stops the server and deletes the dir.
 * The server's output goes to test-results/e2e-server.log.
 *
 * Env: E2E_PORT, E2E_DEMO_SIZE (default 0.05), E2E_BASE_URL (skip all this: use that server).
 */
export const ADMIN_PASSWORD = 'Admin#2026pass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] using the server at ${process.env.E2E_BASE_URL}`);
    return async () => {};
  }

  const port = Number(process.env.E2E_PORT ?? 3100);
  const size = process.env.E2E_DEMO_SIZE ?? '0.05';
  await assertPortFree(port);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    PORT: String(port),
    HOST: host,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  delete env.DATABASE_URL; // always the embedded PGlite in dataDir

  let server: ChildProcess | undefined;
  const teardown = async (): Promise<void> => {
    if (server) await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    console.log(`[e2e] loading demo data (--size ${size}) into ${dataDir}`);
    await run(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/demo/cli.ts', '--size', size],
      env,
      10 * 60_000,
    );
    console.log(`[e2e] demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)}s`);

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

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
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
    probe.once('error', () =>
      reject(new Error(`port ${port} on ${host} is in use; set E2E_PORT to a free port`)),
    );
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
