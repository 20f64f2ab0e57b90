import { executeAgentCommand, type AgentCommandDeps, type Clock } from '@orch/application';
import { isDomainError } from '@orch/kernel';

/**
 * The built-in scripted fleet `npm start` registers (DESIGN.md §5), so a session of any template
 * runs end to end with no model access: together these agents cover every capability the planning
 * templates and agent planning ask for.
 */
export const SCRIPTED_FLEET = [
  { name: 'Scripted Architect', agentType: 'architect', primaryCapabilities: ['requirements_analysis', 'system_design', 'architecture_planning', 'task_decomposition'], capacity: 3 },
  { name: 'Scripted Implementer', agentType: 'implementer', primaryCapabilities: ['code_generation', 'test_generation', 'testing', 'documentation', 'refactoring'], capacity: 5 },
  { name: 'Scripted Reviewer', agentType: 'reviewer', primaryCapabilities: ['code_review', 'security_audit', 'performance_analysis', 'compliance_check'], capacity: 3 },
  { name: 'Scripted Integrator', agentType: 'integrator', primaryCapabilities: ['deployment', 'configuration', 'monitoring', 'scaling'], capacity: 2 },
] as const;

/** Registers the scripted fleet in `tenantId` once: ids derive from the tenant and name, so a restart appends nothing. */
export async function registerScriptedFleet(deps: AgentCommandDeps & { readonly clock: Clock }, tenantId: string): Promise<number> {
  let registered = 0;
  for (const agent of SCRIPTED_FLEET) {
    const agentId = deps.ids.derive(`scripted-fleet/${tenantId}/${agent.name}`);
    const data = {
      agentId,
      ...agent,
      secondaryCapabilities: [],
      runtime: { kind: 'scripted', config: { scenario: 'default' } },
      description: 'Built-in scripted agent: deterministic, no model, real files',
      nameTaken: false,
    };
    const metadata = { commandId: deps.ids.derive(`register/${agentId}`), actor: 'system:engine' as const, tenantId, now: deps.clock.now(), correlationId: agentId };
    try {
      const result = await executeAgentCommand(deps, { type: 'RegisterAgent', data, metadata });
      if (!result.replayed) registered++;
    } catch (error) {
      // Someone took the name already (AGENT.NAME_TAKEN) or it exists: the tenant's fleet stands as it is.
      if (!isDomainError(error)) throw error;
    }
  }
  return registered;
}
