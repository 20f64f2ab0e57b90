import { executeAgentCommand, executeSessionCommand, Engine, type EventStore } from '@orch/application';
import { ids, clock } from './bench-engine-deps';

const metadata = (commandId: string, tenantId: string) => ({ commandId, actor: 'user:bench' as const, tenantId, now: clock.now(), correlationId: commandId, reason: 'bench' });

/** Registers `count` scripted implementers with `capacity` slots each. */
export async function registerAgents(deps: Parameters<typeof executeAgentCommand>[0], tenantId: string, count: number, capacity: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const agentId = ids.newId();
    const data = { agentId, name: `bench agent ${index}`, agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: { kind: 'scripted', config: { scenario: 'default' } }, capacity, nameTaken: false };
    await executeAgentCommand(deps, { type: 'RegisterAgent', data, metadata: metadata(ids.newId(), tenantId) });
  }
}

/** Creates and starts a session of `tasks` independent tiny tasks; answers its id. */
export async function startSession(deps: Parameters<typeof executeSessionCommand>[0], tenantId: string, tasks: number, title: string): Promise<string> {
  const sessionId = ids.newId();
  const plan = Array.from({ length: tasks }, (_, index) => ({ id: `t${index}`, title: `Tiny task ${index}`, capabilities: ['code_generation'] }));
  await executeSessionCommand(deps, { type: 'CreateSession', data: { sessionId, title, prompt: 'bench', planning: { mode: 'explicit', tasks: plan } }, metadata: metadata(ids.newId(), tenantId) } as never);
  await executeSessionCommand(deps, { type: 'StartSession', data: { sessionId, capacity: { occupied: 0, limit: 0, agentFree: false, uncovered: [] } }, metadata: metadata(ids.newId(), tenantId) } as never);
  return sessionId;
}

/** Waits until every session's stream ends with SessionCompleted. */
export async function waitForCompletion(store: EventStore, sessionIds: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(sessionIds);
  while (pending.size > 0) {
    for (const sessionId of [...pending]) {
      const last = (await store.readStream(`session-${sessionId}`, { direction: 'backwards', maxCount: 1 }))[0];
      if (last?.type === 'SessionCompleted') pending.delete(sessionId);
      else if (last && ['SessionFailed', 'SessionPartiallyCompleted'].includes(last.type)) throw new Error(`session ${sessionId} ended ${last.type}`);
    }
    if (Date.now() > deadline) throw new Error(`${pending.size} sessions still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ready → start: for every task, the time from its TaskReady commit to the runtime being asked to start it. */
export async function dispatchLatencies(store: EventStore, sessionIds: readonly string[], started: ReadonlyMap<string, number>): Promise<number[]> {
  return (await dispatchStages(store, sessionIds, started)).map((stages) => stages.total);
}

/** One task's dispatch split at the commits in between: ready → routed → assigned → runtime asked to start. */
export interface DispatchStages {
  readonly routed: number;
  readonly assigned: number;
  readonly started: number;
  readonly total: number;
}

export async function dispatchStages(store: EventStore, sessionIds: readonly string[], started: ReadonlyMap<string, number>): Promise<DispatchStages[]> {
  const stages: DispatchStages[] = [];
  for (const sessionId of sessionIds) {
    const first = new Map<string, Map<string, number>>();
    for (const event of await store.readStream(`session-${sessionId}`)) {
      const taskId = event.data['taskId'];
      if (typeof taskId !== 'string') continue;
      const times = first.get(taskId) ?? new Map<string, number>();
      if (!times.has(event.type)) times.set(event.type, Date.parse(event.recordedAt));
      first.set(taskId, times);
    }
    for (const [taskId, times] of first) {
      const ready = times.get('TaskReady');
      const at = started.get(`${sessionId}/${taskId}`);
      const routed = times.get('TaskRouted');
      const assigned = times.get('TaskAssigned');
      if (ready === undefined || at === undefined || routed === undefined || assigned === undefined) continue;
      stages.push({ routed: routed - ready, assigned: assigned - routed, started: at - assigned, total: at - ready });
    }
  }
  return stages;
}

export async function withEngine<T>(deps: ConstructorParameters<typeof Engine>[0], use: () => Promise<T>): Promise<T> {
  const engine = new Engine(deps, { engineId: 'bench' });
  await engine.start();
  try {
    return await use();
  } finally {
    await engine.stop();
    await deps.runtimes.close();
  }
}
