import { randomUUID } from 'node:crypto';
import { type EventStore } from '@orch/application';
import { appendFacts, fact, TestClock } from './events';
import { completed, dispatched, sessionCreated, sessionPlanned, usage } from './session-facts';

/** A short history touching every projector: a session, its agent and its context. Returns the last position. */
export async function appendMixedHistory(store: EventStore, tenantId = 'tenant-mix'): Promise<{ sessionId: string; position: number }> {
  const sessionId = randomUUID();
  const agentId = randomUUID();
  const clock = new TestClock();
  const user = { actor: 'user:key-1', tenantId, reason: 'ship it' };
  const engine = { actor: 'system:engine', tenantId };
  await appendFacts(store, `agent-${agentId}`, user, [
    fact('AgentRegistered', clock.next(), {
      agentId,
      tenantId,
      name: 'Builder',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation'],
      secondaryCapabilities: [],
      runtime: { kind: 'scripted', config: { scenario: 'happy' } },
      capacity: 2,
    }),
  ]);
  await appendFacts(store, `session-${sessionId}`, user, [sessionCreated(clock.next(), sessionId, tenantId), sessionPlanned(clock.next(), ['a'])]);
  await appendFacts(store, `context-${sessionId}`, engine, [
    fact('ContextCreated', clock.next(), { contextId: sessionId, tenantId, scope: 'session', sessionId, document: {}, version: 1 }),
  ]);
  await appendFacts(store, `session-${sessionId}`, user, [fact('SessionStarted', clock.next(), { deadlineAt: clock.next(0) })]);
  await appendFacts(store, `session-${sessionId}`, engine, [fact('TaskReady', clock.next(), { taskId: 'a' })]);
  await appendFacts(store, `agent-${agentId}`, engine, [fact('AgentTaskAccepted', clock.next(), { sessionId, taskId: 'a', attempt: 1, probe: false })]);
  await appendFacts(store, `session-${sessionId}`, engine, [...dispatched(clock.next(), 'a', agentId, 1), usage(clock.next(), 'a', 1)]);
  await appendFacts(store, `context-${sessionId}`, { actor: `agent:${agentId}`, tenantId }, [
    fact('ContextVersionWritten', clock.next(), {
      version: 2,
      operations: [{ op: 'set', path: 'notes', value: 'done' }],
      changes: { added: ['notes'], modified: [], deleted: [] },
      source: { sessionId, taskId: 'a', attempt: 1 },
    }),
  ]);
  await appendFacts(store, `session-${sessionId}`, engine, [...completed(clock.next(), 'a', agentId, 1, 1), fact('SessionCompleted', clock.next(0), { completed: 1 })]);
  const position = await appendFacts(store, `agent-${agentId}`, engine, [
    fact('AgentTaskReleased', clock.next(), {
      sessionId,
      taskId: 'a',
      attempt: 1,
      outcome: 'succeeded',
      counted: true,
      capabilities: ['code_generation'],
      durationMs: 1000,
      tokensIn: 1000,
      tokensOut: 200,
      costUsd: 0.0125,
    }),
  ]);
  return { sessionId, position };
}
