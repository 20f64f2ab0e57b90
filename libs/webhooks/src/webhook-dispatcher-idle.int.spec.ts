import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Pool } from 'pg';
import { runWebhookMigrations } from './migrations/run-webhook-migrations';
import { PostgresSecretStore } from './secret-store';
import { WebhookDispatcher } from './webhook-dispatcher';
import { silentWorkerLogger } from './worker-logger';

describe('given a webhook dispatcher with nothing pending', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('webhook_idle');
    pool = new Pool({ connectionString: database.connectionString });
    await runWebhookMigrations(pool);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('when it idles for a second, then it looks at the table about once per idle poll, not in a busy loop', async () => {
    const query = jest.spyOn(pool, 'query');
    const dispatcher = new WebhookDispatcher({
      pool,
      schema: 'webhooks',
      secrets: new PostgresSecretStore(pool, randomBytes(32)),
      logger: silentWorkerLogger,
      maxAttempts: 3,
      backoff: { baseMs: 20, maxMs: 200 },
      timeoutMs: 1_000,
      idlePollMs: 250,
    });
    dispatcher.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await dispatcher.stop();
    const claims = query.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('WITH due AS')).length;
    // 1,000 ms / 250 ms: four or five looks (an empty table once answered "wait 0 ms": 5 ms polls, ~200 looks).
    expect(claims).toBeGreaterThanOrEqual(2);
    expect(claims).toBeLessThanOrEqual(6);
  });
});
