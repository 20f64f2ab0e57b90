import { type CursorPage, type SessionListParams, type SessionSummary } from '@orch/contracts';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { decodeCursor, encodeCursor } from '../cursor';
import { pageLimit, splitPage } from '../paging';
import { SUMMARY_COLUMNS, toSessionSummary } from './session-rows';

const CURSOR = 'sessions';

/**
 * `GET /sessions`: newest first by (created_at, session_id), a total order, so keyset paging
 * returns every session exactly once even while new ones are created (they land on page one).
 * Every filter is optional; all given ones must hold.
 */
export async function listSessions(db: Kysely<Database>, tenantId: string, params: SessionListParams): Promise<CursorPage<SessionSummary>> {
  const limit = pageLimit(params.limit, 'cursor');
  let query = db.selectFrom('sessions').select(SUMMARY_COLUMNS).where('tenant_id', '=', tenantId);
  if (params.status?.length) query = query.where('status', 'in', [...params.status]);
  if (params.priority?.length) query = query.where('priority', 'in', [...params.priority]);
  if (params.tag?.length) query = query.where('tags', '@>', sql<string[]>`${[...params.tag]}::text[]`);
  const words = params.text === undefined ? null : prefixQuery(params.text);
  if (words !== null) query = query.where(sql<boolean>`search @@ to_tsquery('simple', ${words})`);
  if (params.cursor !== undefined) {
    const [createdAt, sessionId] = decodeCursor(CURSOR, params.cursor, ['string', 'string']);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'session_id'), '<', eb.tuple(sql<string>`${createdAt}::timestamptz`, String(sessionId))));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('session_id', 'desc').limit(limit + 1).execute();
  const { items, more } = splitPage(rows, limit);
  const last = items.at(-1);
  return {
    items: items.map(toSessionSummary),
    nextCursor: more && last ? encodeCursor(CURSOR, [last.created_at, last.session_id]) : null,
  };
}

/**
 * Every word of the text as a prefix (`logi` finds "login"), all required. Words are runs of
 * letters and digits, so no tsquery operator from the caller ever reaches PostgreSQL. The
 * `simple` configuration is the one the `search` column is built with. No word: no text filter.
 */
export function prefixQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? null : words.slice(0, 20).map((word) => `${word}:*`).join(' & ');
}
