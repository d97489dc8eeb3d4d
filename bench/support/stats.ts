/**
 * Latency figures of the org-life benchmarks: nearest-rank percentiles over the samples of a run,
 * and a timer for repeated calls after a warm-up. Milliseconds throughout.
 */

export type Latency = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank: the smallest sample with at least p% of the samples at or below it. */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedMs.length));
  return sortedMs[Math.min(sortedMs.length, rank) - 1]!;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: samples.reduce((s, x) => s + x, 0) / (samples.length || 1),
  };
}

/** Two decimals, for tables. */
export const ms = (x: number) => Math.round(x * 100) / 100;

/** Runs `work` `warmUp` times unmeasured, then `calls` times measured one after the other. */
export async function timeCalls(work: () => Promise<unknown>, options: { calls: number; warmUp: number }): Promise<Latency> {
  for (let i = 0; i < options.warmUp; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < options.calls; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return latency(samples);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}
