import { type RecordedEvent } from '@orch/application';
import { type JsonObject } from '@orch/kernel';
import { type Kysely, type Selectable } from 'kysely';
import { type ContextDocumentsTable, type ContextVersionsTable } from '../../database/context-tables';
import { type Database } from '../../database/database';
import { type BatchMemo } from '../batch/batch-memo';
import { insertRowsOnce, selectRows, type TableShape, upsertRows } from '../batch/bulk-writes';
import { RowCache } from '../batch/row-cache';
import { fieldsOf, MalformedEventError, streamCategory, streamId, type EventFields } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { asStored } from './as-stored';
import { evolveDocument, versionRow } from './context-versions';

type DocumentRow = Selectable<ContextDocumentsTable>;
type VersionRow = Selectable<ContextVersionsTable>;
type Patch = Partial<DocumentRow>;

const DOCUMENTS: TableShape<DocumentRow> = {
  table: 'context_documents',
  key: ['context_id'],
  columns: [
    'context_id', 'tenant_id', 'scope', 'session_id', 'agent_id', 'status', 'document', 'version', 'provenance',
    'open_conflicts', 'shares', 'expires_at', 'expired_at', 'created_at', 'updated_at', 'revision', 'last_position',
  ],
};

const VERSIONS: TableShape<VersionRow> = {
  table: 'context_versions',
  key: ['context_id', 'version'],
  columns: [
    'context_id', 'version', 'tenant_id', 'kind', 'document', 'changes', 'operations', 'provenance',
    'source_session_id', 'source_task_id', 'source_attempt', 'merge', 'actor', 'at', 'position',
  ],
};

/** What a batch folds: the documents' rows, and the version rows to insert. */
class ContextMemo {
  readonly documents: RowCache<DocumentRow>;
  versions: VersionRow[] = [];

  constructor(complete: boolean) {
    this.documents = new RowCache(complete);
  }

  get size(): number {
    return this.documents.size;
  }

  reset(): void {
    this.documents.reset();
    this.versions = [];
  }
}

/**
 * Context documents (current version) and one row per version (DOMAIN.md §5). A batch folds its
 * events into the documents in memory (each stored row read once) and writes each changed
 * document once, and the new versions in one keyed insert.
 */
export const contextProjector: Projector = {
  name: 'contexts',
  tables: ['context_documents', 'context_versions'],
  async apply(db, event) {
    return (await applyContextEvents(db, [event]))[0] ?? [];
  },
  applyBatch: applyContextEvents,
  handles: (event) => streamCategory(event.streamName) === 'context',
};

async function applyContextEvents(db: Kysely<Database>, events: readonly RecordedEvent[], memo?: BatchMemo): Promise<EntityChange[][]> {
  const state = memo ? memo.part('contexts', (complete) => new ContextMemo(complete)) : new ContextMemo(false);
  const ids = events.filter((event) => streamCategory(event.streamName) === 'context').map((event) => streamId(event.streamName));
  const missing = state.documents.missing(ids);
  if (missing.length > 0) {
    const stored = await selectRows<DocumentRow>(db, 'context_documents', 'context_id', missing);
    state.documents.remember(missing, new Map(stored.map((row) => [row.context_id, row])));
  }
  const changes = events.map((event) => (streamCategory(event.streamName) === 'context' ? fold(state, event) : []));
  await upsertRows(db, DOCUMENTS, state.documents.takeChanged());
  await insertRowsOnce(db, VERSIONS, state.versions);
  state.versions = [];
  return changes;
}

function fold(state: ContextMemo, event: RecordedEvent): EntityChange[] {
  const contextId = streamId(event.streamName);
  if (event.type === 'ContextCreated') return create(state, event, contextId);
  const row = state.documents.get(contextId);
  if (!row) throw new MalformedEventError(event, 'no ContextCreated before it');
  if (row.last_position >= event.position) return [];
  const f = fieldsOf(event);
  const patch = patchFor(state, event, f, row);
  state.documents.set(contextId, { ...row, ...patch, updated_at: f.at(), revision: event.revision, last_position: event.position });
  return [{ entity: 'context', id: contextId }];
}

function patchFor(state: ContextMemo, event: RecordedEvent, f: EventFields, row: DocumentRow): Patch {
  switch (event.type) {
    case 'ContextVersionWritten':
    case 'ContextMerged':
      return newVersion(state, event, f, row);
    case 'ContextShared':
    case 'ContextPromoted': {
      const shared = event.type === 'ContextShared';
      const share = {
        kind: shared ? 'shared' : 'promoted',
        toContextId: f.string('toContextId'),
        ...(shared ? { toSessionId: f.string('toSessionId') } : {}),
        atVersion: f.number('atVersion'),
        at: f.at(),
      } as const;
      return { shares: [...row.shares, share] };
    }
    case 'ContextExpired':
      return { status: 'expired', expired_at: f.at() };
    default:
      return {};
  }
}

function newVersion(state: ContextMemo, event: RecordedEvent, f: EventFields, row: DocumentRow): Patch {
  f.array('operations');
  const { document, openConflicts } = evolveDocument(row, event);
  const common = { contextId: row.context_id, tenantId: row.tenant_id, actor: actorOf(event).actor, document };
  state.versions.push(versionRow(event, f, common));
  // Kept as the table would return it, so the next event evolves the same value as after a read.
  return { document: asStored(document), version: f.number('version'), open_conflicts: asStored(openConflicts) as unknown[] };
}

function create(state: ContextMemo, event: RecordedEvent, contextId: string): EntityChange[] {
  const f = fieldsOf(event);
  const { tenantId, actor } = actorOf(event);
  const document = f.object('document') as JsonObject;
  const at = f.at();
  const row: DocumentRow = {
    context_id: contextId,
    tenant_id: tenantId,
    scope: f.string('scope'),
    session_id: f.optString('sessionId'),
    agent_id: f.optString('agentId'),
    status: 'active',
    document: asStored(document),
    version: f.number('version'),
    provenance: f.optObject('provenance'),
    open_conflicts: [],
    shares: [],
    expires_at: f.optString('expiresAt'),
    expired_at: null,
    created_at: at,
    updated_at: at,
    revision: event.revision,
    last_position: event.position,
  };
  if (state.documents.get(contextId)) return [];
  state.documents.set(contextId, row);
  state.versions.push(versionRow(event, f, { contextId, tenantId, actor, document }));
  return [{ entity: 'context', id: contextId }];
}
