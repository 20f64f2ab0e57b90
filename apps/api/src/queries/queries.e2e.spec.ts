import {
  queryPaths,
  type AgentDetail,
  type AgentSummary,
  type AuditEntry,
  type ContextDiffView,
  type ContextVersionSummary,
  type ContextVersionView,
  type ContextView,
  type CursorPage,
  type EventLogEntry,
  type PositionPage,
  type RollupView,
  type SessionDetail,
  type SessionSummary,
  type TaskView,
  type TimelineEntry,
} from '@orch/contracts';
import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';
import { seedKey } from '../e2e/seed-key';

type Answer = { id: string; revision: number; position: number };
type Problem = { status: number; code: string; errors?: { field: string }[] };
const planning = (...ids: string[]) => ({
  mode: 'explicit',
  tasks: ids.map((id, index) => ({ id, title: `Do ${id}`, capabilities: ['code_generation'], ...(index > 0 ? { dependsOn: [{ taskId: ids[index - 1] }] } : {}) })),
});

describe('given the api on a real PostgreSQL, the query API (DESIGN.md §6) with read-your-writes', () => {
  let api: RunningApi;
  let operator: ReturnType<typeof client>;
  let other: ReturnType<typeof client>;

  beforeAll(async () => {
    api = await startApi({ ORCH_READ_WAIT_MS: '20000' });
    const admin = client(api.baseUrl, api.adminKey);
    operator = client(api.baseUrl, (await admin.post<{ key: string }>('/keys', { name: 'operator', role: 'operator' })).body.key);
    other = client(api.baseUrl, await seedKey(api.databaseUrl, 'tenant-other', 'admin'));
    const agent = await operator.post('/agents', { name: 'builder', agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: { kind: 'scripted', config: { scenario: 'happy' } } });
    expect(agent.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
  });

  async function create(title: string, extra: Record<string, unknown> = {}): Promise<Answer> {
    const reply = await operator.post<Answer>('/sessions', { title, prompt: `Please ${title.toLowerCase()}`, planning: planning('build', 'test'), ...extra });
    expect(reply.status).toBe(201);
    return reply.body;
  }

  it('when a session is created and started, then each command is visible at its minPosition: detail, tasks, timeline', async () => {
    const created = await create('Visible session', { tags: ['visible'], priority: 1 });
    const detail = await operator.get<SessionDetail>(queryPaths.session(created.id, { minPosition: created.position }));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: created.id, status: 'pending', priority: 1, tags: ['visible'], tasksTotal: 2, position: created.position });
    const started = await operator.post<Answer>(`/sessions/${created.id}/start`, { reason: 'go' });
    const after = await operator.get<SessionDetail>(queryPaths.session(created.id, { minPosition: started.body.position }));
    expect(after.body.status).toMatch(/^(running|queued)$/);
    expect(after.body.revision).toBe(started.body.revision);
    const tasks = await operator.get<TaskView[]>(queryPaths.sessionTasks(created.id, { minPosition: started.body.position }));
    expect(tasks.body.map((task) => [task.id, task.dependsOn])).toEqual([
      ['build', []],
      ['test', [{ taskId: 'build', optional: false }]],
    ]);
    const timeline = await operator.get<PositionPage<TimelineEntry>>(queryPaths.sessionTimeline(created.id, { minPosition: started.body.position }));
    expect(timeline.body.items.map((entry) => entry.type).slice(0, 2)).toEqual(['SessionCreated', 'SessionPlanned']);
    expect(timeline.body.items.at(-1)?.position).toBe(started.body.position);
    const checkpoints = await operator.get<unknown[]>(queryPaths.sessionCheckpoints(created.id));
    expect(checkpoints).toMatchObject({ status: 200, body: [] });
    const output = await operator.get<PositionPage<unknown>>(queryPaths.taskOutput(created.id, 'build'));
    expect(output).toMatchObject({ status: 200, body: { items: [], next: null } });
  });

  it('when sessions are listed a page at a time, then every session comes exactly once, and filters narrow the list', async () => {
    const made: Answer[] = [];
    for (const title of ['Paging alpha', 'Paging bravo', 'Paging charlie', 'Paging delta', 'Paging echo']) made.push(await create(title, { tags: ['paging'], priority: made.length % 2 === 0 ? 3 : 4 }));
    const minPosition = Math.max(...made.map((answer) => answer.position));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const reply = await operator.get<CursorPage<SessionSummary>>(queryPaths.sessions({ tag: ['paging'], limit: 2, minPosition, ...(cursor ? { cursor } : {}) }));
      expect(reply.status).toBe(200);
      seen.push(...reply.body.items.map((item) => item.id));
      if (!reply.body.nextCursor) break;
      cursor = reply.body.nextCursor;
    }
    expect(seen.sort()).toEqual(made.map((answer) => answer.id).sort());
    const titles = async (params: Parameters<typeof queryPaths.sessions>[0]) =>
      (await operator.get<CursorPage<SessionSummary>>(queryPaths.sessions({ ...params, minPosition }))).body.items.map((item) => item.title);
    expect(await titles({ tag: ['paging'], priority: [4] })).toEqual(['Paging delta', 'Paging bravo']);
    expect(await titles({ text: 'charl' })).toEqual(['Paging charlie']);
    expect(await titles({ tag: ['paging'], status: ['running'] })).toEqual([]);
    expect(await titles({ tag: ['paging'], status: ['pending'], text: 'please paging echo' })).toEqual(['Paging echo']);
  });

  it('when an agent is registered and drained, then the list and the detail show it at each minPosition', async () => {
    const registered = await operator.post<Answer>('/agents', { name: 'Reviewer One', agentType: 'reviewer', primaryCapabilities: ['code_review'], runtime: { kind: 'scripted', config: { scenario: 'happy' } } });
    const list = await operator.get<CursorPage<AgentSummary>>(queryPaths.agents({ type: ['reviewer'], minPosition: registered.body.position }));
    expect(list.body.items.map((agent) => agent.name)).toEqual(['Reviewer One']);
    const drained = await operator.post<Answer>(`/agents/${registered.body.id}/drain`, { reason: 'maintenance' });
    const detail = await operator.get<AgentDetail>(queryPaths.agent(registered.body.id, { minPosition: drained.body.position }));
    expect(detail.body).toMatchObject({ id: registered.body.id, status: 'draining', tier: 'competent', load: { held: 0, capacity: 5, level: 'idle' } });
    await operator.post(`/agents/${registered.body.id}/heartbeat`);
    expect((await operator.get<AgentDetail>(queryPaths.agent(registered.body.id))).body.liveness.lastHeartbeatAt).toEqual(expect.any(String));
  });

  it('when a context is created and written, then the document, its versions, one version and the diff answer at minPosition', async () => {
    const created = await operator.post<Answer>('/contexts', { scope: 'temporary', document: { plan: { steps: 1 } } });
    expect(created.status).toBe(201);
    const written = await operator.patch<Answer>(`/contexts/${created.body.id}`, { expectedVersion: 1, operations: [{ op: 'set', path: 'plan.steps', value: 2 }, { op: 'set', path: 'notes', value: 'n' }] });
    const minPosition = written.body.position;
    const document = await operator.get<ContextView>(queryPaths.context(created.body.id, { minPosition }));
    expect(document.body).toMatchObject({ version: 2, scope: 'temporary', document: { plan: { steps: 2 }, notes: 'n' } });
    const versions = await operator.get<CursorPage<ContextVersionSummary>>(queryPaths.contextVersions(created.body.id, { minPosition }));
    expect(versions.body.items.map((version) => version.version)).toEqual([2, 1]);
    const first = await operator.get<ContextVersionView>(queryPaths.contextVersion(created.body.id, 1, { minPosition }));
    expect(first.body.document).toEqual({ plan: { steps: 1 } });
    const diff = await operator.get<ContextDiffView>(queryPaths.contextDiff(created.body.id, { from: 1, to: 2, minPosition }));
    expect(diff.body).toMatchObject({ added: [{ path: 'notes', value: 'n' }], modified: [{ path: 'plan.steps', from: 1, to: 2 }], deleted: [] });
    expect((await operator.get<Problem>(queryPaths.contextVersion(created.body.id, 7))).body).toMatchObject({ status: 404, code: 'CONTEXT.VERSION_NOT_FOUND' });
  });

  it('when an admin issues and revokes a key, then the audit trail and the event log show both at minPosition', async () => {
    const admin = client(api.baseUrl, api.adminKey);
    const issued = await admin.post<Answer & { key: string }>('/keys', { name: 'temporary', role: 'integrator' });
    const revoked = await admin.post<Answer>(`/keys/${issued.body.id}/revoke`, { reason: 'rotated' });
    const trail = await admin.get<PositionPage<AuditEntry>>(queryPaths.audit({ stream: `apikey-${issued.body.id}`, minPosition: revoked.body.position }));
    expect(trail.body.items.map((entry) => [entry.commandType, entry.eventType, entry.reason])).toEqual([
      ['IssueApiKey', 'ApiKeyIssued', null],
      ['RevokeApiKey', 'ApiKeyRevoked', 'rotated'],
    ]);
    const events = await admin.get<PositionPage<EventLogEntry>>(queryPaths.events({ category: 'apikey', type: ['ApiKeyRevoked'], minPosition: revoked.body.position }));
    expect(events.body.items.map((entry) => entry.streamName)).toContain(`apikey-${issued.body.id}`);
    const issuedEvent = await admin.get<PositionPage<EventLogEntry>>(queryPaths.events({ stream: `apikey-${issued.body.id}`, type: ['ApiKeyIssued'] }));
    expect(issuedEvent.body.items[0]?.data).toMatchObject({ role: 'integrator', keyHash: '[redacted]' });
    expect(JSON.stringify(issuedEvent.body)).not.toContain(issued.body.key);
  });

  it('when roll-ups are asked, then the tenant counts its sessions, a session its own, and scope needs an id', async () => {
    const created = await create('Rolled up');
    const tenant = await operator.get<RollupView>(queryPaths.rollup({ scope: 'tenant', minPosition: created.position }));
    expect(tenant.body).toMatchObject({ scope: 'tenant', id: 'default', sessionsCreated: expect.any(Number) });
    expect(tenant.body.sessionsCreated).toBeGreaterThanOrEqual(7);
    expect((await operator.get<RollupView>(queryPaths.rollup({ scope: 'session', id: created.id }))).body).toMatchObject({ sessionsCreated: 1, costUsd: 0 });
    expect((await operator.get<Problem>(queryPaths.rollup({ scope: 'session' }))).body).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
  });

  it('when another tenant asks for our ids or lists, then 404s and empty lists', async () => {
    const ours = await create('Private session');
    await operator.get(queryPaths.session(ours.id, { minPosition: ours.position }));
    for (const path of [
      queryPaths.session(ours.id),
      queryPaths.sessionTasks(ours.id),
      queryPaths.sessionTimeline(ours.id),
      queryPaths.sessionCheckpoints(ours.id),
      queryPaths.taskOutput(ours.id, 'build'),
      queryPaths.context(ours.id),
      queryPaths.contextVersions(ours.id),
      queryPaths.rollup({ scope: 'session', id: ours.id }),
      queryPaths.rollup({ scope: 'tenant', id: 'default' }),
    ]) {
      expect({ path, status: (await other.get(path)).status }).toEqual({ path, status: 404 });
    }
    expect((await other.get<CursorPage<SessionSummary>>(queryPaths.sessions())).body.items).toEqual([]);
    expect((await other.get<CursorPage<AgentSummary>>(queryPaths.agents())).body.items).toEqual([]);
    expect((await other.get<PositionPage<AuditEntry>>(queryPaths.audit())).body.items).toEqual([]);
    expect((await other.get<PositionPage<EventLogEntry>>(queryPaths.events())).body.items.every((entry) => !entry.streamName.includes(ours.id))).toBe(true);
  });

  it('when query values are malformed or unknown, then 400 names each field', async () => {
    const reply = await operator.get<Problem>('/sessions?status=sleeping&priority=9&limit=0&cursor=zzz&minPosition=-1&colour=blue');
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('COMMAND.FIELD_INVALID');
    expect(new Set(reply.body.errors?.map((error) => error.field))).toEqual(new Set(['status', 'priority', 'limit', 'cursor', 'minPosition', 'colour']));
    const events = await operator.get<Problem>('/events?since=yesterday&actor=root&type=lower&order=sideways&after=x');
    expect(new Set(events.body.errors?.map((error) => error.field))).toEqual(new Set(['since', 'actor', 'type', 'order', 'after']));
    const diff = await operator.get<Problem>('/contexts/00000000-0000-4000-8000-000000000000/diff?from=1');
    expect(new Set(diff.body.errors?.map((error) => error.field))).toEqual(new Set(['to']));
    expect((await operator.get('/sessions/not-a-uuid')).status).toBe(400);
  });
});

describe('given a short read-your-writes bound', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ ORCH_READ_WAIT_MS: '300' });
  }, 90_000);
  afterAll(async () => {
    await api?.stop();
  });

  it('when a query names a position the projections have not reached, then 503 PROJECTION.NOT_CAUGHT_UP with Retry-After', async () => {
    const reply = await client(api.baseUrl, api.adminKey).get<Problem>(queryPaths.sessions({ minPosition: Number.MAX_SAFE_INTEGER }));
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ code: 'PROJECTION.NOT_CAUGHT_UP', details: { minPosition: Number.MAX_SAFE_INTEGER, projections: ['sessions'] } });
    expect(reply.headers['retry-after']).toBe('1');
  });
});
