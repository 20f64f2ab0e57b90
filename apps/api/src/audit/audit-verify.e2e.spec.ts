import { Client } from 'pg';
import type { ChainReport } from '@orch/event-store';
import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';
import { seedKey } from '../e2e/seed-key';

type Answer = { id: string; revision: number; position: number };

describe('given the api with sessions of two tenants (tamper evidence, DESIGN.md §7)', () => {
  let api: RunningApi;
  let db: Client;
  let auditorKey: string;
  let operatorKey: string;
  let otherKey: string;
  let tenantA: string;
  let sessionA: string;

  async function tenantCount(tenantId: string): Promise<number> {
    const { rows } = await db.query<{ count: string }>('SELECT count(*) FROM event_store.events WHERE tenant_id = $1', [tenantId]);
    return Number(rows[0]?.count);
  }

  beforeAll(async () => {
    api = await startApi();
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    const admin = client(api.baseUrl, api.adminKey);
    auditorKey = (await admin.post<{ key: string }>('/keys', { name: 'auditor', role: 'auditor' })).body.key;
    operatorKey = (await admin.post<{ key: string }>('/keys', { name: 'operator', role: 'operator' })).body.key;
    const planning = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };
    sessionA = (await admin.post<Answer>('/sessions', { title: 'Sealed A', prompt: 'Seal me', planning })).body.id;
    await admin.post<Answer>('/sessions', { title: 'Sealed A2', prompt: 'Seal me too', planning });
    const { rows } = await db.query<{ tenant_id: string }>('SELECT tenant_id FROM event_store.events WHERE stream_name = $1 LIMIT 1', [`session-${sessionA}`]);
    tenantA = rows[0]?.tenant_id ?? '';
    otherKey = await seedKey(api.databaseUrl, 'tenant-b', 'admin');
    await client(api.baseUrl, otherKey).post<Answer>('/sessions', { title: 'Sealed B', prompt: 'Other tenant', planning });
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await api?.stop();
  });

  it("when an auditor verifies the log, then every one of the tenant's events is checked and the chain holds", async () => {
    const report = await client(api.baseUrl, auditorKey).get<ChainReport>('/audit/verify');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ ok: true, broken: 0, firstBroken: null, checked: await tenantCount(tenantA) });
    expect(report.body.checked).toBeGreaterThan(0);
  });

  it("when another tenant's admin verifies A's session stream, then nothing of A's is checked", async () => {
    const report = await client(api.baseUrl, otherKey).get<ChainReport>(`/audit/verify?stream=session-${sessionA}`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ checked: 0, ok: true });
    const all = await client(api.baseUrl, otherKey).get<ChainReport>('/audit/verify');
    expect(all.body.checked).toBe(await tenantCount('tenant-b'));
  });

  it('when an operator asks to verify, then 403; with a malformed stream filter, then 400', async () => {
    expect((await client(api.baseUrl, operatorKey).get('/audit/verify')).status).toBe(403);
    expect((await client(api.baseUrl, auditorKey).get('/audit/verify?stream=%00bad')).status).toBe(400);
  });

  it('when one event row is changed directly in PostgreSQL, then verify names that event as the first broken link', async () => {
    const { rows } = await db.query<{ event_id: string; revision: string }>(
      'SELECT event_id, revision FROM event_store.events WHERE stream_name = $1 ORDER BY revision LIMIT 1',
      [`session-${sessionA}`],
    );
    const target = rows[0];
    if (!target) throw new Error('the session has no events');
    await db.query(`UPDATE event_store.events SET data = jsonb_set(data, '{title}', '"Tampered"') WHERE event_id = $1`, [target.event_id]);

    const whole = await client(api.baseUrl, auditorKey).get<ChainReport>('/audit/verify');
    const one = await client(api.baseUrl, auditorKey).get<ChainReport>(`/audit/verify?stream=session-${sessionA}`);
    const named = { streamName: `session-${sessionA}`, revision: Number(target.revision), eventId: target.event_id, problem: 'content-altered' };
    expect(whole.body).toMatchObject({ ok: false, firstBroken: named });
    expect(one.body).toMatchObject({ ok: false, broken: 1, firstBroken: named });
    expect(one.body.firstBroken?.expected).not.toBe(one.body.firstBroken?.found);
  });
});
