import { isCapable, routeTask, type AgentSnapshot } from '@orch/domain-agent';
import type { Capacity, Session, TaskState } from '@orch/domain-session';
import { routingInputFor } from '../engine/routing-step';

/**
 * StartSession/RetrySession capacity facts (DOMAIN.md §2.4) from the fleet: which planned tasks
 * no agent can do, and whether some task with no unmet dependency has an eligible free agent.
 */
export function capacityFor(session: Session, agents: readonly AgentSnapshot[], occupied: number, limit: number, now: string): Capacity {
  const open = session.taskOrder.map((id) => session.tasks[id]).filter((task) => task.status !== 'completed' && task.status !== 'skipped');
  const uncovered = open.filter((task) => !agents.some((agent) => isCapable(agent, task.spec.capabilities))).map((task) => task.spec.id);
  const startable = open.filter((task) => dependenciesMet(session, task));
  const agentFree = startable.some((task) => routeTask(routingInputFor(session, task, agents, now)).kind === 'routed');
  return { occupied, limit, agentFree, uncovered };
}

function dependenciesMet(session: Session, task: TaskState): boolean {
  return task.spec.dependsOn.every((dependency) => session.tasks[dependency.taskId]?.status === 'completed');
}
