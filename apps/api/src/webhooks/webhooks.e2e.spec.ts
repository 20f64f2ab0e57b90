import { createServer, type IncomingMessage, type Server } from 'node:http';
import { OrchClient, OrchProblemError, verifyWebhookSignature } from '@orch/client';
import { WEBHOOK_HEADERS, type WebhookPayload } from '@orch/contracts';
import { Client } from 'pg';
import { apiCluster, type ApiCluster, type ApiNode } from '../e2e/api-node';
import { until } from '../e2e/live-helpers';
import { seedKey } from '../e2e/seed-key';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly status: number;
}

/** An integrator's endpoint on loopback: fails its first `failures` requests, then accepts. */
async function receiver(failures: number) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const status = received.length < failures ? 500 : 204;
      received.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/orch-hooks`,
    received,
    accepted: () => new Set(received.filter((r) => r.status === 204).map((r) => (JSON.parse(r.body) as WebhookPayload).event.id)),
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

describe('given webhooks on the api', () => {
  let cluster: ApiCluster;
  let api: ApiNode;

  beforeAll(async () => {
    cluster = await apiCluster({ WEBHOOK_BACKOFF_BASE_MS: '100', WEBHOOK_BACKOFF_MAX_MS: '1000', WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_MAX_ATTEMPTS: '6' });
    api = await cluster.start({ ROLES: 'api' });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('when the receiver fails its first three deliveries and the api is killed midway, then every event arrives and every signature verifies', async () => {
    const endpoint = await receiver(3);
    let admin = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
    const registered = await admin.webhooks.register({ url: endpoint.url, eventTypes: ['Session'] });
    expect(registered).toMatchObject({ id: expect.any(String), revision: 0, secret: expect.stringMatching(/^whsec_/) });
    const sessions: string[] = [];
    for (let index = 0; index < 6; index++) sessions.push((await admin.sessions.create({ title: `Add feature ${index}`, prompt: 'Build it' })).id);
    await until(() => endpoint.received.length >= 5, 20_000, 'the first deliveries');
    await api.kill();
    api = await cluster.start({ ROLES: 'api' });
    admin = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
    for (let index = 6; index < 10; index++) sessions.push((await admin.sessions.create({ title: `Add feature ${index}`, prompt: 'Build it' })).id);
    // Each session: SessionCreated and SessionPlanned (the context's events are not Session…).
    await until(() => endpoint.accepted().size >= 20, 60_000, 'all 20 deliveries');
    const payloads = endpoint.received.map((request) => JSON.parse(request.body) as WebhookPayload);
    expect(new Set(payloads.map((payload) => payload.event.stream))).toEqual(new Set(sessions.map((id) => `session-${id}`)));
    expect(payloads.every((payload) => payload.event.type.startsWith('Session') && payload.webhookId === registered.id)).toBe(true);
    expect(endpoint.received.slice(0, 3).map((r) => r.status)).toEqual([500, 500, 500]);
    for (const request of endpoint.received) {
      const signature = request.headers[WEBHOOK_HEADERS.signature] as string;
      expect(await verifyWebhookSignature({ secret: registered.secret, signature, body: request.body })).toBe(true);
      expect(request.headers[WEBHOOK_HEADERS.deliveryId]).toBe((JSON.parse(request.body) as WebhookPayload).deliveryId);
    }
    const log = await admin.webhooks.deliveries(registered.id, { limit: 50 });
    expect(log.items).toHaveLength(20);
    await until(async () => (await admin.webhooks.deliveries(registered.id, { status: 'delivered' })).items.length === 20, 10_000, 'the log to say delivered');
    expect(log.items.some((item) => item.attemptLog?.some((attempt) => attempt.statusCode === 500))).toBe(true);
    expect((await admin.webhooks.list()).items.map((webhook) => webhook.id)).toContain(registered.id);
    await endpoint.close();
  }, 180_000);

  it('when another tenant looks, then it sees none of these webhooks or deliveries and gets none of the events', async () => {
    const admin = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
    const otherKey = await seedKey(cluster.database.connectionString, 'webhook-other', 'integrator');
    const other = new OrchClient({ baseUrl: api.origin, apiKey: otherKey });
    const theirs = await receiver(0);
    const mine = await admin.webhooks.register({ url: 'https://example.invalid/hook', eventTypes: ['Agent'] });
    await other.webhooks.register({ url: theirs.url, eventTypes: ['Session'] });
    await admin.sessions.create({ title: 'Add tenant isolation', prompt: 'Isolate' });
    const notFound = await other.webhooks.get(mine.id).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(OrchProblemError);
    expect(notFound).toMatchObject({ status: 404, code: 'WEBHOOK.NOT_FOUND' });
    expect(await other.webhooks.deliveries(mine.id).catch((error: OrchProblemError) => error.status)).toBe(404);
    expect(await other.webhooks.delete(mine.id, { reason: 'not mine' }).catch((error: OrchProblemError) => error.status)).toBe(404);
    expect((await other.webhooks.list()).items.map((webhook) => webhook.id)).not.toContain(mine.id);
    expect((await other.webhooks.deadLetters()).items).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(theirs.received).toEqual([]);
    await theirs.close();
  }, 60_000);

  it('when a registration breaks the URL rules, then it is refused and nothing is stored; a deletion needs a reason', async () => {
    const admin = new OrchClient({ baseUrl: api.origin, apiKey: cluster.adminKey });
    const db = new Client({ connectionString: cluster.database.connectionString });
    await db.connect();
    const secrets = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM webhooks.secrets')).rows[0]?.n);
    const before = await secrets();
    for (const url of ['http://example.com/hook', 'ftp://127.0.0.1/x', 'https://user:pw@example.com/']) {
      const error = await admin.webhooks.register({ url, eventTypes: ['Session'] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 400, code: 'COMMAND.FIELD_INVALID' });
    }
    expect(await admin.webhooks.register({ url: 'https://example.com/x', eventTypes: [] }).catch((e: OrchProblemError) => e.status)).toBe(400);
    expect(await secrets()).toBe(before);
    await db.end();
    const registered = await admin.webhooks.register({ url: 'https://example.com/x', eventTypes: ['Task'] });
    expect(await admin.webhooks.delete(registered.id, { reason: '' }).catch((e: OrchProblemError) => e.code)).toBe('COMMAND.REASON_REQUIRED');
    expect(await admin.webhooks.delete(registered.id, { reason: 'retired' })).toMatchObject({ id: registered.id, revision: 1 });
    await until(async () => (await admin.webhooks.get(registered.id)).status === 'deleted', 10_000, 'the deletion');
  }, 60_000);
});
