import { startApi, type RunningApi } from '../e2e/api-process';
import { openEventLog } from '../e2e/event-count';
import { client } from '../e2e/http-client';

type Answer = { id: string; revision: number; position: number; token?: string };
const scripted = { kind: 'scripted', config: { scenario: 'happy' } };

describe('given the api on a real PostgreSQL, the agent registry', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    api = await startApi();
    log = await openEventLog(api.databaseUrl);
    admin = client(api.baseUrl, api.adminKey);
  }, 90_000);

  afterAll(async () => {
    await log?.close();
    await api?.stop();
  });

  const register = (body: Record<string, unknown>) =>
    admin.post<Answer>('/agents', { agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: scripted, ...body });

  it('when an agent is registered, drained, enabled and deregistered, then each answers and the stream records it', async () => {
    const created = await register({ name: 'worker-1' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const action of ['drain', 'enable']) expect((await admin.post(`/agents/${id}/${action}`, { reason: 'maintenance' })).status).toBe(200);
    expect((await admin.delete(`/agents/${id}`, { reason: 'retired' })).status).toBe(200);
    const types = (await log.stream(`agent-${id}`)).map((e) => e.type);
    expect(types).toEqual(['AgentRegistered', 'AgentDrained', 'AgentEnabled', 'AgentDeregistered']);
    expect((await admin.post(`/agents/${id}/drain`, { reason: 'again' })).body).toMatchObject({ code: 'AGENT.NOT_FOUND' });
  });

  it('when a second agent takes the same name in another case, then 409 AGENT.NAME_TAKEN and nothing is appended', async () => {
    await register({ name: 'Unique-Name' });
    const before = await log.count();
    const reply = await register({ name: 'unique-name' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'AGENT.NAME_TAKEN' });
    expect(await log.count()).toBe(before);
  });

  it('when a capability is outside the type, or the runtime config is invalid, then 422 and 400 with the domain codes', async () => {
    expect((await register({ name: 'wrong-cap', primaryCapabilities: ['code_review'] })).body).toMatchObject({
      status: 422,
      code: 'AGENT.CAPABILITY_NOT_ALLOWED',
    });
    expect((await register({ name: 'bad-runtime', runtime: { kind: 'process', config: { preset: 'generic' } } })).body).toMatchObject({
      status: 400,
      code: 'AGENT.RUNTIME_CONFIG_INVALID',
    });
  });

  it('when an http agent registers, then its token is returned once and only its hash is stored', async () => {
    const created = await register({ name: 'external-1', runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:9/agent' } } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^orch_agent_/);
    const [registered] = await log.stream(`agent-${created.body.id}`);
    expect(JSON.stringify(registered)).not.toContain(created.body.token as string);
    expect(registered.data).toMatchObject({ runtime: { kind: 'http', config: { tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    const rotated = await admin.post<Answer>(`/agents/${created.body.id}/rotate-token`, { reason: 'rotation' });
    expect(rotated.body.token).toMatch(/^orch_agent_/);
    expect(rotated.body.token).not.toBe(created.body.token);
  });

  it('when an agent key beats for another agent, then 403; for itself, 200 and no event (heartbeats are not events)', async () => {
    const mine = await register({ name: 'beating' });
    const other = await register({ name: 'not-mine' });
    const key = (await admin.post<{ key: string }>('/keys', { name: 'agent key', role: 'agent', agentId: mine.body.id })).body.key;
    const agent = client(api.baseUrl, key);
    expect((await agent.post(`/agents/${other.body.id}/heartbeat`)).status).toBe(403);
    const before = await log.count();
    expect((await agent.post(`/agents/${mine.body.id}/heartbeat`)).status).toBe(200);
    expect(await log.count()).toBe(before);
    expect((await agent.post('/agents', { name: 'x', agentType: 'implementer', primaryCapabilities: ['testing'], runtime: scripted })).status).toBe(403);
  });
});
