import type { Lease } from '@orch/application';

/**
 * The next fencing token for a key: one more than the last, but never below the current time in
 * microseconds since the epoch. The counter alone would start again at 1 whenever it is lost (a
 * Redis without persistence restarted, restored from an older snapshot, or the in-process store
 * after the process restarts), while the command side still remembers the old, higher tokens: new
 * holders would be refused, and a stale holder could present a token a new holder also gets. With
 * the time floor a lost counter resumes above every token issued before, as long as the clock
 * (Redis' own, for RedisLeases) has not stepped back and a key changed hands less than once per
 * microsecond on average (a Redis round trip alone takes longer; in milliseconds, a key handed
 * over 200 times in a tight loop ran ahead of the clock and a lost counter came back below it).
 * Tokens stay below 2^53 (exact in a JS number) until the year 2255.
 * The Redis script (`redis/lease-scripts.ts`) does the same arithmetic on the server.
 */
export function nextFencingToken(lastToken: number, nowMs: number): number {
  return Math.max(lastToken + 1, Math.floor(nowMs * 1000));
}

/** A TTL is a whole, positive number of milliseconds (what Redis' PX accepts). */
export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
}

export function checkLeaseName(what: 'key' | 'owner', value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new RangeError(`a lease ${what} must be a non-empty string`);
}

export function leaseOf(key: string, owner: string, token: number, expiresAtMs: number): Lease {
  return { key, owner, token, expiresAt: new Date(expiresAtMs).toISOString() };
}
