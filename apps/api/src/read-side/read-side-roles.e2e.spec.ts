import { randomBytes } from 'node:crypto';
import { queryPaths, type SessionDetail } from '@orch/contracts';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { startApi, type RunningApi } from '../e2e/api-process';
import { client } from '../e2e/http-client';

type Answer = { id: string; revision: number; position: number };
const planning = { mode: 'explicit', tasks: [{ id: 'build', title: 'Build it', capabilities: ['code_generation'] }] };

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * ROLES made real: an api-only process and a projector-only process on one database. The api is
 * not ready until the projector has migrated the read models, then answers read-your-writes
 * queries by waiting on the other process's checkpoints (woken by NOTIFY, or Redis pub/sub).
 */
describe.each([
  ['PostgreSQL NOTIFY', {}],
  ['Redis pub/sub', { REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379' }],
])('given ROLES=api and ROLES=projector in two processes, changes over %s', (_name, transport: Record<string, string>) => {
  let database: TestDatabase;
  let api: RunningApi;
  let projector: RunningApi | undefined;
  const adminKey = `orch_test_${randomBytes(24).toString('base64url')}`;
  const env = { ...transport, REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`, ORCH_READ_WAIT_MS: '4000' };

  beforeAll(async () => {
    database = await createTestDatabase('api_roles');
    api = await startApi({ ...env, ROLES: 'api' }, { databaseUrl: database.connectionString, adminKey });
  }, 90_000);

  afterAll(async () => {
    await projector?.stop();
    await api?.stop();
    await database?.drop();
  });

  it('when only the api runs, then it is not ready (the read models are not migrated) and queries answer 503', async () => {
    const ready = await client(api.baseUrl).get<{ status: string; readModels: { ready: boolean; schema: { migrated: boolean; pending: number[] } } }>('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not_ready', readModels: { ready: false, schema: { migrated: false } } });
    expect(ready.body.readModels.schema.pending.length).toBeGreaterThan(0);
    expect((await client(api.baseUrl, adminKey).get(queryPaths.sessions())).status).toBe(503);
    // No engine role here: a reading that says so, not an error.
    const engine = await client(api.baseUrl, adminKey).get(queryPaths.engineStatus());
    expect(engine.status).toBe(200);
    expect(engine.body).toEqual({ running: false, reason: 'the engine role does not run in this api process (see ROLES)', queue: null });
  });

  it('when the projector process starts, then it migrates, the api becomes ready and reports the lag of every projector', async () => {
    projector = await startApi({ ...env, ROLES: 'projector' }, { databaseUrl: database.connectionString, adminKey });
    const ready = await until(
      () => client(api.baseUrl).get<{ status: string; readModels: { projectorsInProcess: boolean; projectors: { projector: string; eventsBehind: number }[] } }>('/health/ready'),
      (reply) => reply.status === 200,
    );
    expect(ready.body.readModels.projectorsInProcess).toBe(false);
    expect(ready.body.readModels.projectors.map((lag) => lag.projector).sort()).toEqual(['agents', 'contexts', 'event-log', 'metrics', 'sessions']);
    expect((await client(projector.baseUrl).get('/health/ready')).status).toBe(200);
    // The projector process serves the probes only.
    expect((await client(projector.baseUrl, adminKey).get(queryPaths.sessions())).status).toBe(404);
  }, 120_000);

  it('when a command goes to the api, then a query with its minPosition waits for the other process and sees the effect', async () => {
    const admin = client(api.baseUrl, adminKey);
    const created = await admin.post<Answer>('/sessions', { title: 'Cross-process read', prompt: 'read your writes', planning });
    expect(created.status).toBe(201);
    const detail = await admin.get<SessionDetail>(queryPaths.session(created.body.id, { minPosition: created.body.position }));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: created.body.id, title: 'Cross-process read', status: 'pending' });
  }, 30_000);

  it('when the projector gets SIGTERM, then it stops cleanly; the api then answers 503 NOT_CAUGHT_UP until a projector runs again', async () => {
    const running = projector as RunningApi;
    await running.stop();
    expect(running.exitCode()).toBe(143);
    expect(running.output()).toContain('received SIGTERM, shutting down');
    expect(running.output()).not.toContain('shutdown failed');
    const admin = client(api.baseUrl, adminKey);
    const created = await admin.post<Answer>('/sessions', { title: 'Written while no projector runs', prompt: 'wait', planning });
    const stalled = await admin.get<{ code: string }>(queryPaths.session(created.body.id, { minPosition: created.body.position }));
    expect(stalled.status).toBe(503);
    expect(stalled.body.code).toBe('PROJECTION.NOT_CAUGHT_UP');
    expect(stalled.headers['retry-after']).toBe('1');
    projector = await startApi({ ...env, ROLES: 'projector' }, { databaseUrl: database.connectionString, adminKey });
    const caughtUp = await admin.get<SessionDetail>(queryPaths.session(created.body.id, { minPosition: created.body.position }));
    expect(caughtUp.status).toBe(200);
  }, 120_000);
});
