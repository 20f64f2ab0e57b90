import type { Tier } from './agent.vocabulary';

/** The last 10 counted outcomes, oldest first; `true` is a success (DOMAIN.md §4.4). */
export const WINDOW_SIZE = 10;
const MIN_RATED = 5;

/** A degraded agent is tried again only as a probe, at least this long after its last counted outcome (§4.4). */
export const PROBE_COOLDOWN_MS = 60_000;

export function windowAfter(window: readonly boolean[], success: boolean): readonly boolean[] {
  return [...window, success].slice(-WINDOW_SIZE);
}

export function successesIn(window: readonly boolean[]): number {
  return window.filter(Boolean).length;
}

/** successes / n with 4 decimals; 0 for an empty window. */
export function successRate(window: readonly boolean[]): number {
  return window.length === 0 ? 0 : Math.round((successesIn(window) / window.length) * 10_000) / 10_000;
}

/**
 * The tier rules of §4.4, in order: (1) n < 5 → competent; (2) degraded → trainee when rate > 0.5, else stays;
 * (3) rate ≥ 0.95 with a full window → elite, ≥ 0.85 advanced, ≥ 0.70 competent, ≥ 0.30 trainee, else degraded.
 * Thresholds are compared in integers (successes × 100 against percent × n) so 7/10 is exactly 0.70.
 */
export function nextTier(current: Tier, window: readonly boolean[]): Tier {
  const n = window.length;
  const percent = (threshold: number) => successesIn(window) * 100 >= threshold * n;
  if (n < MIN_RATED) return 'competent';
  if (current === 'degraded') return successesIn(window) * 2 > n ? 'trainee' : 'degraded';
  if (percent(95) && n === WINDOW_SIZE) return 'elite';
  if (percent(85)) return 'advanced';
  if (percent(70)) return 'competent';
  if (percent(30)) return 'trainee';
  return 'degraded';
}
