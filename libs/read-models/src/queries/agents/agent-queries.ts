import { type AgentDetail, type AgentListParams, type AgentSummary, type CursorPage } from '@orch/contracts';
import { sql, type Kysely } from 'kysely';
import { type Database } from '../../database/database';
import { decodeCursor, encodeCursor } from '../cursor';
import { pageLimit, splitPage } from '../paging';
import { toAgentDetail, toAgentSummary } from './agent-rows';

const CURSOR = 'agents';
const lowerName = sql<string>`lower(name)`;

/** `GET /agents`: by name ignoring case (names are unique per tenant that way), then id. */
export async function listAgents(db: Kysely<Database>, tenantId: string, params: AgentListParams): Promise<CursorPage<AgentSummary>> {
  const limit = pageLimit(params.limit, 'cursor');
  let query = db.selectFrom('agents').selectAll().select(lowerName.as('sort_name')).where('tenant_id', '=', tenantId);
  if (params.status?.length) query = query.where('status', 'in', [...params.status]);
  if (params.type?.length) query = query.where('agent_type', 'in', [...params.type]);
  if (params.tier?.length) query = query.where('tier', 'in', [...params.tier]);
  if (params.capability !== undefined) query = query.where('capabilities', '@>', sql<string[]>`${[params.capability]}::text[]`);
  if (params.cursor !== undefined) {
    const [name, agentId] = decodeCursor(CURSOR, params.cursor, ['string', 'string']);
    query = query.where((eb) => eb(eb.tuple(lowerName, eb.ref('agent_id')), '>', eb.tuple(String(name), String(agentId))));
  }
  const rows = await query.orderBy(lowerName).orderBy('agent_id').limit(limit + 1).execute();
  const { items, more } = splitPage(rows, limit);
  const last = items.at(-1);
  return { items: items.map(toAgentSummary), nextCursor: more && last ? encodeCursor(CURSOR, [last.sort_name, last.agent_id]) : null };
}

/** `GET /agents/:id`; undefined for an unknown agent or another tenant's. */
export async function agentDetail(
  db: Kysely<Database>,
  tenantId: string,
  agentId: string,
  lastHeartbeatAt: string | null = null,
): Promise<AgentDetail | undefined> {
  const row = await db.selectFrom('agents').selectAll().where('tenant_id', '=', tenantId).where('agent_id', '=', agentId).executeTakeFirst();
  return row ? toAgentDetail(row, lastHeartbeatAt) : undefined;
}
