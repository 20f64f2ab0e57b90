export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Delay before attempt `failedAttempts + 1`: exponential (base · 2^(n−1)), capped, with "equal
 * jitter" — half fixed, half random — so retries of one outage spread out but never come early.
 */
export function backoffDelay(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 40));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
