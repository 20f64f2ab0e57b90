import { type EventStore } from '@orch/application';
import { appendContract } from './append.contract';
import { concurrencyContract } from './concurrency.contract';
import { type ContractContext } from './contract-context';
import { type EventStoreContractOptions, type EventStoreHarness } from './harness';
import { readAllContract } from './read-all.contract';
import { readStreamContract } from './read-stream.contract';
import { streamLifecycleContract } from './stream-lifecycle.contract';
import { subscriptionsContract } from './subscriptions.contract';

/**
 * The one event-store contract (DESIGN.md §4), run unchanged against every adapter: call it at the
 * top level of an adapter's *.int.spec.ts. Adapter differences are options of the harness only.
 * Every test writes to streams of its own random category, so tests and runs never collide.
 */
export function eventStoreContract(options: EventStoreContractOptions): void {
  describe(`event store contract: ${options.adapterName}`, () => {
    let current: EventStoreHarness | undefined;
    const ctx: ContractContext = {
      harness: () => {
        if (!current) throw new Error('the event-store harness was not created (see the beforeAll error)');
        return current;
      },
      store: (): EventStore => ctx.harness().store,
    };

    beforeAll(async () => {
      current = await options.createHarness();
    }, 60_000);

    afterAll(async () => {
      await current?.dispose();
    }, 60_000);

    appendContract(ctx);
    readStreamContract(ctx);
    readAllContract(ctx);
    subscriptionsContract(ctx);
    streamLifecycleContract(ctx);
    concurrencyContract(ctx);
  });
}
