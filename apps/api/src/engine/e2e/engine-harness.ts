import { startApi, type RunningApi, type StartOptions } from '../../e2e/api-process';
import { openEventLog, type StoredEvent } from '../../e2e/event-count';
import { client } from '../../e2e/http-client';

export type Api = ReturnType<typeof client>;
type Answer = { id: string; revision: number; position: number };

/** Fast scripted agents for the engine's end-to-end specs: ~30 ms a step. */
export const FAST_AGENTS = { ORCH_SCRIPTED_STEP_MS: '30', ORCH_SCRIPTED_AGENTS: 'false' };

export const IMPLEMENTER = { name: 'builder', agentType: 'implementer', primaryCapabilities: ['code_generation', 'test_generation', 'testing'], capacity: 5 };

/** An engine-running api, its admin client, an event log reader, and helpers to drive sessions over HTTP. */
export async function engineApi(env: Record<string, string> = {}, options: StartOptions = {}) {
  const api = await startApi({ ...FAST_AGENTS, ...env }, options);
  return harnessFor(api);
}

export async function harnessFor(api: RunningApi) {
  const admin = client(api.baseUrl, api.adminKey);
  const log = await openEventLog(api.databaseUrl);

  async function registerAgent(overrides: Record<string, unknown> = {}, scenario = 'default'): Promise<string> {
    const reply = await admin.post<Answer>('/agents', { ...IMPLEMENTER, runtime: { kind: 'scripted', config: { scenario } }, ...overrides });
    if (reply.status !== 201) throw new Error(`agent not registered: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  async function createSession(body: Record<string, unknown>): Promise<string> {
    const reply = await admin.post<Answer>('/sessions', { title: 'Add rate limiting to login', prompt: 'Limit login attempts per IP', ...body });
    if (reply.status !== 201) throw new Error(`session not created: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  async function start(sessionId: string): Promise<Answer> {
    const reply = await admin.post<Answer>(`/sessions/${sessionId}/start`, { reason: 'e2e' });
    if (reply.status !== 200) throw new Error(`session not started: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  const sessionEvents = (sessionId: string) => log.stream(`session-${sessionId}`);

  /** Waits until the session's stream has an event matching `test` (read from the store, not the read model). */
  async function waitFor(sessionId: string, test: (event: StoredEvent) => boolean, timeoutMs = 60_000): Promise<StoredEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await sessionEvents(sessionId)).find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event in ${timeoutMs} ms; stream: ${(await sessionEvents(sessionId)).map((e) => e.type).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const waitForType = (sessionId: string, type: string, timeoutMs?: number) => waitFor(sessionId, (event) => event.type === type, timeoutMs);

  /** Waits for the session to end (a final or retryable status) and answers the ending event's type. */
  async function waitForEnd(sessionId: string, timeoutMs = 90_000): Promise<string> {
    const ending = ['SessionCompleted', 'SessionPartiallyCompleted', 'SessionFailed', 'SessionTimedOut', 'SessionStopped', 'SessionCancelled', 'SessionOrphaned'];
    return (await waitFor(sessionId, (event) => ending.includes(event.type), timeoutMs)).type;
  }

  async function close(): Promise<void> {
    await log.close();
    await api.stop();
  }

  return { api, admin, log, registerAgent, createSession, start, sessionEvents, waitFor, waitForType, waitForEnd, close };
}

export type EngineHarness = Awaited<ReturnType<typeof harnessFor>>;

/** Task ids in the order their events name them, by event type. */
export function taskIdsOf(events: readonly StoredEvent[], type: string): string[] {
  return events.filter((event) => event.type === type).map((event) => event.data['taskId'] as string);
}

export const explicitPlan = (...tasks: { id: string; dependsOn?: string[]; capabilities?: string[]; description?: string }[]) => ({
  mode: 'explicit',
  tasks: tasks.map((task) => ({
    id: task.id,
    title: `Build the ${task.id} part`,
    capabilities: task.capabilities ?? ['code_generation'],
    dependsOn: (task.dependsOn ?? []).map((taskId) => ({ taskId })),
    ...(task.description ? { description: task.description } : {}),
  })),
});
