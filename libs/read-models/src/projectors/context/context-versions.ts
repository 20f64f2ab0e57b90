import { type RecordedEvent } from '@orch/application';
import { contextDecider, type ActiveContext, type ContextEvent, type ContextScope, type MergeConflict } from '@orch/domain-context';
import { type JsonObject } from '@orch/kernel';
import { type Selectable } from 'kysely';
import { type ContextDocumentsTable, type ContextVersionsTable } from '../../database/context-tables';
import { type EventFields } from '../event-fields';

type DocumentRow = Selectable<ContextDocumentsTable>;

/**
 * The next document after a write or merge, computed by the Context aggregate's own `evolve`
 * (so the read model applies operations exactly as the domain does). Path times are not kept in
 * the read model, and `evolve` needs none of them to compute the document and open conflicts.
 */
export function evolveDocument(row: DocumentRow, event: RecordedEvent): { document: JsonObject; openConflicts: readonly MergeConflict[] } {
  const state: ActiveContext = {
    status: 'active',
    contextId: row.context_id,
    tenantId: row.tenant_id,
    scope: row.scope as ContextScope,
    document: row.document as JsonObject,
    version: row.version,
    createdAt: row.created_at,
    openConflicts: row.open_conflicts as MergeConflict[],
    pathChanges: new Map(),
  };
  const next = contextDecider.evolve(state, { type: event.type, data: event.data } as ContextEvent);
  if (next.status === 'absent') return { document: state.document, openConflicts: state.openConflicts };
  return { document: next.document, openConflicts: next.openConflicts };
}

/** One version row: the document as of that version, its changes and provenance. */
export function versionRow(
  event: RecordedEvent,
  f: EventFields,
  common: { contextId: string; tenantId: string; actor: string; document: JsonObject },
): Selectable<ContextVersionsTable> {
  const source = f.optObject('source');
  const kind = event.type === 'ContextCreated' ? 'created' : event.type === 'ContextMerged' ? 'merged' : 'written';
  return {
    context_id: common.contextId,
    version: f.number('version'),
    tenant_id: common.tenantId,
    kind,
    document: common.document,
    changes: kind === 'created' ? { added: [], modified: [], deleted: [] } : f.object('changes'),
    operations: kind === 'created' ? [] : f.array('operations'),
    provenance: f.optObject('provenance'),
    source_session_id: typeof source?.['sessionId'] === 'string' ? source['sessionId'] : null,
    source_task_id: typeof source?.['taskId'] === 'string' ? source['taskId'] : null,
    source_attempt: typeof source?.['attempt'] === 'number' ? source['attempt'] : null,
    merge: kind === 'merged' ? mergeFacts(f) : null,
    actor: common.actor,
    at: f.at(),
    position: event.position,
  };
}

function mergeFacts(f: EventFields): Record<string, unknown> {
  return {
    sourceContextId: f.string('sourceContextId'),
    sourceVersion: f.number('sourceVersion'),
    strategy: f.string('strategy'),
    conflicts: f.array('conflicts'),
  };
}
