/**
 * What an agent needs to talk back to the orchestrator (DESIGN.md §7, role `agent`): the api's
 * URL and a key of its own, so what it learns goes into context through the api like any other
 * write, authenticated, tenant-scoped and audited. The app issues one key per agent.
 */
export interface AgentAccess {
  /** e.g. `http://127.0.0.1:3000/api/v1`. */
  readonly apiUrl: string;
  /** An api key with role `agent` for this agent only. */
  readonly token: string;
}

export interface AgentCredentials {
  /** Undefined when this engine runs without an api to talk back to. */
  accessFor(agent: { readonly tenantId: string; readonly agentId: string }): Promise<AgentAccess | undefined>;
}
