import { SESSION_ID, AGENT_A, startedSession, prepared, ready, routed, assigned, started, T0 } from './testing/session-history';
import { executeSessionCommand } from '../sessions/session-commands';
import { macrotask, runnerFixture } from './testing/runner-fixture';
import { SessionRunner } from './session-runner';
import type { EventStore } from '../ports/event-store.port';

type Fixture = ReturnType<typeof runnerFixture>;
const reason = 'operator decision';

function taskEvents(fixture: Fixture, taskId: string): string[] {
  return fixture.store.all.filter((e) => e.streamName === `session-${SESSION_ID}` && e.data['taskId'] === taskId).map((e) => e.type);
}

async function userCommand(fixture: Fixture, type: string, data: Record<string, unknown>) {
  const metadata = { commandId: `01934b8e-0000-7000-8000-${String(fixture.store.all.length).padStart(12, '0')}`, actor: 'user:key-1' as const, tenantId: 'tenant-1', now: fixture.timers.now(), correlationId: SESSION_ID, reason };
  return executeSessionCommand(fixture.deps, { type, data: { sessionId: SESSION_ID, ...data }, metadata } as never);
}

describe('SessionRunner: one session driven to its end on an agent runtime', () => {
  it('given a started session of a, b (after a) and c, when driven with runs that complete, then every task completes once, in dependency order, and the session completes', async () => {
    const fixture = runnerFixture();
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    await fixture.drive(fixture.runner());
    const types = fixture.sessionTypes();
    expect(types.at(-1)).toBe('SessionCompleted');
    expect(types.filter((t) => t === 'TaskCompleted')).toHaveLength(3);
    expect(types.filter((t) => t === 'CheckpointRecorded')).toHaveLength(3);
    const completedOrder = fixture.store.all.filter((e) => e.type === 'TaskCompleted').map((e) => e.data['taskId']);
    expect(completedOrder.indexOf('a')).toBeLessThan(completedOrder.indexOf('b'));
    expect(taskEvents(fixture, 'b').slice(0, 6)).toEqual(['TaskReady', 'TaskRouted', 'TaskAssigned', 'TaskStarted', 'TaskUsageRecorded', 'TaskCompleted']);
    expect(fixture.ends).toEqual(['ended']);
  });

  it('given runs that complete, then the agent took and gave back a slot for each task, counted as successes', async () => {
    const fixture = runnerFixture();
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    await fixture.drive(fixture.runner());
    const agent = fixture.agentTypes();
    expect(agent.filter((t) => t === 'AgentTaskAccepted')).toHaveLength(3);
    expect(fixture.store.all.filter((e) => e.type === 'AgentTaskReleased').map((e) => e.data['outcome'])).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('given each run starts with the session prompt, the task title and the session context, when dispatched, then the run id derives from its assignment', async () => {
    const fixture = runnerFixture();
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    await fixture.drive(fixture.runner());
    const [run] = fixture.runtime.byTask('a');
    expect(run?.request.instructions).toContain('Add an OAuth login to the web app');
    expect(run?.request.instructions).toContain('Do a');
    const assignment = fixture.store.all.find((e) => e.type === 'TaskAssigned' && e.data['taskId'] === 'a');
    expect(run?.request.runId).toBe(`derived(run:${SESSION_ID}:${assignment?.id})`);
  });

  it('given a run that fails retryably, when its retry time comes, then the task is retried and completes on attempt 2', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    fixture.runtime.onStart = (run) =>
      void Promise.resolve().then(() =>
        run.request.attempt === 1 && run.request.taskId === 'c'
          ? run.end({ status: 'failed', code: 'TASK.AGENT_ERROR', message: 'model overloaded', retryable: true, usage: { tokensIn: 1, tokensOut: 1, costUsd: 0, apiCalls: 1, apiErrors: 1 } })
          : run.complete(),
      );
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    const runner = fixture.runner();
    await fixture.drive(runner);
    expect(taskEvents(fixture, 'c')).toContain('TaskFailed');
    expect(fixture.sessionTypes()).not.toContain('SessionCompleted');
    fixture.timers.advance(5_100);
    await fixture.drive(runner);
    expect(taskEvents(fixture, 'c').filter((t) => t === 'TaskAssigned')).toHaveLength(2);
    expect(fixture.sessionTypes().at(-1)).toBe('SessionCompleted');
  });

  it('given a task running on a run this engine does not know (it restarted), when driven, then lease_lost, requeue, and attempt 2 completes', async () => {
    const fixture = runnerFixture();
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a')]);
    await fixture.drive(fixture.runner());
    const a = taskEvents(fixture, 'a');
    expect(a.slice(4, 7)).toEqual(['TaskInterrupted', 'TaskRequeued', 'TaskRouted']);
    expect(fixture.store.all.find((e) => e.type === 'TaskInterrupted')?.data).toMatchObject({ cause: 'lease_lost', attemptConsumed: true });
    expect(fixture.store.all.filter((e) => e.type === 'TaskCompleted' && e.data['taskId'] === 'a').map((e) => e.data['attempt'])).toEqual([2]);
  });

  it('given a command in flight and another queued behind it, when the runner is stopped (its lease in doubt), then the queued one is never sent', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), ready('c'), routed('a'), routed('c'), assigned('a'), assigned('c')]);
    let gate: Promise<void> | null = null;
    let open = () => undefined as void;
    const port = fixture.deps.store;
    const appendToStream: EventStore['appendToStream'] = async (...args) => {
      if (gate !== null) await gate;
      return port.appendToStream(...args);
    };
    const store = new Proxy(port, { get: (target, key) => (key === 'appendToStream' ? appendToStream : Reflect.get(target, key)) });
    const runner = new SessionRunner({ ...fixture.deps, store }, SESSION_ID, () => undefined);
    await fixture.drive(runner, 5);
    const [a, c] = [fixture.runtime.byTask('a')[0], fixture.runtime.byTask('c')[0]];
    expect(a && c).toBeDefined();
    gate = new Promise((resolve) => (open = resolve));
    a?.emit({ type: 'usage', tokensIn: 1, tokensOut: 1, costUsd: 0, apiCalls: 1, apiErrors: 0 } as never);
    c?.emit({ type: 'usage', tokensIn: 1, tokensOut: 1, costUsd: 0, apiCalls: 1, apiErrors: 0 } as never);
    for (let round = 0; round < 5; round++) await macrotask();
    const stopping = runner.stop();
    open();
    await stopping;
    for (let round = 0; round < 5; round++) await macrotask();
    expect(fixture.sessionTypes().filter((type) => type === 'TaskUsageRecorded')).toHaveLength(1);
  });

  it('given a task whose run is still going in its runtime, when a new runner takes over, then ReattachTask and the run\'s outcome is recorded once', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), ready('c'), routed('a'), assigned('a')]);
    const first = fixture.runner(1);
    await fixture.drive(first, 5);
    await first.stop();
    const [run] = fixture.runtime.byTask('a');
    const second = fixture.runner(2);
    await fixture.drive(second, 5);
    run?.complete();
    fixture.runtime.autoComplete = true;
    fixture.runtime.byTask('c').forEach((r) => r.complete());
    await fixture.drive(second);
    expect(taskEvents(fixture, 'a')).toContain('TaskReattached');
    expect(taskEvents(fixture, 'a').filter((t) => t === 'TaskCompleted')).toHaveLength(1);
    expect(fixture.store.all.find((e) => e.type === 'TaskReattached')?.metadata['lease']).toEqual({ key: `session:${SESSION_ID}`, token: 2 });
  });

  it('given an engine holding token 1 while another took the lease with token 2, when the first acts, then nothing it sends is recorded', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), ready('c')]);
    await fixture.drive(fixture.runner(2), 3);
    const before = fixture.store.all.length;
    await fixture.drive(fixture.runner(1), 5);
    expect(fixture.store.all.filter((e) => (e.metadata['lease'] as { token?: number } | undefined)?.token === 1)).toHaveLength(0);
    expect(fixture.store.all.length).toBe(before);
    expect(fixture.ends).toEqual(['lease_lost']);
  });

  it('given a running task, when the session is paused, then its run is aborted and the slot released; when resumed, it runs again and completes', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    const runner = fixture.runner();
    await fixture.drive(runner, 10);
    await userCommand(fixture, 'PauseSession', {});
    await fixture.drive(runner, 10);
    expect(fixture.ends).toEqual(['inactive']);
    const [firstRun] = fixture.runtime.byTask('a');
    expect(firstRun?.aborted).toContain('interrupted');
    expect(fixture.store.all.filter((e) => e.type === 'AgentTaskReleased').map((e) => e.data['outcome'])).toContain('released');
    await userCommand(fixture, 'ResumeSession', {});
    fixture.runtime.autoComplete = true;
    await fixture.drive(fixture.runner());
    expect(fixture.sessionTypes().at(-1)).toBe('SessionCompleted');
  });

  it('given a running task, when an operator injects a prompt for it, then the run receives it and the delivery is recorded', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    const runner = fixture.runner();
    await fixture.drive(runner, 10);
    await userCommand(fixture, 'InjectPrompt', { injectionId: '01934b8e-0000-7000-8000-0000000000f1', text: 'Use PKCE', taskId: 'a' });
    await fixture.drive(runner, 10);
    expect(fixture.runtime.byTask('a')[0]?.injected).toEqual([{ injectionId: '01934b8e-0000-7000-8000-0000000000f1', text: 'Use PKCE' }]);
    expect(fixture.sessionTypes()).toContain('PromptDelivered');
  });

  it('given a run that asks a permission, when an operator allows it, then the request and the answer are recorded and the run gets the answer', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    fixture.runtime.onStart = (run) => run.request.taskId === 'a' && void Promise.resolve().then(() => run.emit({ type: 'permission_requested', requestId: 'per_1', tool: 'write', description: 'write src/a.ts' } as never));
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession(startedSession());
    const runner = fixture.runner();
    await fixture.drive(runner, 10);
    expect(fixture.sessionTypes()).toContain('TaskPermissionRequested');
    await userCommand(fixture, 'AnswerTaskPermission', { taskId: 'a', requestId: 'per_1', answer: 'allow' });
    await fixture.drive(runner, 10);
    expect(fixture.runtime.byTask('a')[0]?.answers).toEqual([{ requestId: 'per_1', answer: 'allow' }]);
  });

  it('given a planning session, when the plan task returns a plan block, then the plan is extended and the proposed tasks run', async () => {
    const fixture = runnerFixture();
    fixture.runtime.autoComplete = false;
    const plan = [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }, { id: 'check', title: 'Check it', capabilities: ['testing'], dependsOn: [{ taskId: 'build' }] }];
    fixture.runtime.onStart = (run) =>
      void Promise.resolve().then(() => run.complete(run.request.taskId === 'plan' ? `Planned.\n\`\`\`orchestrator-plan\n${JSON.stringify(plan)}\n\`\`\`` : 'done'));
    await fixture.seedAgent(AGENT_A, { agentType: 'architect', primaryCapabilities: ['task_decomposition'], secondaryCapabilities: ['code_generation', 'testing'] });
    const [created, , startedEvent] = startedSession();
    await fixture.seedSession([
      { ...created, data: { ...created.data, planning: { mode: 'agent' } } } as never,
      { type: 'SessionPlanned', data: { planVersion: 1, source: 'agent', tasks: [{ id: 'plan', title: 'Plan the work', capabilities: ['task_decomposition'], preferredAgentType: 'architect', dependsOn: [], kind: 'plan' }], at: T0 } },
      startedEvent as never,
    ]);
    await fixture.drive(fixture.runner());
    expect(fixture.sessionTypes()).toContain('SessionPlanExtended');
    expect(fixture.store.all.find((e) => e.type === 'TaskCompleted' && e.data['taskId'] === 'plan')?.data['summary']).toBe('Planned.');
    expect(fixture.store.all.filter((e) => e.type === 'TaskCompleted').map((e) => e.data['taskId'])).toEqual(['plan', 'build', 'check']);
    expect(fixture.sessionTypes().at(-1)).toBe('SessionCompleted');
  });
});

