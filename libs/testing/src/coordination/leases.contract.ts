import { randomUUID } from 'node:crypto';
import type { LeasesContractContext, LeasesContractOptions, LeasesUnderTest } from './harness';
import { leaseExclusivityContract } from './lease-exclusivity.contract';
import { leaseLifecycleContract } from './lease-lifecycle.contract';
import { leaseTokensContract } from './lease-tokens.contract';

/**
 * The one Leases contract (DESIGN.md §1 Recovery, DOMAIN.md §2.4), run unchanged against every
 * adapter: call it at the top level of an adapter's *.int.spec.ts. Each test gets a fresh subject
 * from `make` (its own key prefix) and disposes of it after.
 */
export function leasesContract(name: string, make: () => Promise<LeasesUnderTest>, options: LeasesContractOptions): void {
  describe(`leases contract: ${name}`, () => {
    let current: LeasesUnderTest | undefined;
    const ctx: LeasesContractContext = {
      subject: () => {
        if (!current) throw new Error('the leases were not made (see the beforeEach error)');
        return current;
      },
      leases: () => ctx.subject().leases,
      key: () => `session-${randomUUID()}`,
      shortTtlMs: options.shortTtlMs,
      longTtlMs: options.longTtlMs ?? 60_000,
    };

    beforeEach(async () => {
      current = await make();
    });

    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    jest.setTimeout(options.testTimeoutMs ?? 20_000);
    leaseExclusivityContract(ctx);
    leaseLifecycleContract(ctx);
    leaseTokensContract(ctx);
  });
}
