import { randomBytes } from 'node:crypto';
import { ReferenceAgent } from '@orch/testing';
import { client } from '../e2e/http-client';
import { engineApi, explicitPlan, type EngineHarness } from '../engine/e2e/engine-harness';

type Registered = { id: string; position: number; token: string; signingSecret: string };

/** Polls `check` until it passes, for up to `ms` (a projection catching up, an agent's heartbeat lapsing). */
async function eventually<T>(check: () => Promise<T>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

describe('given the api with the engine, and external agents registered over HTTP (External Agent Protocol)', () => {
  let h: EngineHarness;
  const agents: ReferenceAgent[] = [];
  let registered = 0;

  beforeAll(async () => {
    h = await engineApi({ ORCH_AGENT_HEARTBEAT_TIMEOUT_MS: '5000' });
  }, 90_000);
  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await h?.close();
  });

  /** Starts a reference agent, registers it (push: with its endpoint), and hands it what registration answered. */
  async function externalAgent(mode: 'push' | 'pull', capability: string, options: { signingSecret?: string; heartbeatMs?: number; stepMs?: number } = {}) {
    const agent = await ReferenceAgent.start({ apiUrl: h.api.baseUrl, mode, stepMs: options.stepMs ?? 50, heartbeatMs: options.heartbeatMs ?? 300 });
    agents.push(agent);
    const config = mode === 'push' ? { endpointUrl: agent.endpointUrl } : {};
    registered += 1;
    const body = { name: `external-${mode}-${capability}-${registered}`, agentType: 'implementer', primaryCapabilities: [capability], runtime: { kind: 'http', config } };
    const reply = await h.admin.post<Registered>('/agents', body);
    expect(reply.status).toBe(201);
    const { id, token, signingSecret, position } = reply.body;
    // Sessions are started only once the global log shows the agent to its readers (routing's fleet view among them).
    await eventually(async () => expect((await h.admin.get(`/agents/${id}?minPosition=${position}`)).status).toBe(200));
    agent.useCredentials({ agentId: id, token, signingSecret: options.signingSecret ?? signingSecret });
    return { agent, id, token, signingSecret };
  }

  const oneTask = (taskId: string, capability: string) => explicitPlan({ id: taskId, capabilities: [capability] });

  async function expectCompletedBy(sessionId: string, taskId: string, agentId: string): Promise<void> {
    expect(await h.waitForEnd(sessionId)).toBe('SessionCompleted');
    const events = await h.sessionEvents(sessionId);
    const own = events.filter((event) => event.data['taskId'] === taskId);
    expect(own.find((event) => event.type === 'TaskStarted')?.data).toMatchObject({ agentId, runtimeRef: expect.stringMatching(/^http:/) });
    expect(own.filter((event) => event.type === 'TaskUsageRecorded').length).toBeGreaterThan(0);
    expect(own.filter((event) => event.type === 'TaskCompleted').map((event) => event.data)).toEqual([
      expect.objectContaining({ agentId, attempt: 1, summary: `Wrote ${taskId}.md for ${taskId}.` }),
    ]);
    const progress = (await h.log.stream(`sessionoutput-${sessionId}`)).filter((event) => event.type === 'TaskProgressed');
    expect(progress.map((event) => event.metadata['actor'])).toContain(`agent:${agentId}`);
    expect(progress.map((event) => event.data['text'])).toEqual(expect.arrayContaining([expect.stringContaining(`working on ${taskId}`)]));
    const diff = await h.admin.get<{ changedFiles: string[] }>(`/sessions/${sessionId}/tasks/${taskId}/diff`);
    expect(diff.body.changedFiles).toContain(`${taskId}.md`);
  }

  it('when a push-mode agent receives its signed task, then its progress and result complete the session with the same events as any runtime', async () => {
    const { agent, id } = await externalAgent('push', 'code_generation');
    const sessionId = await h.createSession({ planning: oneTask('greet', 'code_generation') });
    await h.start(sessionId);

    await expectCompletedBy(sessionId, 'greet', id);
    expect(agent.stats).toEqual({ tasks: 1, refusedSignatures: 0, conflicts: 0 });
  }, 90_000);

  it('when a pull-mode agent long-polls for its task, then the same: its progress and result complete the session', async () => {
    const { agent, id } = await externalAgent('pull', 'documentation');
    const sessionId = await h.createSession({ planning: oneTask('docs', 'documentation') });
    await h.start(sessionId);

    await expectCompletedBy(sessionId, 'docs', id);
    expect(agent.stats).toMatchObject({ tasks: 1, conflicts: 0 });
  }, 90_000);

  it('when a push is signed with a secret the agent does not hold, then the agent refuses it and the start fails, retryable', async () => {
    const { agent } = await externalAgent('push', 'refactoring', { signingSecret: `orch_sig_${randomBytes(32).toString('base64url')}` });
    const sessionId = await h.createSession({ planning: oneTask('tidy', 'refactoring') });
    await h.start(sessionId);

    const failed = await h.waitFor(sessionId, (event) => event.type === 'TaskFailed' && event.data['taskId'] === 'tidy');
    expect(failed.data).toMatchObject({ code: 'TASK.START_FAILED', retryable: true, message: expect.stringContaining('401') });
    expect(agent.stats.tasks).toBe(0);
    expect(agent.stats.refusedSignatures).toBeGreaterThan(0);
    expect((await h.admin.post(`/sessions/${sessionId}/stop`, { reason: 'the agent refuses our signature' })).status).toBe(200);
  }, 90_000);

  it('when a pull-mode run is stopped by an operator, then the agent’s next report gets 409 RUN.ENDED and the task is cancelled', async () => {
    // 20 steps of 1 s: still working when the stop comes, however loaded the machine.
    const { agent } = await externalAgent('pull', 'test_generation', { stepMs: 1_000 });
    const sessionId = await h.createSession({ prompt: 'Take your time [agent:runsLong]', planning: oneTask('slow', 'test_generation') });
    await h.start(sessionId);
    await h.waitFor(sessionId, (event) => event.type === 'TaskStarted');
    await eventually(async () => expect(agent.stats.tasks).toBe(1));

    expect((await h.admin.post(`/sessions/${sessionId}/stop`, { reason: 'enough' })).status).toBe(200);
    await h.waitFor(sessionId, (event) => event.type === 'TaskCancelled');
    await eventually(async () => expect(agent.stats.conflicts).toBe(1));
  }, 90_000);

  it('when tokens are wrong, foreign, rotated, or used outside the agent endpoints, then they are refused (401/403) and nothing runs', async () => {
    const mine = await externalAgent('pull', 'testing', { heartbeatMs: 0 });
    const other = await externalAgent('pull', 'testing', { heartbeatMs: 0 });
    const forged = client(h.api.baseUrl, mine.token.replace(/.{8}$/, 'AAAAAAAA'));
    const agent = client(h.api.baseUrl, mine.token);

    expect((await forged.post(`/agents/${mine.id}/heartbeat`)).status).toBe(401);
    expect((await agent.get(`/agents/${other.id}/tasks/next`)).status).toBe(403);
    expect((await agent.post(`/agents/${other.id}/heartbeat`)).status).toBe(403);
    expect((await agent.get('/sessions')).status).toBe(403);
    expect((await agent.get(`/agents/${mine.id}`)).status).toBe(403);
    expect((await agent.post('/agents', { name: 'x' })).status).toBe(403);
    expect((await h.admin.get(`/agents/${mine.id}/tasks/next`)).status).toBe(403);
    expect((await agent.post(`/agents/${mine.id}/runs/no-such-run/progress`, { message: 'hello' })).body).toMatchObject({ status: 404, code: 'RUN.NOT_FOUND' });
    const invalid = await agent.post<{ errors: { field: string }[] }>(`/agents/${mine.id}/runs/no-such-run/result`, { status: 'completed', summary: 'x', filesChanged: ['../escape'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error) => error.field)).toContain('filesChanged');

    const rotated = await h.admin.post<Registered>(`/agents/${mine.id}/rotate-token`, { reason: 'leaked' });
    expect(rotated.body.token).not.toBe(mine.token);
    expect(rotated.body.signingSecret).not.toBe(mine.signingSecret);
    expect((await agent.post(`/agents/${mine.id}/heartbeat`)).status).toBe(401);
    expect((await client(h.api.baseUrl, rotated.body.token).post(`/agents/${mine.id}/heartbeat`)).status).toBe(200);
  }, 60_000);

  it('when an agent stops beating, then it goes offline in the registry (heartbeat timeout shortened for the test)', async () => {
    const { agent, id } = await externalAgent('pull', 'refactoring');
    await eventually(async () =>
      expect((await h.admin.get(`/agents/${id}`)).body).toMatchObject({ status: 'active', liveness: expect.objectContaining({ lastHeartbeatAt: expect.any(String) }) }),
    );

    agent.stopHeartbeats();
    await eventually(async () => expect((await h.admin.get<{ status: string }>(`/agents/${id}`)).body.status).toBe('offline'));
    const offline = (await h.log.stream(`agent-${id}`)).find((event) => event.type === 'AgentWentOffline');
    expect(offline?.data).toMatchObject({ cause: 'heartbeat_expired' });
  }, 60_000);
});
