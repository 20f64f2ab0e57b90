// `@orch/read-models/testing`: the read-model test helpers, for specs and benchmarks of other
// projects (the CLI's, the projection bench). Not part of the production entry point.
export { setUpReadModels, type ReadModelHarness, type TestDatabase } from './harness';
export { runWorkload, type WorkloadOptions, type WorkloadResult } from './workload/run-workload';
export { appendMixedHistory } from './mixed-history';
export { appendFacts, fact, TestClock, type CommandMeta, type DomainFact } from './events';
export { snapshotTables } from './snapshot';
export { visibleEventsUpTo } from './visible-events';
