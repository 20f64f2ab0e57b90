import { Client } from 'pg';
import { startApi, type RunningApi } from '../e2e/api-process';
import { startCommandLoad, until } from './command-load';

/** Fault: the api process is SIGKILLed (no shutdown at all) while commands pour in. */
describe('given the api under a steady stream of commands', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startApi({ ROLES: 'api,projector', ORCH_RATE_LIMIT_PER_MINUTE: '0' });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  }, 60_000);

  it('when it is SIGKILLed, then every command that got a 2xx has its events in the store, and a restarted api serves them', async () => {
    const load = startCommandLoad(api.baseUrl, api.adminKey, 6);
    await until(() => load.acknowledged().length >= 40, 60_000, '40 commands acknowledged');
    await api.kill('SIGKILL');
    const results = await load.stop();
    const acknowledged = results.filter((result) => result.status === 201);
    // Cut off mid-flight: answers that never came are network errors, never a 5xx.
    expect(results.filter((result) => result.status !== 201 && result.status !== 'network-error')).toEqual([]);

    const db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ stream_name: string; position: string }>("SELECT stream_name, position FROM event_store.events WHERE type = 'SessionCreated'");
      const stored = new Map(rows.map((row) => [row.stream_name, Number(row.position)]));
      expect(acknowledged.filter((result) => !stored.has(`session-${result.id}`))).toEqual([]);
      // Each acknowledged position is the one stored (the answer was about a committed append).
      expect(acknowledged.filter((result) => (result.position ?? -1) < (stored.get(`session-${result.id}`) ?? Infinity))).toEqual([]);
    } finally {
      await db.end();
    }

    // A new process on the same database serves every acknowledged session.
    const again = await startApi({ ROLES: 'api,projector' }, { databaseUrl: api.databaseUrl, adminKey: api.adminKey, keepDatabase: true });
    try {
      const last = Math.max(...acknowledged.map((result) => result.position ?? 0));
      await until(async () => (await fetch(`${again.baseUrl}/sessions?limit=1&minPosition=${last}`, { headers: { authorization: `Bearer ${again.adminKey}` } })).status === 200, 60_000, 'the read model to catch up');
      for (const result of acknowledged.slice(-5)) {
        expect((await fetch(`${again.baseUrl}/sessions/${result.id}`, { headers: { authorization: `Bearer ${again.adminKey}` } })).status).toBe(200);
      }
    } finally {
      await again.stop();
    }
  }, 240_000);
});