describe('SessionRunner.pokeFor: only events it has not read yet make it read the stream again', () => {
  async function countingRunner() {
    const fixture = runnerFixture();
    await fixture.seedAgent(AGENT_A);
    await fixture.seedSession([...startedSession(), prepared(), ready('a'), routed('a', AGENT_A), assigned('a', 1), started('a', 1)]);
    fixture.runtime.autoComplete = false;
    const reads: string[] = [];
    const port = fixture.deps.store;
    const store = { ...port, readStream: (...args: Parameters<typeof port.readStream>) => (reads.push(args[0]), port.readStream(...args)) };
    const runner = new SessionRunner({ ...fixture.deps, store }, SESSION_ID, () => undefined);
    await fixture.drive(runner, 3);
    const sessionReads = () => reads.filter((stream) => stream === `session-${SESSION_ID}`).length;
    return { fixture, runner, sessionReads };
  }

  it('given the runner has read the stream to its end, when poked for an event at or before that revision, then it does not read again', async () => {
    const { fixture, runner, sessionReads } = await countingRunner();
    const before = sessionReads();
    const last = fixture.store.all.filter((e) => e.streamName === `session-${SESSION_ID}`).at(-1);
    runner.pokeFor({ revision: last?.revision ?? 0, type: 'TaskStarted' });
    await runner.settled();
    expect(sessionReads()).toBe(before);
  });

  it('given a newer event, when poked for it, then it reads again; a TaskUsageRecorded alone does not', async () => {
    const { fixture, runner, sessionReads } = await countingRunner();
    const last = fixture.store.all.filter((e) => e.streamName === `session-${SESSION_ID}`).at(-1)?.revision ?? 0;
    const before = sessionReads();
    runner.pokeFor({ revision: last + 1, type: 'TaskUsageRecorded' });
    await runner.settled();
    expect(sessionReads()).toBe(before);
    runner.pokeFor({ revision: last + 1, type: 'PromptInjected' });
    await runner.settled();
    expect(sessionReads()).toBeGreaterThan(before);
  });
});
