import { isDomainError } from '@orch/kernel';
import type { AgentSnapshot } from '@orch/domain-agent';
import type { BatchOutcome } from '../command-handling/handle-command';
import type { StepOutcome } from './engine-commands';
import { sendAgent, sendSessionBatch, type EngineCommandDeps } from './engine-deps';
import { routingDecisionFor } from './routing-step';
import type { SessionSnapshot } from './session-view';

/**
 * Routes every ready, unrouted task of the session in one append (DOMAIN.md §4.5), in plan order,
 * each decision seeing the slots the ones before it took, so a burst of ready tasks spreads over
 * the fleet instead of piling onto the least loaded agent. Deferred again for the same cause: nothing
 * to record (the engine waits for a fleet change).
 */
export async function routeAll(deps: EngineCommandDeps, at: SessionSnapshot, taskIds: readonly string[]): Promise<StepOutcome> {
  if (taskIds.length === 0) return 'waiting';
  let agents: readonly AgentSnapshot[] = await deps.fleet.agentSnapshots(at.session.tenantId);
  const now = deps.clock.now();
  const commands = [];
  let routed = 0;
  for (const taskId of taskIds) {
    const routing = routingDecisionFor(at.session, taskId, agents, now);
    if (routing === null) continue;
    commands.push({ key: `route:${taskId}@${at.revision}`, command: { type: 'RouteTask' as const, data: { sessionId: at.session.sessionId, taskId, routing } } });
    if (routing.outcome !== 'routed') continue;
    routed++;
    agents = agents.map((agent) => (agent.agentId === routing.agentId ? { ...agent, held: agent.held + 1 } : agent));
  }
  const outcomes = await sendSessionBatch(deps, at.session, commands);
  return summarise(outcomes, routed > 0 || commands.some((c) => c.command.data.routing.outcome === 'no_capable_agent'));
}

export interface AssignStep {
  readonly taskId: string;
  readonly agentId: string;
}

/**
 * DOMAIN.md §4.5's assignment flow for every routed task at once: a slot reserved on each routed
 * agent (AcceptAgentTask; agents in parallel, one agent's in order), then one append of every
 * AssignTask. A refused reservation routes that task again; a refused assignment gives the slot back.
 */
export async function assignAll(deps: EngineCommandDeps, at: SessionSnapshot, steps: readonly AssignStep[]): Promise<StepOutcome> {
  if (steps.length === 0) return 'waiting';
  const accepted: (AssignStep & { attempt: number })[] = [];
  const refused: string[] = [];
  const byAgent = new Map<string, AssignStep[]>();
  for (const step of steps) byAgent.set(step.agentId, [...(byAgent.get(step.agentId) ?? []), step]);
  await Promise.all(
    [...byAgent.values()].map(async (agentSteps) => {
      for (const step of agentSteps) {
        const attempt = (at.session.tasks[step.taskId]?.attemptsUsed ?? 0) + 1;
        try {
          await sendAgent(deps, at.session, `accept:${step.taskId}:${attempt}@${at.revision}`, { type: 'AcceptAgentTask', data: { ...slotOf(at, step, attempt), probe: false } });
          accepted.push({ ...step, attempt });
        } catch (error) {
          if (!isDomainError(error) || error.code === 'ENGINE.STALE_LEASE') throw error;
          refused.push(step.taskId);
        }
      }
    }),
  );
  const rerouted = await routeAll(deps, at, refused);
  const commands = accepted.map((step) => ({
    key: `assign:${step.taskId}@${at.revision}`,
    command: { type: 'AssignTask' as const, data: { sessionId: at.session.sessionId, taskId: step.taskId, agentId: step.agentId, attempt: step.attempt } },
  }));
  const outcomes = await sendSessionBatch(deps, at.session, commands);
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.ok) continue;
    const step = accepted[index] as AssignStep & { attempt: number };
    const task = at.session.tasks[step.taskId];
    const release = { ...slotOf(at, step, step.attempt), outcome: 'released', capabilities: task?.spec.capabilities ?? [], durationMs: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
    await sendAgent(deps, at.session, `abandon:${step.taskId}:${step.attempt}@${at.revision}`, { type: 'ReleaseAgentTask', data: release });
  }
  const assigned = summarise(outcomes, accepted.length > 0);
  return assigned === 'advanced' || rerouted === 'advanced' ? 'advanced' : assigned === 'refused' || rerouted === 'refused' ? 'refused' : 'waiting';
}

/** Retries (RetryTask by the engine at `retryAt`) of several tasks in one append. */
export async function retryAll(deps: EngineCommandDeps, at: SessionSnapshot, taskIds: readonly string[]): Promise<StepOutcome> {
  const commands = taskIds.map((taskId) => ({ key: `retry:${taskId}@${at.revision}`, command: { type: 'RetryTask' as const, data: { sessionId: at.session.sessionId, taskId } } }));
  return summarise(await sendSessionBatch(deps, at.session, commands), commands.length > 0);
}

function slotOf(at: SessionSnapshot, step: AssignStep, attempt: number) {
  return { agentId: step.agentId, sessionId: at.session.sessionId, taskId: step.taskId, attempt };
}

/** Advanced when something that moves the session on was appended; refused when everything was refused. */
function summarise(outcomes: readonly BatchOutcome[], movesOn: boolean): StepOutcome {
  if (outcomes.length === 0) return 'waiting';
  if (outcomes.every((outcome) => !outcome.ok)) return 'refused';
  return movesOn ? 'advanced' : 'waiting';
}
