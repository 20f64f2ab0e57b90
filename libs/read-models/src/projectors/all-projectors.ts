import { agentProjector } from './agent/agent-projector';
import { contextProjector } from './context/context-projector';
import { eventLogProjector } from './event-log/event-log-projector';
import { metricsProjector } from './metrics/metrics-projector';
import { type Projector } from './projector';
import { sessionProjector } from './session/session-projector';

/** Every projector the runner drives; names are checkpoint keys and never change. */
export const ALL_PROJECTORS: readonly Projector[] = [
  sessionProjector,
  agentProjector,
  contextProjector,
  eventLogProjector,
  metricsProjector,
];

export function projectorNamed(name: string): Projector {
  const projector = ALL_PROJECTORS.find((candidate) => candidate.name === name);
  if (!projector) throw new Error(`Unknown projector "${name}"; known: ${ALL_PROJECTORS.map((p) => p.name).join(', ')}`);
  return projector;
}
