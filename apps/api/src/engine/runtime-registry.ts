import type { AgentRuntimePort, AgentRuntimes, RunAgent } from '@orch/application';
import type { RuntimeKind } from '@orch/domain-agent';

/** The engine's agent runtimes by kind (DOMAIN.md §4.2); a kind this engine was not given runs nowhere here. */
export class RuntimeRegistry implements AgentRuntimes {
  constructor(private readonly byKind: Partial<Record<RuntimeKind, AgentRuntimePort>>) {}

  forAgent(agent: RunAgent): AgentRuntimePort | undefined {
    return this.byKind[agent.runtime.kind];
  }

  kinds(): RuntimeKind[] {
    return Object.keys(this.byKind) as RuntimeKind[];
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byKind).map((runtime) => runtime?.close()));
  }
}
