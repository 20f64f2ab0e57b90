import { engineApi, explicitPlan, taskIdsOf, type EngineHarness } from './engine-harness';

/** A scripted agent's directive for one task, in its description (libs/agent-runtimes/scripted README). */
const script = (name: string) => `[script:${name}]`;

describe('given the engine running sessions on scripted agents (200 ms a step)', () => {
  let h: EngineHarness;
  let writerId: string;

  beforeAll(async () => {
    h = await engineApi({ ORCH_SCRIPTED_STEP_MS: '200' });
    await h.registerAgent();
    writerId = await h.registerAgent({ name: 'writer', agentType: 'implementer', primaryCapabilities: ['documentation'], capacity: 1 });
  }, 90_000);
  afterAll(() => h?.close());

  it('when a task fails retryably, then the session is degraded, the task is retried 5 s later on attempt 2, and the session recovers and completes', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'flaky', description: script('flaky') }) });
    await h.start(id);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const events = await h.sessionEvents(id);
    const failed = events.find((e) => e.type === 'TaskFailed');
    expect(failed?.data).toMatchObject({ attempt: 1, code: 'TASK.AGENT_ERROR', retryable: true });
    expect(Date.parse(failed?.data['retryAt'] as string) - Date.parse(failed?.data['at'] as string)).toBe(5000);
    const retried = events.find((e) => e.type === 'TaskRetried');
    expect(Date.parse(retried?.data['at'] as string)).toBeGreaterThanOrEqual(Date.parse(failed?.data['retryAt'] as string));
    expect(events.find((e) => e.type === 'SessionDegraded')?.data['taskIds']).toEqual(['flaky']);
    expect(events.map((e) => e.type)).toContain('SessionRecovered');
    expect(events.filter((e) => e.type === 'TaskStarted').map((e) => e.data['attempt'])).toEqual([1, 2]);
  }, 90_000);

  it('when spending reaches the budget, then a warning at 80%, the session pauses (budget exhausted), cannot resume until the budget is raised, then completes', async () => {
    const id = await h.createSession({ budgetUsd: 0.01, planning: explicitPlan({ id: 'one' }, { id: 'two', dependsOn: ['one'] }, { id: 'three', dependsOn: ['two'] }) });
    await h.start(id);
    const paused = await h.waitForType(id, 'SessionPaused');
    expect(paused.data['cause']).toBe('budget');
    expect(paused.metadata['reason']).toBe('budget exhausted');
    expect((await h.sessionEvents(id)).map((e) => e.type)).toContain('SessionBudgetWarningRaised');
    const refused = await h.admin.post(`/sessions/${id}/resume`, { reason: 'try again' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'SESSION.BUDGET_EXHAUSTED' });
    expect((await h.admin.put(`/sessions/${id}/budget`, { budgetUsd: 5, reason: 'approved by finance' })).status).toBe(200);
    expect((await h.admin.post(`/sessions/${id}/resume`, { reason: 'budget raised' })).status).toBe(200);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
  }, 90_000);

  it('when the only capable agent is busy, then a second session is queued, and the scheduler starts it when the slot frees', async () => {
    const first = await h.createSession({ planning: explicitPlan({ id: 'doc', capabilities: ['documentation'], description: script('slow') }) });
    const second = await h.createSession({ planning: explicitPlan({ id: 'doc', capabilities: ['documentation'] }) });
    await h.start(first);
    await h.waitForType(first, 'TaskAssigned');
    await h.start(second);
    expect((await h.waitForType(second, 'SessionQueued')).data['cause']).toBe('no_agent_available');
    expect(await h.waitForEnd(first)).toBe('SessionCompleted');
    const started = await h.waitForType(second, 'SessionStarted');
    expect(started.metadata['actor']).toBe('system:scheduler');
    expect(await h.waitForEnd(second)).toBe('SessionCompleted');
    expect((await h.log.stream(`agent-${writerId}`)).filter((e) => e.type === 'AgentTaskAccepted')).toHaveLength(2);
  }, 120_000);

  it('when a session with a running task is paused, then the run is interrupted and its slot released; when resumed, the task runs again and completes', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'long', description: script('slow') }) });
    await h.start(id);
    await h.waitForType(id, 'TaskStarted');
    expect((await h.admin.post(`/sessions/${id}/pause`, { reason: 'lunch' })).status).toBe(200);
    const interrupted = await h.waitForType(id, 'TaskInterrupted');
    expect(interrupted.data).toMatchObject({ taskId: 'long', cause: 'session_paused', attemptConsumed: false });
    expect((await h.admin.post(`/sessions/${id}/resume`, { reason: 'back' })).status).toBe(200);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const events = await h.sessionEvents(id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['SessionPaused', 'TaskInterrupted', 'SessionResumed', 'TaskRequeued']));
    expect(events.filter((e) => e.type === 'TaskStarted').map((e) => e.data['attempt'])).toEqual([1, 1]);
    expect(new Set(events.filter((e) => e.type === 'TaskStarted').map((e) => e.data['runtimeRef'])).size).toBe(2);
  }, 90_000);

  it('when an operator injects a prompt into a running task, then the agent gets it live and the delivery is recorded', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'live', description: script('slow') }) });
    await h.start(id);
    await h.waitForType(id, 'TaskStarted');
    const injected = await h.admin.post(`/sessions/${id}/inject-prompt`, { reason: 'clarify', text: 'Use a sliding window', taskId: 'live' });
    expect(injected.status).toBe(200);
    expect((await h.waitForType(id, 'PromptDelivered')).data).toMatchObject({ taskId: 'live', attempt: 1 });
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const output = await h.log.stream(`sessionoutput-${id}`);
    expect(output.some((e) => String(e.data['text']).includes('Operator prompt received: Use a sliding window'))).toBe(true);
  }, 90_000);

  it('when a parent session is stopped, then its running child is orphaned (parent_ended)', async () => {
    const parent = await h.createSession({ planning: explicitPlan({ id: 'p', description: script('slow') }) });
    const child = await h.createSession({ parentId: parent, planning: explicitPlan({ id: 'c', description: script('slow') }) });
    await h.start(parent);
    await h.start(child);
    await h.waitForType(child, 'TaskStarted');
    expect((await h.admin.post(`/sessions/${parent}/stop`, { reason: 'wrong direction' })).status).toBe(200);
    expect(await h.waitForEnd(child)).toBe('SessionOrphaned');
    const orphaned = (await h.sessionEvents(child)).find((e) => e.type === 'SessionOrphaned');
    expect(orphaned?.data).toMatchObject({ cause: 'parent_ended', parentId: parent, parentStatus: 'stopped' });
    expect(taskIdsOf(await h.sessionEvents(child), 'TaskCancelled')).toEqual(['c']);
  }, 90_000);

  it('when an agent asks a permission, then the request is recorded, an operator answers it through the api, and the run continues to completion', async () => {
    const id = await h.createSession({ planning: explicitPlan({ id: 'guarded', description: script('ask-permission') }) });
    await h.start(id);
    const asked = await h.waitForType(id, 'TaskPermissionRequested');
    expect(asked.data).toMatchObject({ taskId: 'guarded', tool: 'write' });
    const answer = await h.admin.post(`/sessions/${id}/tasks/guarded/permissions/${asked.data['requestId']}`, { answer: 'allow', reason: 'writes inside the worktree are fine' });
    expect(answer.status).toBe(200);
    expect(await h.waitForEnd(id)).toBe('SessionCompleted');
    const answered = (await h.sessionEvents(id)).find((e) => e.type === 'TaskPermissionAnswered');
    expect(answered?.data).toMatchObject({ answer: 'allow', answeredBy: 'operator' });
    expect(answered?.metadata['reason']).toBe('writes inside the worktree are fine');
  }, 90_000);
});
