import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { handleCommand, type EventToAppend, type Ids } from '@orch/application';
import { parseSignatureHeader, WEBHOOK_HEADERS, type WebhookPayload } from '@orch/contracts';
import { webhookDecider } from '@orch/domain-access';
import { createPostgresEventStore, type PostgresEventStore } from '@orch/event-store';
import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Pool } from 'pg';
import { WebhookQueries } from './delivery-queries';
import { runWebhookMigrations } from './migrations/run-webhook-migrations';
import { newWebhookSecret, PostgresSecretStore } from './secret-store';
import { signatureOf } from './signing';
import { startReceiver } from './test-support/receiver';
import { WebhookWorker } from './webhook-worker';
import { silentWorkerLogger } from './worker-logger';

const ids: Ids = { newId: () => randomUUID(), derive: (name) => uuidFrom(name) };

function uuidFrom(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function events(count: number, tenantId: string, type = 'SessionProbed'): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type,
    data: { index },
    metadata: { actor: 'system:test', tenantId, correlationId: randomUUID(), schemaVersion: 1 },
  }));
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('given the webhook worker on a real PostgreSQL store and a real HTTP receiver', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let secrets: PostgresSecretStore;
  const workers: WebhookWorker[] = [];
  const receivers: { close(): Promise<void> }[] = [];

  async function receiver(...args: Parameters<typeof startReceiver>) {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  }

  function worker(maxAttempts = 8): WebhookWorker {
    const started = new WebhookWorker({ pool, store, ids, secrets, logger: silentWorkerLogger, maxAttempts, backoff: { baseMs: 20, maxMs: 200 }, timeoutMs: 2_000 });
    started.start();
    workers.push(started);
    return started;
  }

  async function register(tenantId: string, url: string, eventTypes: string[]): Promise<{ webhookId: string; secret: string }> {
    const webhookId = randomUUID();
    const secret = newWebhookSecret();
    const secretRef = `secret:webhook-${webhookId}`;
    await secrets.putOnce(secretRef, tenantId, secret);
    await handleCommand(
      { store, ids },
      { decider: webhookDecider, streamName: `webhook-${webhookId}`, aggregateId: webhookId, notFound: 'WEBHOOK.NOT_FOUND' },
      { type: 'RegisterWebhook', data: { webhookId, url, eventTypes, secretRef }, metadata: { commandId: randomUUID(), actor: 'user:k', tenantId, now: new Date().toISOString(), correlationId: 'c' } },
    );
    return { webhookId, secret };
  }

  beforeAll(async () => {
    database = await createTestDatabase('webhooks');
    store = await createPostgresEventStore({ connectionString: database.connectionString, pollIntervalMs: 100 });
    pool = new Pool({ connectionString: database.connectionString });
    await runWebhookMigrations(pool);
    secrets = new PostgresSecretStore(pool, randomBytes(32));
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  afterAll(async () => {
    await pool?.end();
    await store?.close();
    await database?.drop();
  });

  it('when the receiver fails its first three deliveries and the worker restarts midway, then every event arrives signed', async () => {
    const endpoint = await receiver((index) => (index < 3 ? 500 : 200));
    const { webhookId, secret } = await register('acme', endpoint.url, ['Session']);
    const first = worker();
    const before = events(20, 'acme');
    await store.appendToStream(`session-${randomUUID()}`, before);
    await store.appendToStream(`session-${randomUUID()}`, events(5, 'other-tenant'));
    await store.appendToStream(`agent-${randomUUID()}`, events(5, 'acme', 'AgentProbed'));
    await until(() => endpoint.received.length >= 8, 15_000, 'some deliveries');
    await first.stop();
    const after = events(20, 'acme');
    await store.appendToStream(`session-${randomUUID()}`, after);
    worker();
    const expected = [...before, ...after].map((event) => event.id).sort();
    const delivered = () => new Set(endpoint.received.filter((r) => r.answered === 200).map((r) => (JSON.parse(r.body) as WebhookPayload).event.id));
    await until(() => delivered().size >= expected.length, 20_000, 'every delivery');
    expect([...delivered()].sort()).toEqual(expected);
    for (const request of endpoint.received) {
      const header = parseSignatureHeader(request.headers[WEBHOOK_HEADERS.signature] as string);
      expect(header?.signatures).toContain(signatureOf(secret, header?.timestamp ?? 0, request.body));
      expect(request.headers[WEBHOOK_HEADERS.webhookId]).toBe(webhookId);
      expect((JSON.parse(request.body) as WebhookPayload).deliveryId).toBe(request.headers[WEBHOOK_HEADERS.deliveryId]);
    }
    expect(endpoint.received.slice(0, 3).map((r) => r.answered)).toEqual([500, 500, 500]);
    const queries = new WebhookQueries(pool);
    const allDelivered = async () => (await queries.deliveries('acme', webhookId, { limit: 100 })).items.every((item) => item.status === 'delivered');
    await until(allDelivered, 10_000, 'every delivery to be recorded');
    const log = await queries.deliveries('acme', webhookId, { limit: 100 });
    expect(log.items).toHaveLength(40);
    expect(log.items.some((item) => (item.attemptLog ?? []).some((attempt) => attempt.statusCode === 500))).toBe(true);
  }, 60_000);

  it('when only events no webhook wants arrive, one command at a time, then the fan-out stores its checkpoint a few times, not per event', async () => {
    await pool.query(`CREATE TABLE webhooks.checkpoint_moves (name text, position bigint)`);
    await pool.query(`CREATE FUNCTION webhooks.record_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO webhooks.checkpoint_moves VALUES (NEW.name, NEW.position); RETURN NEW; END $$`);
    await pool.query(`CREATE TRIGGER record_move AFTER UPDATE ON webhooks.checkpoints FOR EACH ROW EXECUTE FUNCTION webhooks.record_move()`);
    try {
      worker();
      let last = -1;
      for (let index = 0; index < 40; index++) {
        last = (await store.appendToStream(`session-${randomUUID()}`, events(1, 'nobody-listens'))).position;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const stored = async () => Number((await pool.query(`SELECT position FROM webhooks.checkpoints WHERE name = 'fan-out'`)).rows[0]?.position);
      await until(async () => (await stored()) === last, 5_000, 'the fan-out checkpoint');
      const moves = Number((await pool.query(`SELECT count(*) AS n FROM webhooks.checkpoint_moves`)).rows[0]?.n);
      expect(moves).toBeGreaterThanOrEqual(1);
      expect(moves).toBeLessThan(15);
      expect(Number((await pool.query(`SELECT count(*) AS n FROM webhooks.deliveries WHERE tenant_id = 'nobody-listens'`)).rows[0]?.n)).toBe(0);
    } finally {
      await pool.query(`DROP TRIGGER record_move ON webhooks.checkpoints`);
      await pool.query(`DROP TABLE webhooks.checkpoint_moves`);
      await pool.query(`DROP FUNCTION webhooks.record_move()`);
    }
  });

  it('when every attempt fails, then the delivery is dead-lettered, and redelivery sends the same body again', async () => {
    let healthy = false;
    const endpoint = await receiver(() => (healthy ? 200 : 503));
    const { webhookId } = await register('dead-tenant', endpoint.url, ['TaskFailed']);
    worker(2);
    await store.appendToStream(`session-${randomUUID()}`, events(1, 'dead-tenant', 'TaskFailed'));
    const queries = new WebhookQueries(pool);
    await until(async () => (await queries.deadLetters('dead-tenant', { limit: 10 })).items.length === 1, 15_000, 'a dead letter');
    const [dead] = (await queries.deadLetters('dead-tenant', { limit: 10 })).items;
    expect(dead).toMatchObject({ webhookId, status: 'dead', attempts: 2, lastStatusCode: 503 });
    expect(await queries.redeliver('someone-else', dead?.id ?? '')).toBe('not_found');
    healthy = true;
    expect(await queries.redeliver('dead-tenant', dead?.id ?? '')).toBe('queued');
    await until(() => endpoint.received.some((r) => r.answered === 200), 15_000, 'the redelivery');
    const bodies = new Set(endpoint.received.map((r) => r.body));
    expect(bodies.size).toBe(1);
    // The receiver answers before the dispatcher records the outcome: wait for the record.
    const latest = async () => (await queries.deliveries('dead-tenant', webhookId, { limit: 10 })).items[0];
    await until(async () => (await latest())?.status === 'delivered', 10_000, 'the redelivery to be recorded');
    expect(await latest()).toMatchObject({ status: 'delivered', redeliveries: 1, attempts: 1 });
  }, 60_000);

  it('when the receiver redirects, then the redirect is not followed and counts as a failure', async () => {
    const target = await receiver(() => 200);
    const redirecting = await receiver(() => ({ status: 307, location: target.url }));
    await register('redirect-tenant', redirecting.url, ['Session']);
    worker(1);
    await store.appendToStream(`session-${randomUUID()}`, events(1, 'redirect-tenant'));
    await until(async () => (await new WebhookQueries(pool).deadLetters('redirect-tenant', { limit: 10 })).items.length === 1, 15_000, 'a dead letter');
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
  }, 30_000);
});
