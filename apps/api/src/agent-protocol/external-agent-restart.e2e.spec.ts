import { ReferenceAgent } from '@orch/testing';
import { startApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';
import { explicitPlan, FAST_AGENTS, harnessFor, type EngineHarness } from '../engine/e2e/engine-harness';

type Registered = { id: string; position: number; token: string };

describe('given a pull-mode task queued for an external agent when the api process dies (SIGKILL)', () => {
  let first: EngineHarness;
  let second: EngineHarness | undefined;
  let agent: ReferenceAgent | undefined;

  beforeAll(async () => {
    first = await harnessFor(await startApi(FAST_AGENTS));
  }, 90_000);
  afterAll(async () => {
    await agent?.close();
    await second?.close();
    // The first process is dead already; closing it drops the database and the data dir both used.
    await first?.close();
  });

  it('when the api is started again on the same database, then the agent takes that same run and the session completes without a second start', async () => {
    const registered = await first.admin.post<Registered>('/agents', {
      name: 'late-puller',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation'],
      runtime: { kind: 'http', config: {} },
    });
    const { id, token, position } = registered.body;
    expect((await first.admin.get(`/agents/${id}?minPosition=${position}`)).status).toBe(200);
    expect((await client(first.api.baseUrl, token).post(`/agents/${id}/heartbeat`)).status).toBe(200);
    const sessionId = await first.createSession({ planning: explicitPlan({ id: 'survive' }) });
    await first.start(sessionId);
    const started = await first.waitForType(sessionId, 'TaskStarted');
    await first.api.kill('SIGKILL');

    second = await harnessFor(await startApi({ ...FAST_AGENTS, ORCH_DATA_DIR: first.api.dataDir }, { databaseUrl: first.api.databaseUrl, adminKey: first.api.adminKey }));
    agent = await ReferenceAgent.start({ apiUrl: second.api.baseUrl, mode: 'pull', agentId: id, token, stepMs: 50, heartbeatMs: 1_000 });

    expect(await second.waitForEnd(sessionId)).toBe('SessionCompleted');
    const own = (await second.sessionEvents(sessionId)).filter((event) => event.data['taskId'] === 'survive');
    expect(own.filter((event) => event.type === 'TaskStarted').map((event) => event.data['runtimeRef'])).toEqual([started.data['runtimeRef']]);
    expect(own.filter((event) => event.type === 'TaskCompleted').map((event) => event.data['attempt'])).toEqual([1]);
    expect(agent.stats.tasks).toBe(1);
  }, 180_000);
});
