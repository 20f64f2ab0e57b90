import type { Command } from '@orch/kernel';
import type { RuntimeInput } from './agent.runtime';

/**
 * Command data as it reaches `decide`: enumerations arrive as plain strings and are validated here.
 * Facts from outside the aggregate (name uniqueness, an http agent's token hash) are resolved by the handler.
 */
export interface RegisterAgentData {
  readonly agentId: string;
  readonly name: string;
  readonly agentType: string;
  readonly primaryCapabilities: readonly string[];
  readonly secondaryCapabilities?: readonly string[];
  /** For `http`, `config.tokenHash` is the sha256 of the token the handler returns once. */
  readonly runtime: RuntimeInput;
  readonly capacity?: number;
  readonly model?: string;
  readonly description?: string;
  /** Handler fact: another agent of the tenant already has this name, ignoring case. */
  readonly nameTaken: boolean;
}

/** Absent = unchanged; `null` removes `model`/`description`. The runtime kind cannot change. */
export interface UpdateAgentData {
  readonly agentId: string;
  readonly capacity?: number;
  readonly primaryCapabilities?: readonly string[];
  readonly secondaryCapabilities?: readonly string[];
  readonly model?: string | null;
  readonly description?: string | null;
  /** For `http`, a missing `tokenHash` keeps the current one; rotation is RotateAgentToken's. */
  readonly runtime?: RuntimeInput;
}

type AgentRef = { readonly agentId: string };

export interface SlotData extends AgentRef {
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

export interface ReleaseAgentTaskData extends SlotData {
  readonly outcome: string;
  readonly capabilities: readonly string[];
  readonly durationMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
}

export type RegisterAgent = Command<'RegisterAgent', RegisterAgentData>;
export type UpdateAgent = Command<'UpdateAgent', UpdateAgentData>;
export type DrainAgent = Command<'DrainAgent', AgentRef>;
export type EnableAgent = Command<'EnableAgent', AgentRef>;
export type DisableAgent = Command<'DisableAgent', AgentRef>;
export type MarkAgentOffline = Command<'MarkAgentOffline', AgentRef & { readonly cause: string; readonly lastSeenAt?: string }>;
export type RecordAgentHeartbeat = Command<'RecordAgentHeartbeat', AgentRef>;
export type AcceptAgentTask = Command<'AcceptAgentTask', SlotData & { readonly probe: boolean }>;
export type ReleaseAgentTask = Command<'ReleaseAgentTask', ReleaseAgentTaskData>;
export type RotateAgentToken = Command<'RotateAgentToken', AgentRef & { readonly tokenHash: string }>;
export type DeregisterAgent = Command<'DeregisterAgent', AgentRef>;

export type AgentCommand =
  | RegisterAgent
  | UpdateAgent
  | DrainAgent
  | EnableAgent
  | DisableAgent
  | MarkAgentOffline
  | RecordAgentHeartbeat
  | AcceptAgentTask
  | ReleaseAgentTask
  | RotateAgentToken
  | DeregisterAgent;

export type AgentCommandType = AgentCommand['type'];
