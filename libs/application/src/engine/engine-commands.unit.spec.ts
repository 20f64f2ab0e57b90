import { sessionDecider, type Session } from '@orch/domain-session';
import { loadAggregate } from '../command-handling/load-aggregate';
import { runCommandStep, type SessionAt } from './engine-commands';
import { nextSteps } from './next-steps';
import { AGENT_B, BASE_COMMIT, engineFixture } from './testing/engine-fixture';
import { AGENT_A, assigned, failed, prepared, ready, routed, SESSION_ID, started, startedSession, T0 } from './testing/session-history';

type Fixture = ReturnType<typeof engineFixture>;

async function read(fixture: Fixture): Promise<SessionAt> {
  const loaded = await loadAggregate(fixture.deps.store, `session-${SESSION_ID}`, sessionDecider);
  return { session: loaded.state as Session, revision: loaded.revision ?? -1 };
}

/** Reads the session, takes the first step `nextSteps` gives, and runs it. */
async function step(fixture: Fixture) {
  const at = await read(fixture);
  const [first] = nextSteps(at.session, T0).steps;
  if (!first || first.kind === 'dispatch' || first.kind === 'supervise' || first.kind === 'recover') throw new Error(`no command step: ${first?.kind}`);
  return runCommandStep(fixture.deps, at, first);
}

/** Another session's task holds AGENT_A's only slot. */
async function holdSlot(fixture: Fixture): Promise<void> {
  await fixture.store.appendToStream(`agent-${AGENT_A}`, [
    {
      id: 'busy',
      type: 'AgentTaskAccepted',
      data: { sessionId: 'other', taskId: 'x', attempt: 1, probe: false, at: T0 },
      metadata: { actor: 'system:engine', tenantId: 'tenant-1', correlationId: 'other', schemaVersion: 1 },
    },
  ]);
}

describe('runCommandStep: the engine carries out a step as commands', () => {
  it('given a started session, when the workspace step runs, then the workspace is recorded and the root tasks become ready', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.sessionTypes().slice(3)).toEqual(['SessionWorkspacePrepared', 'TaskReady', 'TaskReady']);
    expect(fixture.store.all.at(-1)?.metadata).toMatchObject({ actor: 'system:engine', tenantId: 'tenant-1', correlationId: SESSION_ID });
    expect((await read(fixture)).session.workspace).toEqual({ branch: `orch/${SESSION_ID}`, baseCommit: BASE_COMMIT });
  });

  it('given the workspace cannot be prepared, when the step runs, then the session fails with SESSION.WORKSPACE_UNAVAILABLE', async () => {
    const fixture = engineFixture({ workspace: () => Promise.reject(new Error('disk full')) });
    await fixture.seedSession(startedSession());
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.store.all.at(-1)).toMatchObject({ type: 'SessionFailed', data: { code: 'SESSION.WORKSPACE_UNAVAILABLE' } });
    expect((fixture.store.all.at(-1)?.data as { message: string }).message).toContain('disk full');
  });

  it('given a ready task and two agents, when it is routed, then TaskRouted names the less loaded agent with the breakdown', async () => {
    const fixture = engineFixture();
    await fixture.seedAgent(AGENT_A, { capacity: 1 });
    await fixture.seedAgent(AGENT_B);
    await fixture.seedSession([...startedSession(), prepared(), ready('a')]);
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.store.all.at(-1)).toMatchObject({ type: 'TaskRouted', data: { taskId: 'a', candidateCount: 2 } });
  });

  it('given the only capable agent is full, when routing, then the task is deferred (all_busy) and the engine waits; routing again records nothing', async () => {
    const fixture = engineFixture();
    await fixture.seedAgent(AGENT_A, { capacity: 1 });
    await holdSlot(fixture);
    await fixture.seedSession([...startedSession(), prepared(), ready('a')]);
    expect(await step(fixture)).toBe('waiting');
    expect(fixture.store.all.at(-1)).toMatchObject({ type: 'TaskRoutingDeferred', data: { cause: 'all_busy' } });
    const count = fixture.store.all.length;
    expect(await step(fixture)).toBe('waiting');
    expect(fixture.store.all.length).toBe(count);
  });

  it('given no agent capable of the task, when routing, then the task fails with AGENT.NO_CAPABLE_AGENT', async () => {
    const fixture = engineFixture();
    await fixture.seedAgent(AGENT_A, { primaryCapabilities: ['documentation'], secondaryCapabilities: [], agentType: 'documenter' });
    await fixture.seedSession([...startedSession(), prepared(), ready('a')]);
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.store.all.find((event) => event.type === 'TaskFailed')).toMatchObject({ data: { code: 'AGENT.NO_CAPABLE_AGENT', retryable: false } });
  });

  it('given a routed task, when it is assigned, then the agent accepts a slot first and the task is assigned attempt 1', async () => {
    const fixture = engineFixture();
    await fixture.seedAgent();
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a')]);
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.agentTypes()).toEqual(['AgentRegistered', 'AgentTaskAccepted']);
    expect(fixture.store.all.at(-1)).toMatchObject({ type: 'TaskAssigned', data: { taskId: 'a', agentId: AGENT_A, attempt: 1 } });
  });

  it('given the routed agent is full by now, when assigning, then the reservation is refused and the task is routed again elsewhere', async () => {
    const fixture = engineFixture();
    await fixture.seedAgent(AGENT_A, { capacity: 1 });
    await fixture.seedAgent(AGENT_B);
    await holdSlot(fixture);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a', AGENT_A)]);
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.store.all.at(-1)).toMatchObject({ type: 'TaskRouted', data: { taskId: 'a', agentId: AGENT_B } });
  });

  it('given a failed task whose retry is due, when the step runs, then TaskRetried', async () => {
    const fixture = engineFixture();
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), failed('a', T0)]);
    expect(await step(fixture)).toBe('advanced');
    expect(fixture.store.all.find((event) => event.type === 'TaskRetried')).toMatchObject({ data: { taskId: 'a', resetAttempts: false } });
  });

  it('given a step already carried out before a crash, when the same step runs again at the same revision, then nothing is appended twice', async () => {
    const fixture = engineFixture();
    await fixture.seedSession(startedSession());
    const at = await read(fixture);
    await runCommandStep(fixture.deps, at, { kind: 'prepare_workspace' });
    const count = fixture.store.all.length;
    expect(await runCommandStep(fixture.deps, at, { kind: 'prepare_workspace' })).toBe('advanced');
    expect(fixture.store.all.length).toBe(count);
  });

  it('given the session moved on (paused) since it was read, when a stale step runs, then it is refused and nothing is appended', async () => {
    const fixture = engineFixture();
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), failed('a', T0)]);
    const at = await read(fixture);
    await fixture.store.appendToStream(`session-${SESSION_ID}`, [
      {
        id: 'pause',
        type: 'SessionPaused',
        data: { cause: 'operator', remainingMs: 1000, at: T0 },
        metadata: { actor: 'user:key-1', tenantId: 'tenant-1', correlationId: 'pause', schemaVersion: 1 },
      },
    ]);
    const count = fixture.store.all.length;
    expect(await runCommandStep(fixture.deps, at, { kind: 'retry', taskId: 'a' })).toBe('refused');
    expect(fixture.store.all.length).toBe(count);
  });
});
