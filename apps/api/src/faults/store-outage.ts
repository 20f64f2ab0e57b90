import { startThrowawayPostgres, type ThrowawayPostgres } from '@orch/testing';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../e2e/api-process';
import { startCommandLoad, until, type LoadResult } from './command-load';

/** The api (roles api + projector, no rate limit) on a PostgreSQL server of the test's own: the shared one is never touched. */
export interface ApiOnOwnPostgres {
  readonly pg: ThrowawayPostgres;
  readonly api: RunningApi;
  dispose(): Promise<void>;
}

export async function apiOnOwnPostgres(): Promise<ApiOnOwnPostgres> {
  const pg = await startThrowawayPostgres();
  const databaseUrl = await pg.createDatabase('orch');
  const api = await startApi({ ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0' }, { databaseUrl, keepDatabase: true }).catch(async (error: unknown) => {
    await pg.dispose();
    throw error;
  });
  return {
    pg,
    api,
    async dispose() {
      await api.stop();
      await pg.dispose();
    },
  };
}

/**
 * Clients create sessions back to back; the store goes down (`breakStore`: a fast shutdown or a
 * crash) and is started again; answers are collected before, during and after. Then the checks
 * every store outage must pass: meanwhile only 503 `STORE.UNAVAILABLE` problem details (never a
 * 500), the api process alive, every 201 with its `SessionCreated` in the store, the projectors
 * caught up with the last acknowledged command, and the api ready again. Answers the results.
 */
export async function storeOutageUnderLoad({ pg, api }: ApiOnOwnPostgres, breakStore: () => Promise<void>): Promise<LoadResult[]> {
  const load = startCommandLoad(api.baseUrl, api.adminKey);
  await until(() => load.acknowledged('before').length >= 20, 60_000, '20 commands acknowledged before the fault');
  load.mark('outage');
  const brokenAt = Date.now();
  await breakStore();
  await until(() => load.results.filter((result) => result.phase === 'outage').length >= 20, 60_000, '20 answers during the outage');
  await until(async () => (await fetch(`${api.baseUrl}/health/ready`)).status === 503, 30_000, '/health/ready to answer 503 during the outage');
  await pg.start();
  load.mark('after');
  await until(() => load.acknowledged('after').length >= 20, 90_000, '20 commands acknowledged after the restart').catch((error: Error) => {
    const after = load.results.filter((result) => result.phase === 'after').slice(-5);
    throw new Error(`${error.message}; last answers after the restart: ${JSON.stringify(after)}\napi output:\n${api.output().slice(-4000)}`);
  });
  const results = await load.stop();

  // While it was down: 503 STORE.UNAVAILABLE problem details with Retry-After (or an ack from before the fault), never a 500.
  const refused = results.filter((result) => result.status !== 201);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((result) => !isStoreUnavailable(result))).toEqual([]);
  expect(api.exitCode()).toBeNull();

  // Nothing acknowledged is lost: every 201 has its SessionCreated in the store, at or before the position it answered.
  const acknowledged = results.filter((result) => result.status === 201);
  const stored = await sessionsInStore(pg.databaseUrl('orch'));
  expect(acknowledged.filter((result) => !stored.has(`session-${result.id}`))).toEqual([]);
  expect(acknowledged.filter((result) => (result.position ?? -1) < (stored.get(`session-${result.id}`) ?? Infinity))).toEqual([]);
  // The global order held across the outage (positions derive from transaction ids): every command sent after
  // the restart lies beyond every one acknowledged before the fault, so readers' checkpoints stay valid.
  const positions = (results: readonly LoadResult[]) => results.map((result) => result.position ?? 0);
  const ackedBefore = positions(acknowledged.filter((result) => result.answeredAt < brokenAt));
  expect(Math.min(...positions(acknowledged.filter((result) => result.phase === 'after')))).toBeGreaterThan(Math.max(...ackedBefore));

  // The projectors resume: the read model reaches the last acknowledged command, and the api is ready.
  const last = Math.max(...acknowledged.map((result) => result.position ?? 0));
  await until(async () => (await fetch(`${api.baseUrl}/sessions?limit=1&minPosition=${last}`, { headers: { authorization: `Bearer ${api.adminKey}` } })).status === 200, 60_000, 'the read model to catch up');
  await until(async () => (await fetch(`${api.baseUrl}/health/ready`)).status === 200, 60_000, 'ready');
  return results;
}

/** Each session stream with a SessionCreated, and that event's global position. */
async function sessionsInStore(databaseUrl: string): Promise<Map<string, number>> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ stream_name: string; position: string }>("SELECT stream_name, position FROM event_store.events WHERE type = 'SessionCreated'");
    return new Map(rows.map((row) => [row.stream_name, Number(row.position)]));
  } finally {
    await db.end();
  }
}

function isStoreUnavailable(result: LoadResult): boolean {
  return result.status === 503 && result.code === 'STORE.UNAVAILABLE' && result.retryAfter === '1' && (result.contentType ?? '').startsWith('application/problem+json');
}
