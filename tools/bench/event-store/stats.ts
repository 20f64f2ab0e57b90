import type { Percentiles } from './jobs';

/** Nearest-rank percentiles of a sample (all zero for an empty one). */
export function percentiles(sample: readonly number[]): Percentiles {
  if (sample.length === 0) return { p50: 0, p99: 0, max: 0 };
  const sorted = [...sample].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}
