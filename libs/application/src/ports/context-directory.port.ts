/**
 * Which contexts apply to a task besides its session's own (DOMAIN.md §5.1): the tenant's global
 * contexts and the agent's own, not expired. Served by the read models.
 */
export interface ContextDirectory {
  applicableTo(request: { readonly tenantId: string; readonly agentId: string }): Promise<readonly string[]>;
}
