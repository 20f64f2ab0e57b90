import { type CommandMeta, type DomainFact } from '../events';

/** One command's append: its stream, metadata and facts, in the order the application writes them. */
export interface Step {
  readonly stream: string;
  readonly meta: CommandMeta;
  readonly facts: readonly DomainFact[];
}

export interface Tenant {
  readonly tenantId: string;
  readonly agentIds: readonly string[];
}

export const operator = (tenantId: string, commandType: string): CommandMeta => ({
  actor: `user:key-${tenantId}`,
  tenantId,
  commandType,
  reason: `operator ${commandType}`,
  client: { ip: '198.51.100.7', userAgent: 'orch-cli/0.1' },
});

export const system = (tenantId: string, component: string, commandType: string): CommandMeta => ({
  actor: `system:${component}`,
  tenantId,
  commandType,
});
