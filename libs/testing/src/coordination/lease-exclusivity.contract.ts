import type { Lease } from '@orch/application';
import type { LeasesContractContext } from './harness';

const held = (lease: Lease | null) => ({ key: lease?.key, owner: lease?.owner, token: lease?.token });

export function leaseExclusivityContract(ctx: LeasesContractContext): void {
  describe('exclusivity', () => {
    it('given a free key, when an owner acquires it, then it holds a lease with a positive integer token, expiring a TTL from now', async () => {
      const key = ctx.key();
      const before = ctx.subject().now();
      const lease = await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs);
      const after = ctx.subject().now();
      expect(lease).toMatchObject({ key, owner: 'engine-a' });
      expect(Number.isSafeInteger(lease?.token) && (lease?.token ?? 0) > 0).toBe(true);
      const expiresAt = Date.parse(lease?.expiresAt ?? '');
      expect(expiresAt).toBeGreaterThanOrEqual(before + ctx.longTtlMs);
      expect(expiresAt).toBeLessThanOrEqual(after + ctx.longTtlMs);
      const holder = await ctx.leases().holder(key);
      expect(held(holder)).toEqual(held(lease));
      expect(Math.abs(Date.parse(holder?.expiresAt ?? '') - expiresAt)).toBeLessThan(1_000);
    });

    it('given a held lease, when another owner acquires it, then null and the holder is unchanged', async () => {
      const key = ctx.key();
      const first = await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs);
      const peer = await ctx.subject().peer();
      expect(await peer.acquire(key, 'engine-b', ctx.longTtlMs)).toBeNull();
      expect(held(await peer.holder(key))).toEqual(held(first));
    });

    it('given two engines on their own clients, when they race to acquire free keys, then exactly one wins each race', async () => {
      const [a, b] = [ctx.leases(), await ctx.subject().peer()];
      for (let round = 0; round < 10; round += 1) {
        const key = ctx.key();
        const results = await Promise.all([a.acquire(key, 'engine-a', ctx.longTtlMs), b.acquire(key, 'engine-b', ctx.longTtlMs)]);
        const winners = results.filter((lease): lease is Lease => lease !== null);
        expect(winners).toHaveLength(1);
        expect(held(await a.holder(key))).toEqual(held(winners[0] ?? null));
      }
    });

    it('given 20 engines on their own clients, when all acquire one free key at once, then exactly one holds it', async () => {
      const key = ctx.key();
      const engines = await Promise.all(Array.from({ length: 20 }, () => ctx.subject().peer()));
      const results = await Promise.all(engines.map((leases, index) => leases.acquire(key, `engine-${index}`, ctx.longTtlMs)));
      const winners = results.filter((lease): lease is Lease => lease !== null);
      expect(winners).toHaveLength(1);
      expect(held(await ctx.leases().holder(key))).toEqual(held(winners[0] ?? null));
    });

    it('given a held lease, when its owner acquires it again (a retry after a lost reply), then the same token, extended', async () => {
      const key = ctx.key();
      const first = await ctx.leases().acquire(key, 'engine-a', ctx.shortTtlMs);
      const again = await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs);
      expect(held(again)).toEqual(held(first));
      expect(Date.parse(again?.expiresAt ?? '')).toBeGreaterThan(Date.parse(first?.expiresAt ?? ''));
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      expect(held(await ctx.leases().holder(key))).toEqual(held(first));
    });

    it('given a key held by one owner, when another owner acquires a different key, then both hold their own', async () => {
      const [first, second] = [ctx.key(), ctx.key()];
      const a = await ctx.leases().acquire(first, 'engine-a', ctx.longTtlMs);
      const b = await ctx.leases().acquire(second, 'engine-b', ctx.longTtlMs);
      expect(held(await ctx.leases().holder(first))).toEqual(held(a));
      expect(held(await ctx.leases().holder(second))).toEqual(held(b));
    });
  });
}
