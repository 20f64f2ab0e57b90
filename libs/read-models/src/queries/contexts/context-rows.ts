import { type ContextVersionSummary, type ContextVersionView, type ContextView } from '@orch/contracts';
import { type ContextScope, type MergeConflict } from '@orch/domain-context';
import { type Selectable } from 'kysely';
import { type ContextDocumentsTable, type ContextVersionsTable } from '../../database/context-tables';

type VersionRow = Selectable<ContextVersionsTable>;

export function toContextView(row: Selectable<ContextDocumentsTable>): ContextView {
  return {
    id: row.context_id,
    scope: row.scope as ContextScope,
    sessionId: row.session_id,
    agentId: row.agent_id,
    status: row.status as ContextView['status'],
    document: row.document,
    version: row.version,
    provenance: row.provenance,
    openConflicts: row.open_conflicts as MergeConflict[],
    shares: row.shares,
    expiresAt: row.expires_at,
    expiredAt: row.expired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    position: row.last_position,
  };
}

export type VersionSummaryRow = Omit<VersionRow, 'document' | 'operations' | 'tenant_id' | 'context_id'>;

export function toVersionSummary(row: VersionSummaryRow): ContextVersionSummary {
  return {
    version: row.version,
    kind: row.kind as ContextVersionSummary['kind'],
    changes: row.changes as ContextVersionSummary['changes'],
    actor: row.actor,
    at: row.at,
    position: row.position,
    source: row.source_session_id === null ? null : { sessionId: row.source_session_id, taskId: row.source_task_id, attempt: row.source_attempt },
    provenance: row.provenance,
    merge: row.merge,
  };
}

export function toVersionView(row: VersionRow): ContextVersionView {
  return { ...toVersionSummary(row), contextId: row.context_id, document: row.document, operations: row.operations as unknown[] };
}
