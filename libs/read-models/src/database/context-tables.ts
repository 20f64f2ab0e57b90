import { type NullableJsonb, type JsonbDefault, type Jsonb, type Timestamp } from './column-types';

export interface ContextShare {
  readonly kind: 'shared' | 'promoted';
  readonly toContextId: string;
  readonly toSessionId?: string;
  readonly atVersion: number;
  readonly at: string;
}

/** The current document of each context (DOMAIN.md §5.1). */
export interface ContextDocumentsTable {
  context_id: string;
  tenant_id: string;
  scope: string;
  session_id: string | null;
  agent_id: string | null;
  status: string;
  document: Jsonb<Record<string, unknown>>;
  version: number;
  provenance: NullableJsonb<unknown>;
  open_conflicts: JsonbDefault<unknown[]>;
  shares: JsonbDefault<ContextShare[]>;
  expires_at: Timestamp | null;
  expired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  revision: number;
  last_position: number;
}

/** One row per version: the document as it was, what changed and where the change came from. */
export interface ContextVersionsTable {
  context_id: string;
  version: number;
  tenant_id: string;
  /** `created`, `written` or `merged`. */
  kind: string;
  document: Jsonb<Record<string, unknown>>;
  changes: Jsonb<unknown>;
  operations: Jsonb<unknown>;
  /** ContextCreated's provenance (shared / promoted from). */
  provenance: NullableJsonb<unknown>;
  /** WriteContext's source task. */
  source_session_id: string | null;
  source_task_id: string | null;
  source_attempt: number | null;
  /** ContextMerged: `{ sourceContextId, sourceVersion, strategy, conflicts }`. */
  merge: NullableJsonb<unknown>;
  actor: string;
  at: Timestamp;
  position: number;
}
