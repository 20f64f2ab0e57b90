import type { DomainEvent, JsonObject, JsonValue } from '@orch/kernel';
import type { ContextOperation, ContextScope, MergeStrategy, SetOperation, WriteSource } from './context.commands';

/** The events of the Context aggregate (DOMAIN.md §7). Every `data` carries `at`. */
export interface ContextChanges {
  readonly added: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
}

export interface MergeConflict {
  readonly path: string;
  readonly targetValue: JsonValue;
  readonly sourceValue: JsonValue;
}

export interface Provenance {
  readonly kind: 'shared' | 'promoted';
  readonly fromContextId: string;
  readonly fromVersion: number;
}

export type ContextCreated = DomainEvent<
  'ContextCreated',
  {
    readonly contextId: string;
    readonly tenantId: string;
    readonly scope: ContextScope;
    readonly sessionId?: string;
    readonly agentId?: string;
    readonly document: JsonObject;
    readonly version: 1;
    readonly expiresAt?: string;
    readonly provenance?: Provenance;
    readonly at: string;
  }
>;

export type ContextVersionWritten = DomainEvent<
  'ContextVersionWritten',
  {
    readonly version: number;
    readonly operations: readonly ContextOperation[];
    readonly changes: ContextChanges;
    readonly source?: WriteSource;
    readonly at: string;
  }
>;

export type ContextMerged = DomainEvent<
  'ContextMerged',
  {
    readonly version: number;
    readonly sourceContextId: string;
    readonly sourceVersion: number;
    readonly strategy: MergeStrategy;
    /** The merge as `set` operations on the target; replaying them yields the merged document. */
    readonly operations: readonly SetOperation[];
    readonly changes: ContextChanges;
    readonly conflicts: readonly MergeConflict[];
    readonly at: string;
  }
>;

export type ContextShared = DomainEvent<
  'ContextShared',
  { readonly toContextId: string; readonly toSessionId: string; readonly atVersion: number; readonly at: string }
>;

export type ContextPromoted = DomainEvent<
  'ContextPromoted',
  { readonly toContextId: string; readonly atVersion: number; readonly at: string }
>;

export type ContextExpired = DomainEvent<'ContextExpired', { readonly at: string }>;

export type ContextEvent =
  | ContextCreated
  | ContextVersionWritten
  | ContextMerged
  | ContextShared
  | ContextPromoted
  | ContextExpired;
