export { AgentProtocol, type AgentProtocolOptions, type ProgressAnswer, type ProgressReport, type ProtocolAgent, type ResultReport, type UsageIncrement } from './agent-protocol';
export { HttpAgentRuntime, type HttpRuntimeOptions } from './http-runtime';
export { ProtocolError } from './protocol-error';
export { DEFAULT_PUSH_POLICY, type PushPolicy } from './push-client';
export { agentSigningSecret } from './signing-secret';
export type { AgentMessage, TaskAssignment } from './task-assignment';
export type { PendingPrompt, ResultAudit } from './store/run-store';
