export { agentRuntimeContract } from './agent-runtime.contract';
export type { AfterRestart, AgentRuntimeContractOptions, PermissionRequests, RunBehaviour } from './harness';
export { aRunRequest, listFiles } from './run-fixtures';
export { allEvents, firstEvent, isPermissionRequest, isProgress, startedRun } from './run-probes';
