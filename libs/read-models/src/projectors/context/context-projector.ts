import { type RecordedEvent } from '@orch/application';
import { type JsonObject } from '@orch/kernel';
import { type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { json, jsonOrNull } from '../../database/column-types';
import { type ContextDocumentsTable, type ContextVersionsTable } from '../../database/context-tables';
import { type Database } from '../../database/database';
import { fieldsOf, MalformedEventError, streamCategory, streamId, type EventFields } from '../event-fields';
import { actorOf } from '../event-metadata';
import { type EntityChange, type Projector } from '../projector';
import { evolveDocument, versionRow } from './context-versions';

type DocumentRow = Selectable<ContextDocumentsTable>;
type Patch = Updateable<ContextDocumentsTable>;

/** Context documents (current version) and one row per version (DOMAIN.md §5). */
export const contextProjector: Projector = {
  name: 'contexts',
  tables: ['context_documents', 'context_versions'],
  async apply(db, event) {
    if (streamCategory(event.streamName) !== 'context') return [];
    const contextId = streamId(event.streamName);
    if (event.type === 'ContextCreated') return create(db, event, contextId);
    const row = await db.selectFrom('context_documents').selectAll().where('context_id', '=', contextId).executeTakeFirst();
    if (!row) throw new MalformedEventError(event, 'no ContextCreated before it');
    if (row.last_position >= event.position) return [];
    const f = fieldsOf(event);
    const patch = await patchFor(db, event, f, row);
    await db
      .updateTable('context_documents')
      .set({ ...patch, updated_at: f.at(), revision: event.revision, last_position: event.position })
      .where('context_id', '=', contextId)
      .execute();
    return [{ entity: 'context', id: contextId }];
  },
};

async function patchFor(db: Kysely<Database>, event: RecordedEvent, f: EventFields, row: DocumentRow): Promise<Patch> {
  switch (event.type) {
    case 'ContextVersionWritten':
    case 'ContextMerged':
      return newVersion(db, event, f, row);
    case 'ContextShared':
    case 'ContextPromoted': {
      const shared = event.type === 'ContextShared';
      const share = {
        kind: shared ? 'shared' : 'promoted',
        toContextId: f.string('toContextId'),
        ...(shared ? { toSessionId: f.string('toSessionId') } : {}),
        atVersion: f.number('atVersion'),
        at: f.at(),
      };
      return { shares: json([...row.shares, share]) };
    }
    case 'ContextExpired':
      return { status: 'expired', expired_at: f.at() };
    default:
      return {};
  }
}

async function newVersion(db: Kysely<Database>, event: RecordedEvent, f: EventFields, row: DocumentRow): Promise<Patch> {
  f.array('operations');
  const { document, openConflicts } = evolveDocument(row, event);
  const common = { contextId: row.context_id, tenantId: row.tenant_id, actor: actorOf(event).actor, document };
  await insertVersion(db, versionRow(event, f, common));
  return { document: json(document), version: f.number('version'), open_conflicts: json(openConflicts) };
}

async function create(db: Kysely<Database>, event: RecordedEvent, contextId: string): Promise<EntityChange[]> {
  const f = fieldsOf(event);
  const { tenantId, actor } = actorOf(event);
  const document = f.object('document') as JsonObject;
  const at = f.at();
  const inserted = await db
    .insertInto('context_documents')
    .values({
      context_id: contextId,
      tenant_id: tenantId,
      scope: f.string('scope'),
      session_id: f.optString('sessionId'),
      agent_id: f.optString('agentId'),
      status: 'active',
      document: json(document),
      version: f.number('version'),
      provenance: jsonOrNull(f.optObject('provenance')),
      expires_at: f.optString('expiresAt'),
      created_at: at,
      updated_at: at,
      revision: event.revision,
      last_position: event.position,
    })
    .onConflict((conflict) => conflict.column('context_id').doNothing())
    .returning('context_id')
    .executeTakeFirst();
  if (!inserted) return [];
  await insertVersion(db, versionRow(event, f, { contextId, tenantId, actor, document }));
  return [{ entity: 'context', id: contextId }];
}

async function insertVersion(db: Kysely<Database>, row: Insertable<ContextVersionsTable>): Promise<void> {
  await db
    .insertInto('context_versions')
    .values(row)
    .onConflict((conflict) => conflict.columns(['context_id', 'version']).doNothing())
    .execute();
}
