/**
 * Leases (DESIGN.md §1 Recovery, DOMAIN.md §2.4 Lease loss): one engine instance drives a given
 * session at a time. Coordination, not events: Redis when `REDIS_URL` is set, in-process otherwise.
 * Every adapter passes `leasesContract` in libs/testing.
 *
 * A lease carries a **fencing token** that strictly increases each time the key changes hands (and
 * never repeats for a key, even after expiry or release). The engine writes the token into the
 * metadata of every command it sends while holding the lease; the command side rejects a command
 * whose token is lower than one already recorded for that key, so an engine that lost its lease
 * (paused, partitioned) cannot act on stale state.
 */
export interface Lease {
  readonly key: string;
  readonly owner: string;
  readonly token: number;
  /** ISO 8601 UTC: when the lease lapses unless renewed. */
  readonly expiresAt: string;
}

export interface Leases {
  /**
   * Takes the lease when it is free or lapsed (a new, higher token); null while someone else holds it.
   * Asked again by the owner that holds it, answers that same lease (same token) extended by `ttlMs`,
   * so an acquire retried after a lost reply is harmless. `ttlMs` is a positive integer (else RangeError).
   */
  acquire(key: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /** Extends a lease still held by this owner with this token; null when it was lost (lapsed, released, or taken). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up if still held with this token; a no-op otherwise. */
  release(lease: Lease): Promise<void>;
  /** The current holder, if any (for status pages and tests). */
  holder(key: string): Promise<Lease | null>;
  /** Throws CoordinationUnavailableError when the coordination store is unreachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The coordination store (Redis) cannot be reached or did not answer in time. Every Leases and
 * Heartbeats call rejects with it promptly instead of waiting for the store to come back; the
 * caller decides (the engine stops taking leases and reports not-ready; the api answers 503).
 * A call that failed with it may or may not have been applied: a lease acquired that way is
 * simply never used and lapses (or the same owner's retried acquire gets it back).
 */
export class CoordinationUnavailableError extends Error {
  readonly code = 'COORDINATION.UNAVAILABLE';
  constructor(
    /** What was being done, e.g. `acquire`, `beat`. */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(`Coordination store unavailable during ${operation}: ${describeCause(options?.cause)}`, options);
    this.name = 'CoordinationUnavailableError';
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : cause === undefined ? 'no answer' : String(cause);
}
