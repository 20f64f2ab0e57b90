import type { AgentRuntimePort, RunAgent } from './agent-runtime.port';

/**
 * The engine's set of agent runtimes, one adapter per runtime kind (DOMAIN.md §4.2). Adapters are
 * plain TypeScript in libs/agent-runtimes; the app decides which ones this engine runs.
 */
export interface AgentRuntimes {
  /** The adapter that runs this agent, or undefined when this engine has none for its kind. */
  forAgent(agent: RunAgent): AgentRuntimePort | undefined;
  close(): Promise<void>;
}
