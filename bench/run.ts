/**
 * `npm run bench -- <name> [--option value …]`: runs bench/<name>.ts, prints its result as a
 * table and writes it, with the machine it ran on, to bench/results/<name>.json (gitignored).
 *
 * A benchmark is a module exporting `async function run(options): Promise<BenchResult>`, where
 * options are the command-line flags after the name (`--size 2` → { size: '2' }, `--quick` →
 * { quick: true }). Benchmarks are never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type BenchOptions = Record<string, string | boolean>;

export type BenchResult = {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Lines printed under the table (targets met or missed, what was measured). */
  notes?: string[];
  /** Anything else worth keeping in the JSON file (query plans, versions). */
  details?: Record<string, unknown>;
};

export type Benchmark = { run: (options: BenchOptions) => Promise<BenchResult> };

export type MachineInfo = { nproc: number; cpu: string; memoryGiB: number; node: string; platform: string; kernel: string };

export function machineInfo(): MachineInfo {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() is what we have.
  }
  let nproc = os.availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // No coreutils: availableParallelism() is the same figure in practice.
  }
  return { nproc, cpu, memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10, node: process.version, platform: `${os.platform()} ${os.arch()}`, kernel: os.release() };
}

export function parseOptions(args: string[]): BenchOptions {
  const options: BenchOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (options are --name value or --flag)`);
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) options[key] = inline;
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) options[key] = args[++i]!;
    else options[key] = true;
  }
  return options;
}

export function formatTable(columns: string[], rows: Array<Array<string | number>>): string {
  const cells = [columns, ...rows.map((r) => r.map(String))];
  // CJK characters take two columns in a terminal.
  const width = (s: string) => Array.from(s).reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = columns.map((_, c) => Math.max(...cells.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) => r.map((cell, c) => (typeof rows[0]?.[c] === 'number' ? ' '.repeat(widths[c]! - width(cell)) + cell : cell + ' '.repeat(widths[c]! - width(cell)))).join(' | ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const benchDir = import.meta.dirname;
  const available = fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <name> [--option value …]\nbenchmarks: ${available.join(', ') || '(none)'}`);
    return 2;
  }
  const bench = (await import(pathToFileURL(path.join(benchDir, `${name}.ts`)).href)) as Benchmark;
  const machine = machineInfo();
  console.log(`[bench] ${name} on ${machine.nproc} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  const started = new Date();
  const result = await bench.run(parseOptions(rest));
  console.log(`\n${result.title}\n\n${formatTable(result.columns, result.rows)}`);
  for (const note of result.notes ?? []) console.log(note);
  const resultsDir = path.join(benchDir, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ name, startedAt: started.toISOString(), finishedAt: new Date().toISOString(), machine, ...result }, null, 2) + '\n');
  console.log(`\n[bench] written to ${path.relative(process.cwd(), file)}`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
