import { startThrowawayPostgres, type ThrowawayPostgres } from '@orch/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../e2e/api-process';
import { startCommandLoad, until, type LoadResult } from './command-load';

/**
 * Fault: the PostgreSQL of the event store and read models restarts while commands pour in. It is a
 * server of this test's own (startThrowawayPostgres); the shared one is never touched.
 */
describe('given the api on a PostgreSQL of its own, under a steady stream of commands', () => {
  let pg: ThrowawayPostgres;
  let api: RunningApi;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    const databaseUrl = await pg.createDatabase('orch');
    api = await startApi({ ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0' }, { databaseUrl, keepDatabase: true });
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await pg?.dispose();
  }, 60_000);

  it('when PostgreSQL restarts, then commands fail fast with 503 problem details meanwhile, work again after, projectors resume and nothing acknowledged is lost', async () => {
    const load = startCommandLoad(api.baseUrl, api.adminKey);
    await until(() => load.acknowledged('before').length >= 20, 60_000, '20 commands acknowledged before the fault');
    load.mark('outage');
    await pg.stop();
    await until(() => load.results.filter((result) => result.phase === 'outage').length >= 20, 60_000, '20 answers during the outage');
    await pg.start();
    load.mark('after');
    await until(() => load.acknowledged('after').length >= 20, 90_000, '20 commands acknowledged after the restart').catch((error: Error) => {
      const after = load.results.filter((result) => result.phase === 'after').slice(-5);
      throw new Error(`${error.message}; last answers after the restart: ${JSON.stringify(after)}\napi output:\n${api.output().slice(-4000)}`);
    });
    const results = await load.stop();

    // While it was down: 503 STORE.UNAVAILABLE problem details with Retry-After (or an ack from before the stop), never a 500.
    const refused = results.filter((result) => result.status !== 201);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((result) => !isStoreUnavailable(result))).toEqual([]);
    expect(api.exitCode()).toBeNull();

    // Nothing acknowledged is lost: every 201 has its SessionCreated in the store.
    const acknowledged = results.filter((result) => result.status === 201);
    const db = new Client({ connectionString: pg.databaseUrl('orch') });
    await db.connect();
    try {
      const { rows } = await db.query<{ stream_name: string }>("SELECT stream_name FROM event_store.events WHERE type = 'SessionCreated'");
      const stored = new Set(rows.map((row) => row.stream_name));
      expect(acknowledged.filter((result) => !stored.has(`session-${result.id}`))).toEqual([]);
    } finally {
      await db.end();
    }

    // The projectors resume: the read model reaches the last acknowledged command, and the api is ready.
    const last = Math.max(...acknowledged.map((result) => result.position ?? 0));
    await until(async () => (await fetch(`${api.baseUrl}/sessions?limit=1&minPosition=${last}`, { headers: { authorization: `Bearer ${api.adminKey}` } })).status === 200, 60_000, 'the read model to catch up');
    await until(async () => (await fetch(`${api.baseUrl}/health/ready`)).status === 200, 60_000, 'ready');
  }, 300_000);
});

function isStoreUnavailable(result: LoadResult): boolean {
  return result.status === 503 && result.code === 'STORE.UNAVAILABLE' && result.retryAfter === '1' && (result.contentType ?? '').startsWith('application/problem+json');
}
