import { startApi, type RunningApi } from './api-process';
import { openEventLog } from './event-count';
import { client } from './http-client';

describe('given the api running on a real PostgreSQL', () => {
  let api: RunningApi;
  let log: Awaited<ReturnType<typeof openEventLog>>;

  beforeAll(async () => {
    api = await startApi();
    log = await openEventLog(api.databaseUrl);
  }, 90_000);

  afterAll(async () => {
    await log?.close();
    await api?.stop();
  });

  it('when the liveness probe is called without a key, then it answers 200', async () => {
    expect((await client(api.baseUrl).get('/health/live')).status).toBe(200);
  });

  it('when a command comes without a key, then 401 problem details and nothing is appended', async () => {
    const before = await log.count();
    const reply = await client(api.baseUrl).post('/keys', { name: 'x', role: 'operator' });
    expect(reply.status).toBe(401);
    expect(reply.contentType).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    expect(await log.count()).toBe(before);
  });

  it('when a key is unknown, then 401', async () => {
    expect((await client(api.baseUrl, 'orch_not-a-real-key-at-all').post('/keys', { name: 'x', role: 'operator' })).status).toBe(401);
  });

  it('when an admin issues an operator key, then it works at once and cannot issue keys itself (403, nothing appended)', async () => {
    const issued = await client(api.baseUrl, api.adminKey).post<{ id: string; key: string; revision: number; position: number }>('/keys', {
      name: 'ops',
      role: 'operator',
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ revision: 0 });
    expect(typeof issued.body.position).toBe('number');
    const before = await log.count();
    const reply = await client(api.baseUrl, issued.body.key).post('/keys', { name: 'y', role: 'admin' });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(await log.count()).toBe(before);
  });

  it('when the body has a missing, an oversized and an unknown field, then 400 names each and nothing is appended', async () => {
    const before = await log.count();
    const reply = await client(api.baseUrl, api.adminKey).post<{ errors: { field: string }[] }>('/keys', {
      name: 'n'.repeat(101),
      surprise: true,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'COMMAND.FIELD_INVALID' });
    expect(new Set(reply.body.errors.map((e) => e.field))).toEqual(new Set(['name', 'role', 'surprise']));
    expect(await log.count()).toBe(before);
  });

  it('when a key is revoked with a reason, then it stops working', async () => {
    const admin = client(api.baseUrl, api.adminKey);
    const issued = await admin.post<{ id: string; key: string }>('/keys', { name: 'temp', role: 'admin' });
    expect((await client(api.baseUrl, issued.body.key).post('/keys', { name: 'z', role: 'auditor' })).status).toBe(201);
    expect((await admin.post(`/keys/${issued.body.id}/revoke`, { reason: 'rotated' })).status).toBe(200);
    expect((await client(api.baseUrl, issued.body.key).post('/keys', { name: 'z2', role: 'auditor' })).status).toBe(401);
  });
});
