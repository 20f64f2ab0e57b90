import { type EventStore, type RecordedEvent } from '@orch/application';
import { type PositionPage, type TaskOutputEntry, type TaskOutputParams } from '@orch/contracts';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { pageLimit } from '../paging';
import { sessionExists } from './session-queries';

/** Events read per store call, and at most per request, while looking for one task's output. */
const CHUNK = 500;
const MAX_SCANNED = 5_000;

/**
 * `GET /sessions/:id/tasks/:taskId/output`: the task's `TaskProgressed` events, straight from the
 * session's `sessionoutput-<id>` stream (no read model keeps them), paged by stream revision.
 * The stream interleaves every task of the session, so a page scans at most MAX_SCANNED events:
 * `next` then points past what was scanned even if fewer than `limit` matched.
 */
export async function taskOutput(
  deps: { readonly db: Kysely<Database>; readonly store: EventStore },
  tenantId: string,
  sessionId: string,
  taskId: string,
  params: TaskOutputParams,
): Promise<PositionPage<TaskOutputEntry> | undefined> {
  if (!(await sessionExists(deps.db, tenantId, sessionId))) return undefined;
  const limit = pageLimit(params.limit, 'log');
  const items: TaskOutputEntry[] = [];
  let from = params.after === undefined ? 0 : params.after + 1;
  let scanned = 0;
  for (;;) {
    const events = await deps.store.readStream(`sessionoutput-${sessionId}`, { fromRevision: from, maxCount: CHUNK });
    for (const event of events) {
      scanned += 1;
      from = event.revision + 1;
      const entry = matching(event, tenantId, taskId, params.attempt);
      if (entry) items.push(entry);
      if (items.length === limit) return { items, next: entry ? entry.revision : null };
    }
    if (events.length < CHUNK) return { items, next: null };
    if (scanned >= MAX_SCANNED) return { items, next: from - 1 };
  }
}

function matching(event: RecordedEvent, tenantId: string, taskId: string, attempt: number | undefined): TaskOutputEntry | undefined {
  const data = event.data as Record<string, unknown>;
  if (event.type !== 'TaskProgressed' || event.metadata.tenantId !== tenantId || data['taskId'] !== taskId) return undefined;
  if (attempt !== undefined && data['attempt'] !== attempt) return undefined;
  const tool = data['tool'] as { name?: unknown; status?: unknown } | undefined;
  return {
    revision: event.revision,
    position: event.position,
    taskId,
    attempt: Number(data['attempt']),
    seq: Number(data['seq']),
    kind: data['kind'] as TaskOutputEntry['kind'],
    text: typeof data['text'] === 'string' ? data['text'] : '',
    tool: tool && typeof tool.name === 'string' ? { name: tool.name, status: String(tool.status ?? '') } : null,
    at: typeof data['at'] === 'string' ? data['at'] : event.recordedAt,
  };
}
