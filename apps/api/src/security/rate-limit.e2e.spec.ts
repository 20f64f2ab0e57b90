import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';

describe('given the api with ORCH_RATE_LIMIT_PER_MINUTE=5 (rate limits per API key)', () => {
  let api: RunningApi;
  let operator: string;
  let auditor: string;

  beforeAll(async () => {
    api = await startApi({ ORCH_RATE_LIMIT_PER_MINUTE: '5' });
    const admin = client(api.baseUrl, api.adminKey);
    operator = (await admin.post<{ key: string }>('/keys', { name: 'operator', role: 'operator' })).body.key;
    auditor = (await admin.post<{ key: string }>('/keys', { name: 'auditor', role: 'auditor' })).body.key;
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  }, 60_000);

  it('when one key makes a sixth request within the minute, then 429 problem details with Retry-After, and nothing was appended', async () => {
    const statuses: number[] = [];
    for (let call = 0; call < 5; call++) statuses.push((await client(api.baseUrl, operator).get('/sessions')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await client(api.baseUrl, operator).post<{ code: string; status: number }>('/sessions', { title: 'over the limit', prompt: 'no' });
    expect(limited.status).toBe(429);
    expect(limited.contentType).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'HTTP.RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    const titles = (await client(api.baseUrl, auditor).get<{ items: { title: string }[] }>('/sessions')).body.items.map((item) => item.title);
    expect(titles).not.toContain('over the limit');
  });

  it('when another key calls after the first was limited, then it has its own budget; health probes are never limited', async () => {
    expect((await client(api.baseUrl, operator).get('/sessions')).status).toBe(429);
    expect((await client(api.baseUrl, auditor).get('/agents')).status).toBe(200);
    const probes: number[] = [];
    for (let call = 0; call < 8; call++) probes.push((await client(api.baseUrl).get('/health/live')).status);
    expect(probes.every((status) => status === 200)).toBe(true);
  });
});
