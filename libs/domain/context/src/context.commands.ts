import type { Command, JsonObject, JsonValue } from '@orch/kernel';

/** The commands of the Context aggregate (DOMAIN.md §5). Content commands need no reason (§1). */
export const CONTEXT_SCOPES = ['session', 'agent', 'global', 'temporary'] as const;
export type ContextScope = (typeof CONTEXT_SCOPES)[number];

export const MERGE_STRATEGIES = ['last_write_wins', 'deep_merge', 'manual', 'prefer_source', 'prefer_target'] as const;
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

/** API key roles (§1); the handler passes the creator's role as a fact. */
export type ActorRole = 'admin' | 'operator' | 'auditor' | 'integrator' | 'agent';

export interface SetOperation {
  readonly op: 'set';
  readonly path: string;
  readonly value: JsonValue;
}
export interface DeleteOperation {
  readonly op: 'delete';
  readonly path: string;
}
export interface MergeOperation {
  readonly op: 'merge';
  readonly path: string;
  readonly value: JsonObject;
}
export type ContextOperation = SetOperation | DeleteOperation | MergeOperation;

/** Provenance of a write made for a task (§5.4). */
export interface WriteSource {
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

export interface CreateContextData {
  readonly contextId: string;
  readonly scope: ContextScope;
  readonly sessionId?: string;
  readonly agentId?: string;
  readonly document?: JsonObject;
  readonly ttlSeconds?: number;
  /** Fact: the given sessionId or agentId exists in the tenant (resolved by the handler). */
  readonly ownerExists?: boolean;
  /** Fact: the role of the creating user's API key; only `admin` may create a global context. */
  readonly actorRole?: ActorRole;
}

export interface WriteContextData {
  readonly contextId: string;
  readonly expectedVersion: number;
  readonly operations: readonly ContextOperation[];
  readonly source?: WriteSource;
}

/** The other context as the handler read it at `version`. */
export interface MergeSource {
  readonly contextId: string;
  readonly version: number;
  readonly document: JsonObject;
  /** Last-change time per leaf path of the source (deleted paths included); see `pathTimesOf`. */
  readonly pathTimes: Readonly<Record<string, string>>;
}

export interface MergeContextData {
  readonly contextId: string;
  readonly expectedVersion: number;
  readonly strategy: MergeStrategy;
  readonly source: MergeSource;
}

export interface ShareContextData {
  readonly contextId: string;
  readonly newContextId: string;
  readonly targetSessionId: string;
  /** Fact: the target session exists in the tenant. */
  readonly targetSessionExists: boolean;
}

export interface PromoteContextData {
  readonly contextId: string;
  readonly newContextId: string;
}

export interface ExpireContextData {
  readonly contextId: string;
}

export type CreateContext = Command<'CreateContext', CreateContextData>;
export type WriteContext = Command<'WriteContext', WriteContextData>;
export type MergeContext = Command<'MergeContext', MergeContextData>;
export type ShareContext = Command<'ShareContext', ShareContextData>;
export type PromoteContext = Command<'PromoteContext', PromoteContextData>;
export type ExpireContext = Command<'ExpireContext', ExpireContextData>;

export type ContextCommand = CreateContext | WriteContext | MergeContext | ShareContext | PromoteContext | ExpireContext;
