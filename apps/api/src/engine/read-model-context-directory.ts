import type { ContextDirectory, EngineLog } from '@orch/application';
import type { ReadModelDatabase } from '@orch/read-models';

/**
 * The contexts a task reads besides its session's own (DOMAIN.md §5.1): the tenant's global
 * contexts and the agent's own, not expired, from the read models. Their documents are then read
 * from their streams, so the version a task records is exact even when the read model trails.
 */
export class ReadModelContextDirectory implements ContextDirectory {
  private warned = false;

  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly log: EngineLog,
  ) {}

  async applicableTo(request: { readonly tenantId: string; readonly agentId: string }): Promise<readonly string[]> {
    try {
      const rows = await this.readModels.db
        .selectFrom('context_documents')
        .select('context_id')
        .where('tenant_id', '=', request.tenantId)
        .where('status', '=', 'active')
        .where((eb) => eb.or([eb('scope', '=', 'global'), eb.and([eb('scope', '=', 'agent'), eb('agent_id', '=', request.agentId)])]))
        .orderBy('created_at')
        .limit(20)
        .execute();
      return rows.map((row) => row.context_id);
    } catch (error) {
      if (!this.warned) this.log.warn('global and agent contexts unavailable (read models not ready); tasks read their session context only', { error: String(error) });
      this.warned = true;
      return [];
    }
  }
}
