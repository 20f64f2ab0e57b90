import type { Lease, Leases } from '@orch/application';
import { checkLeaseName, checkTtl, leaseOf, nextFencingToken } from '../lease-rules';

export interface InProcessLeasesOptions {
  /** Milliseconds since the epoch; tests pass a clock they move. Default `Date.now`. */
  readonly now?: () => number;
}

interface Held {
  readonly owner: string;
  readonly token: number;
  readonly expiresAtMs: number;
}

/**
 * Leases of one node (no REDIS_URL), with RedisLeases' semantics: each method runs to completion
 * without awaiting, so check-and-take is atomic on Node's single thread. Tokens take the time
 * floor (lease-rules.ts): after a restart of the process the counters are gone, yet new tokens
 * stay above those the command side recorded before it.
 */
export class InProcessLeases implements Leases {
  private readonly held = new Map<string, Held>();
  private readonly lastTokens = new Map<string, number>();
  private readonly now: () => number;

  constructor(options: InProcessLeasesOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<Lease | null> {
    checkLeaseName('key', key);
    checkLeaseName('owner', owner);
    checkTtl(ttlMs);
    const now = this.now();
    const current = this.current(key, now);
    if (current && current.owner !== owner) return null;
    const token = current?.token ?? nextFencingToken(this.lastTokens.get(key) ?? 0, now);
    this.lastTokens.set(key, token);
    this.held.set(key, { owner, token, expiresAtMs: now + ttlMs });
    return leaseOf(key, owner, token, now + ttlMs);
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | null> {
    checkTtl(ttlMs);
    const now = this.now();
    if (!this.isHeld(lease, now)) return null;
    this.held.set(lease.key, { owner: lease.owner, token: lease.token, expiresAtMs: now + ttlMs });
    return leaseOf(lease.key, lease.owner, lease.token, now + ttlMs);
  }

  async release(lease: Lease): Promise<void> {
    if (this.isHeld(lease, this.now())) this.held.delete(lease.key);
  }

  async holder(key: string): Promise<Lease | null> {
    const current = this.current(key, this.now());
    return current ? leaseOf(key, current.owner, current.token, current.expiresAtMs) : null;
  }

  async ping(): Promise<void> {
    // Always reachable: the store is this process.
  }

  async close(): Promise<void> {
    this.held.clear();
  }

  private current(key: string, now: number): Held | undefined {
    const held = this.held.get(key);
    return held && held.expiresAtMs > now ? held : undefined;
  }

  private isHeld(lease: Lease, now: number): boolean {
    const current = this.current(lease.key, now);
    return current !== undefined && current.owner === lease.owner && current.token === lease.token;
  }
}
