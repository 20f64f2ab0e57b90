import { randomUUID } from 'node:crypto';
import { queryPaths, type AuditEntry, type EventLogEntry, type PositionPage } from '@orch/contracts';
import { startApi, type RunningApi } from './api-process';
import { openEventLog } from './event-count';
import { client } from './http-client';
import { concretePath, registeredRoutes, type Route } from './registered-routes';

type Answer = { id: string; revision: number; position: number };

describe('given the api with an auditor key and an agent key (DESIGN.md §7 roles)', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;
  let auditorKey: string;
  let auditorKeyId: string;
  let agentKey: string;
  let params: Record<string, string>;
  let routes: Route[];
  let last: Answer;

  beforeAll(async () => {
    api = await startApi();
    log = await openEventLog(api.databaseUrl);
    const admin = client(api.baseUrl, api.adminKey);
    const auditor = (await admin.post<{ id: string; key: string }>('/keys', { name: 'auditor', role: 'auditor' })).body;
    auditorKey = auditor.key;
    auditorKeyId = auditor.id;
    const agent = await admin.post<Answer>('/agents', {
      name: 'builder',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation'],
      runtime: { kind: 'scripted', config: { scenario: 'happy' } },
    });
    agentKey = (await admin.post<{ key: string }>('/keys', { name: 'agent', role: 'agent', agentId: agent.body.id })).body.key;
    const planning = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };
    const session = await admin.post<Answer>('/sessions', { title: 'Audited session', prompt: 'Audit me', planning }, { 'x-correlation-id': 'audit-corr-1' });
    last = (await admin.post<Answer>(`/sessions/${session.body.id}/start`, { reason: 'go' })).body;
    params = { id: session.body.id, taskId: 'build', requestId: randomUUID(), version: '1', runId: randomUUID() };
    routes = registeredRoutes(api.output());
  }, 90_000);

  afterAll(async () => {
    await log?.close();
    await api?.stop();
  });

  async function call(key: string, route: Route): Promise<number> {
    const response = await fetch(`${api.baseUrl}${concretePath(route.path, params)}`, {
      method: route.method,
      headers: { authorization: `Bearer ${key}`, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(route.method === 'GET' ? {} : { body: JSON.stringify({ reason: 'trying' }) }),
    });
    // An event stream (GET /events/stream) never ends by itself: its status is all we need.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) await response.body?.cancel();
    else await response.arrayBuffer();
    return response.status;
  }

  const commands = () => routes.filter((route) => route.method !== 'GET');
  // An agent's long poll (External Agent Protocol) hands out work: only that agent calls it.
  const queries = () => routes.filter((route) => route.method === 'GET' && !route.path.startsWith('/health') && !route.path.endsWith('/tasks/next'));

  it('when the routes Nest registered are read from its log, then they include the commands and the queries', () => {
    expect(commands().length).toBeGreaterThanOrEqual(25);
    expect(commands()).toEqual(expect.arrayContaining([{ method: 'POST', path: '/sessions' }, { method: 'DELETE', path: '/agents/:id' }]));
    expect(queries()).toEqual(expect.arrayContaining([{ method: 'GET', path: '/events' }, { method: 'GET', path: '/sessions/:id/tasks/:taskId/output' }]));
  });

  // The started session goes on under the engine (`system:engine`, `agent:<id>`) while this runs, so
  // the total may grow; what must not is what user keys appended (an auditor's key acts as `user:<keyId>`).
  it('when an auditor calls every command route, then each answers 403 and no user key appends anything', async () => {
    const before = await log.countByActor('user:');
    const statuses = [];
    for (const route of commands()) statuses.push({ ...route, status: await call(auditorKey, route) });
    expect(statuses).toEqual(commands().map((route) => ({ ...route, status: 403 })));
    expect(await log.countByActor('user:')).toBe(before);
    expect(await log.countByActor(`user:${auditorKeyId}`)).toBe(0);
  });

  it('when an auditor calls every query route, then none refuses it (401/403)', async () => {
    const refused = [];
    for (const route of queries()) {
      const status = await call(auditorKey, route);
      if (status === 401 || status === 403) refused.push({ ...route, status });
    }
    expect(refused).toEqual([]);
  });

  it("when an agent key calls any query route, then 403 (agents read only their own tasks, through the engine's endpoints)", async () => {
    const statuses = [];
    for (const route of queries()) statuses.push({ ...route, status: await call(agentKey, route) });
    expect(statuses).toEqual(queries().map((route) => ({ ...route, status: 403 })));
  });

  it('when an auditor reads the event log and the audit trail with the last position, then the commands are there', async () => {
    const auditor = client(api.baseUrl, auditorKey);
    const events = await auditor.get<PositionPage<EventLogEntry>>(queryPaths.events({ correlationId: 'audit-corr-1', minPosition: last.position }));
    expect(events.status).toBe(200);
    expect(events.body.items.map((entry) => entry.type)).toEqual(expect.arrayContaining(['SessionCreated', 'SessionPlanned']));
    expect(events.body.items[0]).toMatchObject({ actorKind: 'user', data: { title: 'Audited session' }, metadata: { correlationId: 'audit-corr-1' } });
    const trail = await auditor.get<PositionPage<AuditEntry>>(queryPaths.audit({ stream: `session-${params['id']}`, minPosition: last.position }));
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((entry) => [entry.commandType, entry.eventType])).toEqual(
      expect.arrayContaining([
        ['CreateSession', 'SessionCreated'],
        ['StartSession', expect.stringMatching(/^Session(Started|Queued)$/)],
      ]),
    );
    expect(trail.body.items.find((entry) => entry.commandType === 'StartSession')).toMatchObject({ reason: 'go', client: { ip: expect.any(String) } });
  });
});
