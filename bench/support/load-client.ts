/**
 * An open-loop HTTP load generator, run in a worker thread so that its timers do not wait for the
 * server's event loop (the server runs in the main thread of the same process). Request i is due
 * at start + i × intervalMs whatever happened to earlier ones — phones do not wait for each other —
 * over keep-alive connections (node:http Agent). Latency is taken from the moment a request was
 * due, so a late send counts against the server rather than being hidden (coordinated omission);
 * the send lag is reported apart.
 *
 * startLoadClient() is the main-thread side; the worker side runs when this module is loaded in a
 * worker with workerData.
 */
import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export type LoadRequest = { path: string; cookie: string; csrf: string };

export type LoadPlan = { port: number; requests: LoadRequest[]; intervalMs: number; maxSockets: number };

export type LoadOutcome = {
  /** Due → answer, per request, in the order they were due. */
  latencyMs: number[];
  /** Due → actually written to the socket. */
  sendLagMs: number[];
  status: number[];
  /** Error code of the body (`{ error: { code } }`), or the network error's code; null when 2xx. */
  errorCode: Array<string | null>;
  /** The first body seen for each error code. */
  errorBodies: Record<string, string>;
  /** First due → last answer. */
  wallMs: number;
};

function runPlan(plan: LoadPlan): Promise<LoadOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.maxSockets });
  const n = plan.requests.length;
  const out: LoadOutcome = { latencyMs: new Array(n), sendLagMs: new Array(n), status: new Array(n), errorCode: new Array(n), errorBodies: {}, wallMs: 0 };
  const start = performance.now() + 50;
  let done = 0;
  let lastAnswer = start;
  return new Promise((resolve) => {
    const finish = (i: number, status: number, code: string | null, body: string) => {
      const now = performance.now();
      out.latencyMs[i] = now - (start + i * plan.intervalMs);
      out.status[i] = status;
      out.errorCode[i] = code;
      if (code && !(code in out.errorBodies)) out.errorBodies[code] = body.slice(0, 500);
      lastAnswer = Math.max(lastAnswer, now);
      if (++done === n) {
        agent.destroy();
        out.wallMs = lastAnswer - start;
        resolve(out);
      }
    };
    const fire = (i: number) => {
      const r = plan.requests[i]!;
      out.sendLagMs[i] = performance.now() - (start + i * plan.intervalMs);
      const req = http.request(
        { host: '127.0.0.1', port: plan.port, method: 'POST', path: r.path, agent, headers: { cookie: r.cookie, 'x-csrf-token': r.csrf, 'content-length': '0' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            let code: string | null = null;
            if (status < 200 || status >= 300) {
              try {
                code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? `HTTP_${status}`;
              } catch {
                code = `HTTP_${status}`;
              }
            }
            finish(i, status, code, body);
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => finish(i, 0, error.code ?? 'NETWORK_ERROR', String(error)));
      req.end();
    };
    // One timer per due request would be 5,000 timers; a loop that sleeps until the next one is due
    // and then sends everything that has fallen due keeps the schedule within a millisecond.
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < n && start + next * plan.intervalMs <= now) fire(next++);
      if (next < n) setTimeout(tick, Math.max(0, start + next * plan.intervalMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}

/** Runs the plan in a worker thread and resolves with its outcome. */
export function startLoadClient(plan: LoadPlan): Promise<LoadOutcome> {
  const url = import.meta.url;
  // The worker must load this TypeScript file through tsx, which --import does not carry into workers.
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`, { eval: true, workerData: { plan } });
  return new Promise((resolve, reject) => {
    worker.once('message', (outcome: LoadOutcome) => {
      resolve(outcome);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && (workerData as { plan?: LoadPlan } | null)?.plan) {
  void runPlan((workerData as { plan: LoadPlan }).plan).then((outcome) => parentPort!.postMessage(outcome));
}
