import { startApi, type RunningApi } from '../e2e/api-process';
import { openEventLog } from '../e2e/event-count';
import { client } from '../e2e/http-client';
import { seedKey } from '../e2e/seed-key';

type Answer = { id: string; revision: number; position: number };
const reason = { reason: 'e2e' };
const explicitPlan = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build the feature', capabilities: ['code_generation'] }] };

describe('given the api on a real PostgreSQL with one capable agent', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;
  let admin: ReturnType<typeof client>;
  let operatorKey: string;
  let auditorKey: string;

  beforeAll(async () => {
    // The command side alone: with the engine on, started sessions would keep appending (the engine's specs are in src/engine).
    api = await startApi({ ROLES: 'api,projector' });
    log = await openEventLog(api.databaseUrl);
    admin = client(api.baseUrl, api.adminKey);
    operatorKey = (await admin.post<{ key: string }>('/keys', { name: 'operator', role: 'operator' })).body.key;
    auditorKey = (await admin.post<{ key: string }>('/keys', { name: 'auditor', role: 'auditor' })).body.key;
    const agent = await admin.post('/agents', {
      name: 'builder',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation'],
      runtime: { kind: 'scripted', config: { scenario: 'happy' } },
    });
    expect(agent.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await log?.close();
    await api?.stop();
  });

  async function createSession(title = 'Add rate limiting to login'): Promise<string> {
    const reply = await client(api.baseUrl, operatorKey).post<Answer>('/sessions', { title, prompt: 'Limit attempts per IP', planning: explicitPlan });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  it('when an operator creates, starts, pauses, resumes and stops a session, then each answers id, revision and position', async () => {
    const operator = client(api.baseUrl, operatorKey);
    const id = await createSession();
    const answers: Answer[] = [];
    for (const action of ['start', 'pause', 'resume', 'stop']) {
      const reply = await operator.post<Answer>(`/sessions/${id}/${action}`, reason);
      expect(reply.status).toBe(200);
      answers.push(reply.body);
    }
    for (const answer of answers) expect(answer).toEqual({ id, revision: expect.any(Number), position: expect.any(Number) });
    const positions = answers.map((a) => a.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const types = (await log.stream(`session-${id}`)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['SessionCreated', 'SessionPlanned', 'SessionStarted', 'SessionPaused', 'SessionResumed', 'SessionStopped']));
    expect(types.indexOf('SessionStopped')).toBeGreaterThan(types.indexOf('SessionResumed'));
  });

  it('when the state is asked at an early revision, then it shows the earlier status (replay), and auditors may read it', async () => {
    const operator = client(api.baseUrl, operatorKey);
    const id = await createSession('Replay check');
    await operator.post(`/sessions/${id}/start`, reason);
    const paused = await operator.post<Answer>(`/sessions/${id}/pause`, reason);
    const auditor = client(api.baseUrl, auditorKey);
    const early = await auditor.get<{ session: { status: string }; revision: number }>(`/sessions/${id}/state?at=1`);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ revision: 1, session: { status: 'pending' } });
    const latest = await auditor.get<{ session: { status: string }; revision: number; context: { version: number } }>(`/sessions/${id}/state`);
    expect(latest.body).toMatchObject({ revision: paused.body.revision, session: { status: 'paused' }, context: { version: 1 } });
    expect((await auditor.get(`/sessions/${id}/state?at=999`)).status).toBe(400);
  });

  it('when every event is recorded, then its metadata names actor, tenant, correlation, command, reason, client and schema version', async () => {
    const id = await createSession('Audit metadata check');
    await client(api.baseUrl, operatorKey).post(`/sessions/${id}/start`, { reason: 'ship it' }, { 'x-correlation-id': 'corr-42', 'user-agent': 'e2e-agent/1' });
    const started = (await log.stream(`session-${id}`)).find((e) => e.type === 'SessionStarted');
    expect(started?.metadata).toMatchObject({
      actor: expect.stringMatching(/^user:/),
      tenantId: 'default',
      correlationId: 'corr-42',
      commandId: expect.any(String),
      reason: 'ship it',
      client: { ip: expect.any(String), userAgent: 'e2e-agent/1' },
      schemaVersion: 1,
    });
  });

  it('when a transition is illegal, then 409 names from and to and the stream is unchanged', async () => {
    const id = await createSession('Illegal transition check');
    const before = await log.stream(`session-${id}`);
    const reply = await client(api.baseUrl, operatorKey).post(`/sessions/${id}/resume`, reason);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'SESSION.ILLEGAL_TRANSITION', details: { from: 'pending', to: 'running' } });
    expect(await log.stream(`session-${id}`)).toEqual(before);
  });

  it('when the body has missing, oversized and unknown fields, then 400 names each and nothing is appended', async () => {
    const before = await log.count();
    const reply = await client(api.baseUrl, operatorKey).post<{ errors: { field: string }[] }>('/sessions', {
      title: 't'.repeat(1001),
      color: 'blue',
    });
    expect(reply.status).toBe(400);
    expect(new Set(reply.body.errors.map((e) => e.field))).toEqual(new Set(['title', 'prompt', 'color']));
    expect(await log.count()).toBe(before);
  });

  it('when a domain rule is broken, then 422 with its code and nothing is appended', async () => {
    const before = await log.count();
    const reply = await client(api.baseUrl, operatorKey).post('/sessions', { title: 'Untitled', prompt: 'x' });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'SESSION.TITLE_TOO_GENERIC' });
    expect(await log.count()).toBe(before);
  });

  it('when the same Idempotency-Key is sent twice, then the events are appended once and both answers are equal', async () => {
    const operator = client(api.baseUrl, operatorKey);
    const body = { title: 'Idempotent creation', prompt: 'once', planning: explicitPlan };
    const first = await operator.post<Answer>('/sessions', body, { 'idempotency-key': 'create-once-1' });
    const before = await log.count();
    const second = await operator.post<Answer>('/sessions', body, { 'idempotency-key': 'create-once-1' });
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await log.count()).toBe(before);
    expect((await log.stream(`session-${first.body.id}`)).filter((e) => e.type === 'SessionCreated')).toHaveLength(1);
  });

  it('when 20 commands hit one session at once, then no accepted update is lost and revisions stay in order', async () => {
    const operator = client(api.baseUrl, operatorKey);
    const id = await createSession('Concurrent injections');
    await operator.post(`/sessions/${id}/start`, reason);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => operator.post<Answer>(`/sessions/${id}/inject-prompt`, { reason: 'steer', text: `hint ${i}` })),
    );
    const accepted = replies.filter((r) => r.status === 200);
    expect(accepted).toHaveLength(20);
    const events = await log.stream(`session-${id}`);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    const injected = events.filter((e) => e.type === 'PromptInjected').map((e) => e.data['text']);
    expect(new Set(injected)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `hint ${i}`)));
    for (const reply of accepted) expect(events[reply.body.revision]?.type).toBe('PromptInjected');
  });

  it('when a command comes without a key (401) or with an auditor key (403), then nothing is appended', async () => {
    const id = await createSession('Role check');
    const before = await log.count();
    expect((await client(api.baseUrl).post(`/sessions/${id}/start`, reason)).status).toBe(401);
    const forbidden = await client(api.baseUrl, auditorKey).post(`/sessions/${id}/start`, reason);
    expect(forbidden.status).toBe(403);
    expect((await client(api.baseUrl, auditorKey).post('/sessions', { title: 'Nope', prompt: 'x' })).status).toBe(403);
    expect(await log.count()).toBe(before);
  });

  it('when another tenant\'s key names this session, then 404 and nothing is appended', async () => {
    const other = await startTenantKey();
    const id = await createSession('Tenant isolation');
    const before = await log.count();
    const reply = await client(api.baseUrl, other).post(`/sessions/${id}/start`, reason);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'SESSION.NOT_FOUND' });
    expect(await log.count()).toBe(before);
  });

  const startTenantKey = () => seedKey(api.databaseUrl, 'tenant-b', 'operator');
});
