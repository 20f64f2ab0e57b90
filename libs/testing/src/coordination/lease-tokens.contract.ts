import type { Leases } from '@orch/application';
import type { LeasesContractContext } from './harness';
import { mustHold } from './must-hold';

function expectStrictlyIncreasing(tokens: readonly number[]): void {
  tokens.slice(1).forEach((token, index) => expect(token).toBeGreaterThan(tokens[index] as number));
  expect(new Set(tokens).size).toBe(tokens.length);
}

export function leaseTokensContract(ctx: LeasesContractContext): void {
  describe('fencing tokens', () => {
    it('given a key changing hands by release and by expiry, when each new holder acquires it, then every token is higher than the last', async () => {
      const key = ctx.key();
      const peer = await ctx.subject().peer();
      const first = mustHold(await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs));
      await ctx.leases().release(first);
      const second = mustHold(await peer.acquire(key, 'engine-b', ctx.shortTtlMs));
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      const third = mustHold(await ctx.leases().acquire(key, 'engine-c', ctx.shortTtlMs));
      await ctx.subject().elapse(ctx.shortTtlMs * 2);
      const fourth = mustHold(await peer.acquire(key, 'engine-a', ctx.longTtlMs));
      expectStrictlyIncreasing([first, second, third, fourth].map((lease) => lease.token));
    });

    it('given 40 hand-overs of a key between two engines, when the tokens are compared, then none repeats and each is higher than the one before', async () => {
      const key = ctx.key();
      const engines: Leases[] = [ctx.leases(), await ctx.subject().peer()];
      const tokens: number[] = [];
      for (let round = 0; round < 40; round += 1) {
        const leases = engines[round % 2] as Leases;
        const lease = mustHold(await leases.acquire(key, `engine-${round % 2}`, ctx.longTtlMs));
        tokens.push(lease.token);
        await leases.release(lease);
      }
      expectStrictlyIncreasing(tokens);
    });

    it('given a renewed lease and a re-acquire by its holder, when the token is compared, then it is unchanged (the key did not change hands)', async () => {
      const key = ctx.key();
      const lease = mustHold(await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs));
      const renewed = mustHold(await ctx.leases().renew(lease, ctx.longTtlMs));
      const again = mustHold(await ctx.leases().acquire(key, 'engine-a', ctx.longTtlMs));
      expect([renewed.token, again.token]).toEqual([lease.token, lease.token]);
    });
  });
}
