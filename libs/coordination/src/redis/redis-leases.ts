import type { Lease, Leases } from '@orch/application';
import { checkLeaseName, checkTtl, leaseOf } from '../lease-rules';
import { defineLeaseScripts, type LeaseScripts } from './lease-scripts';
import { RedisConnection } from './redis-connection';

export interface RedisLeasesOptions {
  readonly redisUrl: string;
  /** Prefix of every key, e.g. per deployment or per test. Default `orch:`. */
  readonly keyPrefix?: string;
  /** Reply and first-connection timeout before CoordinationUnavailableError; default 1000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Leases on Redis (DESIGN.md §1 Recovery). Who holds a key is decided by Redis alone, inside one
 * script, against an expiry Redis keeps on its own clock; no client's clock enters that decision,
 * so clock skew between engines cannot make two holders. `expiresAt` is the client's clock read
 * *before* the request, plus the TTL: Redis starts the TTL later than that, so the holder's view
 * lapses no later than Redis' and it stops acting first. Only durations are compared, so a skewed
 * client clock does not matter (compare `expiresAt` with the same process' clock). The fencing
 * token comes from Redis' own `TIME` and counter, one clock for every engine (see lease-rules.ts).
 */
export class RedisLeases implements Leases {
  private readonly connection: RedisConnection;
  private readonly scripts: LeaseScripts;
  private readonly prefix: string;

  constructor(options: RedisLeasesOptions) {
    this.prefix = options.keyPrefix ?? 'orch:';
    this.connection = new RedisConnection({
      redisUrl: options.redisUrl,
      connectionName: `orch-leases:${this.prefix}`,
      timeoutMs: options.timeoutMs,
    });
    this.scripts = defineLeaseScripts(this.connection.client);
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<Lease | null> {
    checkLeaseName('key', key);
    checkLeaseName('owner', owner);
    checkTtl(ttlMs);
    const sentAt = Date.now();
    const token = await this.connection.run('acquire', () => this.scripts.acquire(this.holderKey(key), this.counterKey(key), owner, ttlMs));
    return token === null ? null : leaseOf(key, owner, Number(token), sentAt + ttlMs);
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | null> {
    checkTtl(ttlMs);
    const sentAt = Date.now();
    const extended = await this.connection.run('renew', () => this.scripts.renew(this.holderKey(lease.key), valueOf(lease), ttlMs));
    return extended === 1 ? leaseOf(lease.key, lease.owner, lease.token, sentAt + ttlMs) : null;
  }

  async release(lease: Lease): Promise<void> {
    await this.connection.run('release', () => this.scripts.release(this.holderKey(lease.key), valueOf(lease)));
  }

  async holder(key: string): Promise<Lease | null> {
    const sentAt = Date.now();
    const found = await this.connection.run('holder', () => this.scripts.holder(this.holderKey(key)));
    if (found === null) return null;
    const [value, remainingMs] = found;
    const sep = value.indexOf(':');
    return leaseOf(key, value.slice(sep + 1), Number(value.slice(0, sep)), sentAt + Number(remainingMs));
  }

  async ping(): Promise<void> {
    await this.connection.run('ping', (client) => client.ping());
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  /** `{key}` is a hash tag: a key's holder and counter share a Redis Cluster slot, as a script needs. */
  private holderKey(key: string): string {
    return `${this.prefix}lease:{${key}}`;
  }

  private counterKey(key: string): string {
    return `${this.prefix}lease-token:{${key}}`;
  }
}

function valueOf(lease: Lease): string {
  return `${lease.token}:${lease.owner}`;
}
