/** Request bodies of the agent, context and key commands (DESIGN.md §6, DOMAIN.md §1, §4, §5). */
export interface AgentRuntimeRequest {
  readonly kind: string;
  /** Kind-specific; secrets only as `secret:<name>` references. */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface RegisterAgentRequest {
  readonly agentId?: string;
  readonly name: string;
  readonly agentType: string;
  readonly primaryCapabilities: readonly string[];
  readonly secondaryCapabilities?: readonly string[];
  readonly runtime: AgentRuntimeRequest;
  readonly capacity?: number;
  readonly model?: string;
  readonly description?: string;
}

export interface UpdateAgentRequest {
  readonly capacity?: number;
  readonly primaryCapabilities?: readonly string[];
  readonly secondaryCapabilities?: readonly string[];
  readonly model?: string | null;
  readonly description?: string | null;
  readonly runtime?: AgentRuntimeRequest;
}

export type AgentAction = 'drain' | 'enable' | 'disable';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type ContextScope = 'session' | 'agent' | 'global' | 'temporary';
export type MergeStrategy = 'last_write_wins' | 'deep_merge' | 'manual' | 'prefer_source' | 'prefer_target';

export interface CreateContextRequest {
  readonly contextId?: string;
  readonly scope: ContextScope;
  readonly sessionId?: string;
  readonly agentId?: string;
  readonly document?: { readonly [key: string]: JsonValue };
  readonly ttlSeconds?: number;
}

export type ContextOperation =
  | { readonly op: 'set'; readonly path: string; readonly value: JsonValue }
  | { readonly op: 'merge'; readonly path: string; readonly value: { readonly [key: string]: JsonValue } }
  | { readonly op: 'delete'; readonly path: string };

export interface WriteContextRequest {
  readonly expectedVersion: number;
  readonly operations: readonly ContextOperation[];
  readonly source?: { readonly sessionId: string; readonly taskId: string; readonly attempt: number };
}

export interface MergeContextsRequest {
  readonly targetContextId: string;
  readonly sourceContextId: string;
  readonly sourceVersion?: number;
  readonly expectedVersion: number;
  readonly strategy: MergeStrategy;
}

export interface ShareContextRequest {
  readonly targetSessionId: string;
}

export type ApiKeyRole = 'admin' | 'operator' | 'auditor' | 'integrator' | 'agent';

export interface IssueKeyRequest {
  readonly name: string;
  readonly role: ApiKeyRole;
  /** Required for the agent role. */
  readonly agentId?: string;
  readonly expiresAt?: string;
}
