import { randomUUID } from 'node:crypto';
import { type EventStore } from '@orch/application';
import { appendFacts, fact, TestClock, type CommandMeta } from './events';
import { completed, dispatched, sessionCreated, sessionPlanned, usage } from './session-facts';

/** Seeds for the query specs: every fact goes through the store and the real projectors. */
export interface SeedOptions {
  readonly title?: string;
  readonly prompt?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly tags?: readonly string[];
  readonly tasks?: readonly string[];
  /** Start the session (running), optionally pause it afterwards. */
  readonly start?: boolean;
  readonly pause?: boolean;
}

export const userOf = (tenantId: string, key = 'key-1'): CommandMeta => ({
  actor: `user:${key}`,
  tenantId,
  reason: 'seed',
  client: { ip: '10.0.0.9', userAgent: 'spec/1' },
});
export const engineOf = (tenantId: string): CommandMeta => ({ actor: 'system:engine', tenantId });

/** A created (and optionally started, paused) session. Returns its id and last position. */
export async function seedSession(
  store: EventStore,
  tenantId: string,
  clock: TestClock,
  options: SeedOptions = {},
): Promise<{ sessionId: string; position: number }> {
  const sessionId = randomUUID();
  const stream = `session-${sessionId}`;
  const extra = {
    ...(options.title ? { title: options.title } : {}),
    prompt: options.prompt ?? `Work on: ${options.title ?? 'the session'}`,
    ...(options.description ? { description: options.description } : {}),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    tags: options.tags ?? [],
  };
  const user = { ...userOf(tenantId), commandType: 'CreateSession' };
  let position = await appendFacts(store, stream, user, [sessionCreated(clock.next(), sessionId, tenantId, extra), sessionPlanned(clock.next(0), options.tasks ?? ['a'])]);
  if (options.start || options.pause) {
    position = await appendFacts(store, stream, { ...userOf(tenantId), commandType: 'StartSession' }, [fact('SessionStarted', clock.next(), { deadlineAt: '2030-01-01T00:00:00.000Z' })]);
  }
  if (options.pause) {
    position = await appendFacts(store, stream, { ...userOf(tenantId), commandType: 'PauseSession' }, [fact('SessionPaused', clock.next(), { cause: 'operator', remainingMs: 1000 })]);
  }
  return { sessionId, position };
}

/**
 * A completed two-task session worked by one agent: tasks a → b, usage, two checkpoints, the
 * agent's slots and outcomes, task output in `sessionoutput-<id>`, and a context with 3 versions.
 */
export async function seedWorkedSession(store: EventStore, tenantId: string, clock = new TestClock()) {
  const agentId = randomUUID();
  const engine = engineOf(tenantId);
  await appendFacts(store, `agent-${agentId}`, { ...userOf(tenantId), commandType: 'RegisterAgent' }, [
    fact('AgentRegistered', clock.next(), {
      agentId,
      tenantId,
      name: `Builder ${agentId.slice(0, 6)}`,
      agentType: 'implementer',
      primaryCapabilities: ['code_generation', 'testing'],
      secondaryCapabilities: ['documentation'],
      runtime: { kind: 'scripted', config: { scenario: 'happy' } },
      capacity: 4,
    }),
  ]);
  const { sessionId } = await seedSession(store, tenantId, clock, { tasks: ['a', 'b'], start: true, title: 'Worked session' });
  const stream = `session-${sessionId}`;
  const contextStream = `context-${sessionId}`;
  await appendFacts(store, contextStream, engine, [
    fact('ContextCreated', clock.next(), { contextId: sessionId, tenantId, scope: 'session', sessionId, document: { goal: 'ship', files: [] }, version: 1 }),
  ]);
  for (const [index, taskId] of ['a', 'b'].entries()) {
    await appendFacts(store, stream, engine, [fact('TaskReady', clock.next(), { taskId })]);
    await appendFacts(store, `agent-${agentId}`, engine, [fact('AgentTaskAccepted', clock.next(), { sessionId, taskId, attempt: 1, probe: false })]);
    await appendFacts(store, stream, engine, [...dispatched(clock.next(), taskId, agentId, 1), usage(clock.next(), taskId, 1)]);
    for (let seq = 1; seq <= 3; seq += 1) {
      await appendFacts(store, `sessionoutput-${sessionId}`, engine, [fact('TaskProgressed', clock.next(0), { taskId, attempt: 1, seq, kind: 'text', text: `${taskId} step ${seq}` })]);
    }
    await appendFacts(store, contextStream, { actor: `agent:${agentId}`, tenantId }, [
      fact('ContextVersionWritten', clock.next(), {
        version: index + 2,
        operations: [{ op: 'set', path: `notes.${taskId}`, value: `done ${taskId}` }],
        changes: { added: [`notes.${taskId}`], modified: [], deleted: [] },
        source: { sessionId, taskId, attempt: 1 },
      }),
    ]);
    await appendFacts(store, stream, engine, completed(clock.next(5000), taskId, agentId, 1, index + 1));
    await appendFacts(store, `agent-${agentId}`, engine, [
      fact('AgentTaskReleased', clock.next(), {
        sessionId,
        taskId,
        attempt: 1,
        outcome: 'succeeded',
        counted: true,
        capabilities: ['code_generation'],
        durationMs: 5000,
        tokensIn: 1000,
        tokensOut: 200,
        costUsd: 0.0125,
      }),
    ]);
  }
  const position = await appendFacts(store, stream, engine, [fact('SessionCompleted', clock.next(), { completed: 2 })]);
  return { sessionId, agentId, contextId: sessionId, position };
}
