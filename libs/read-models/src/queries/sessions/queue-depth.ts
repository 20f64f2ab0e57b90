import { type EngineQueueDepth } from '@orch/contracts';
import { type Kysely } from 'kysely';
import { type Database } from '../../database/database';

/**
 * The tenant's work waiting for the engine (`GET /engine/status`): sessions queued for capacity,
 * and tasks ready in its running (or degraded) sessions. Another tenant's work is never counted.
 */
export async function queueDepth(db: Kysely<Database>, tenantId: string): Promise<EngineQueueDepth> {
  const sessions = await db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('status', '=', 'queued').executeTakeFirst();
  const tasks = await db
    .selectFrom('tasks as t')
    .innerJoin('sessions as s', 's.session_id', 't.session_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('t.tenant_id', '=', tenantId)
    .where('s.tenant_id', '=', tenantId)
    .where('t.status', '=', 'ready')
    .where('s.status', 'in', ['running', 'degraded'])
    .executeTakeFirst();
  return { queuedSessions: Number(sessions?.n ?? 0), readyTasks: Number(tasks?.n ?? 0) };
}
