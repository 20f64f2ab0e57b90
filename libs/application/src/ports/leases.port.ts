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
  /** Takes the lease when it is free or lapsed (a new, higher token); null while someone else holds it. */
  acquire(key: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /** Extends a lease still held by this owner with this token; null when it was lost (lapsed and taken, or released). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up if still held with this token; a no-op otherwise. */
  release(lease: Lease): Promise<void>;
  /** The current holder, if any (for status pages and tests). */
  holder(key: string): Promise<Lease | null>;
  /** Throws when the coordination store is unreachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
