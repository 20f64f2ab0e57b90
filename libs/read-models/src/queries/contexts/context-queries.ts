import { type ContextDiffView, type ContextVersionSummary, type ContextVersionView, type ContextView, type CursorPage, type CursorParams } from '@orch/contracts';
import { diff } from '@orch/domain-context';
import { DomainError, type JsonObject } from '@orch/kernel';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { decodeCursor, encodeCursor } from '../cursor';
import { pageLimit, splitPage } from '../paging';
import { toContextView, toVersionSummary, toVersionView } from './context-rows';

const CURSOR = 'context-versions';

/** `GET /contexts/:id`: the current document; undefined for an unknown context or another tenant's. */
export async function contextDocument(db: Kysely<Database>, tenantId: string, contextId: string): Promise<ContextView | undefined> {
  const row = await db
    .selectFrom('context_documents')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('context_id', '=', contextId)
    .executeTakeFirst();
  return row ? toContextView(row) : undefined;
}

async function contextExists(db: Kysely<Database>, tenantId: string, contextId: string): Promise<boolean> {
  const row = await db
    .selectFrom('context_documents')
    .select('context_id')
    .where('tenant_id', '=', tenantId)
    .where('context_id', '=', contextId)
    .executeTakeFirst();
  return row !== undefined;
}

/** `GET /contexts/:id/versions`: newest first, without the documents (a version can be 1 MiB). */
export async function contextVersions(
  db: Kysely<Database>,
  tenantId: string,
  contextId: string,
  params: CursorParams,
): Promise<CursorPage<ContextVersionSummary> | undefined> {
  if (!(await contextExists(db, tenantId, contextId))) return undefined;
  const limit = pageLimit(params.limit, 'cursor');
  let query = db
    .selectFrom('context_versions')
    .select(['version', 'kind', 'changes', 'actor', 'at', 'position', 'source_session_id', 'source_task_id', 'source_attempt', 'provenance', 'merge'])
    .where('tenant_id', '=', tenantId)
    .where('context_id', '=', contextId);
  if (params.cursor !== undefined) query = query.where('version', '<', Number(decodeCursor(CURSOR, params.cursor, ['number'])[0]));
  const rows = await query.orderBy('version', 'desc').limit(limit + 1).execute();
  const { items, more } = splitPage(rows, limit);
  const last = items.at(-1);
  return { items: items.map(toVersionSummary), nextCursor: more && last ? encodeCursor(CURSOR, [last.version]) : null };
}

/** `GET /contexts/:id/versions/:v`: the document as of that version; a missing version is `CONTEXT.VERSION_NOT_FOUND`. */
export async function contextVersion(db: Kysely<Database>, tenantId: string, contextId: string, version: number): Promise<ContextVersionView | undefined> {
  if (!(await contextExists(db, tenantId, contextId))) return undefined;
  const row = await db
    .selectFrom('context_versions')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('context_id', '=', contextId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw versionNotFound(contextId, version);
  return toVersionView(row);
}

function versionNotFound(contextId: string, version: number): DomainError {
  return new DomainError('CONTEXT.VERSION_NOT_FOUND', `context ${contextId} has no version ${version}`, { contextId, version });
}

/**
 * `GET /contexts/:id/diff?from=&to=`: the domain's own `diff` (DOMAIN.md §5.2) of the two
 * versions' documents. Undefined when the context is not the tenant's; a missing version is
 * `CONTEXT.VERSION_NOT_FOUND`.
 */
export async function contextDiff(db: Kysely<Database>, tenantId: string, contextId: string, from: number, to: number): Promise<ContextDiffView | undefined> {
  if (!(await contextExists(db, tenantId, contextId))) return undefined;
  const rows = await db
    .selectFrom('context_versions')
    .select(['version', 'document'])
    .where('tenant_id', '=', tenantId)
    .where('context_id', '=', contextId)
    .where('version', 'in', [from, to])
    .execute();
  const documentAt = (version: number): JsonObject => {
    const row = rows.find((candidate) => candidate.version === version);
    if (!row) throw versionNotFound(contextId, version);
    return row.document as JsonObject;
  };
  return { contextId, from, to, ...diff(documentAt(from), documentAt(to)) };
}
