export { eventStoreContract } from './event-store.contract';
export { type EventStoreContractOptions, type EventStoreHarness } from './harness';
export { SubscriptionProbe } from './subscription-probe';
export { anEvent, someEvents, uniqueCategory } from './contract-fixtures';
