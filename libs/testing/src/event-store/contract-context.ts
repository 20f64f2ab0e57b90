import { type EventStore } from '@orch/application';
import { type EventStoreHarness } from './harness';

/** What each part of the contract gets: the harness, created once per file in beforeAll. */
export interface ContractContext {
  harness(): EventStoreHarness;
  store(): EventStore;
}
