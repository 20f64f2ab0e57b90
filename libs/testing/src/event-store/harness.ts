import type { EventStore, EventToAppend } from '@orch/application';

/** What an adapter gives the event-store contract suite. Differences between adapters are options here. */
export interface EventStoreHarness {
  readonly store: EventStore;
  /**
   * Starts a transaction that appends `events` to `streamName` and stays open until `commit()`.
   * Adapters without client-side transactions (EventStoreDB) omit it; the concurrency test then
   * runs its writers without the held transaction.
   */
  readonly holdAppendOpen?: (
    streamName: string,
    events: readonly EventToAppend[],
  ) => Promise<{ commit(): Promise<void> }>;
  /** Closes the store and removes everything the harness created (databases, streams prefixes). */
  readonly dispose: () => Promise<void>;
}

export interface EventStoreContractOptions {
  /** Shown in the describe block, e.g. `postgres` or `esdb`. */
  readonly adapterName: string;
  /** Called once per test file (beforeAll); each test uses unique stream names. */
  readonly createHarness: () => Promise<EventStoreHarness>;
}
