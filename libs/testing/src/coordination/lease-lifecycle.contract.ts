import type { Lease } from '@orch/application';
import type { LeasesContractContext } from './harness';
import { mustHold } from './must-hold';

const held = (lease: Lease | null) => ({ key: lease?.key, owner: lease?.owner, token: lease?.token });

export function leaseLifecycleContract(ctx: LeasesContractContext): void {
  const acquire = async (key: string, owner: string, ttlMs: number) => mustHold(await ctx.leases().acquire(key, owner, ttlMs));

  describe('renew, release, holder, lapse', () => {
    it('given a held lease, when its holder renews it, then it keeps its token and outlives its first TTL', async () => {
      const key = ctx.key();
      const lease = await acquire(key, 'engine-a', ctx.shortTtlMs);
      const renewed = await ctx.leases().renew(lease, ctx.longTtlMs);
      expect(held(renewed)).toEqual(held(lease));
      expect(Date.parse(renewed?.expiresAt ?? '')).toBeGreaterThan(Date.parse(lease.expiresAt));
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      expect(held(await ctx.leases().holder(key))).toEqual(held(lease));
      expect(await ctx.leases().acquire(key, 'engine-b', ctx.longTtlMs)).toBeNull();
    });

    it('given a lease that lapsed and was taken over, when its first holder renews or releases it, then null, and the new holder keeps it', async () => {
      const key = ctx.key();
      const stale = await acquire(key, 'engine-a', ctx.shortTtlMs);
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      const taken = await acquire(key, 'engine-b', ctx.longTtlMs);
      expect(await ctx.leases().renew(stale, ctx.longTtlMs)).toBeNull();
      await ctx.leases().release(stale);
      expect(held(await ctx.leases().holder(key))).toEqual(held(taken));
    });

    it('given a lease that lapsed with nobody taking it, when its holder renews it, then null: a lapsed lease is lost', async () => {
      const key = ctx.key();
      const lease = await acquire(key, 'engine-a', ctx.shortTtlMs);
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      expect(await ctx.leases().renew(lease, ctx.longTtlMs)).toBeNull();
      expect(await ctx.leases().holder(key)).toBeNull();
    });

    it('given a released lease, when it is renewed or released again, then null and nothing changes', async () => {
      const key = ctx.key();
      const lease = await acquire(key, 'engine-a', ctx.longTtlMs);
      await ctx.leases().release(lease);
      expect(await ctx.leases().renew(lease, ctx.longTtlMs)).toBeNull();
      await expect(ctx.leases().release(lease)).resolves.toBeUndefined();
      expect(await ctx.leases().holder(key)).toBeNull();
    });

    it('given a held lease, when another owner presents its token, or its owner another token, then renew answers null and release does nothing', async () => {
      const key = ctx.key();
      const lease = await acquire(key, 'engine-a', ctx.longTtlMs);
      for (const forged of [{ ...lease, owner: 'engine-b' }, { ...lease, token: lease.token + 1 }, { ...lease, token: lease.token - 1 }]) {
        expect(await ctx.leases().renew(forged, ctx.longTtlMs)).toBeNull();
        await ctx.leases().release(forged);
      }
      expect(held(await ctx.leases().holder(key))).toEqual(held(lease));
    });

    it('given a held lease, when its holder releases it, then nobody holds it and another owner acquires it at once', async () => {
      const key = ctx.key();
      await ctx.leases().release(await acquire(key, 'engine-a', ctx.longTtlMs));
      expect(await ctx.leases().holder(key)).toBeNull();
      const peer = await ctx.subject().peer();
      expect(await peer.acquire(key, 'engine-b', ctx.longTtlMs)).toMatchObject({ key, owner: 'engine-b' });
    });

    it('given a lease with a short TTL, when the TTL passes, then nobody holds it and another owner acquires it', async () => {
      const key = ctx.key();
      await acquire(key, 'engine-a', ctx.shortTtlMs);
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      expect(await ctx.leases().holder(key)).toBeNull();
      expect(await ctx.leases().acquire(key, 'engine-b', ctx.longTtlMs)).toMatchObject({ key, owner: 'engine-b' });
    });

    it('given a key never acquired, when its holder is asked, then null', async () => {
      expect(await ctx.leases().holder(ctx.key())).toBeNull();
    });

    it('when a TTL is not a positive whole number of milliseconds, then acquire and renew reject with a RangeError and nothing is taken', async () => {
      const key = ctx.key();
      for (const ttlMs of [0, -1, 1.5, Number.NaN]) {
        await expect(ctx.leases().acquire(key, 'engine-a', ttlMs)).rejects.toBeInstanceOf(RangeError);
      }
      expect(await ctx.leases().holder(key)).toBeNull();
      const lease = await acquire(key, 'engine-a', ctx.longTtlMs);
      await expect(ctx.leases().renew(lease, 0)).rejects.toBeInstanceOf(RangeError);
    });

    it('when the store is reachable, then ping resolves', async () => {
      await expect(ctx.leases().ping()).resolves.toBeUndefined();
    });
  });
}
