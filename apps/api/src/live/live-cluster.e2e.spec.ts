import { randomBytes } from 'node:crypto';
import { OrchClient } from '@orch/client';
import type { ChangeMessage, EventMessage, LiveDisconnect, LiveError } from '@orch/contracts';
import { Redis } from 'ioredis';
import { apiCluster, type ApiCluster, type ApiNode } from '../e2e/api-node';
import { until } from '../e2e/live-helpers';

const REDIS_URL = process.env['TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';

describe('given two api processes sharing PostgreSQL and Redis', () => {
  const prefix = `live-e2e-${randomBytes(4).toString('hex')}:`;
  let cluster: ApiCluster;
  let first: ApiNode;
  let second: ApiNode;
  let connection: ReturnType<OrchClient['live']> | undefined;

  beforeAll(async () => {
    cluster = await apiCluster({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    // The first runs no projector: the change rooms must wait for one.
    first = await cluster.start({ ROLES: 'api' });
  }, 90_000);

  afterAll(async () => {
    connection?.close();
    await cluster?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('when no projector has committed a change, then change rooms wait for it; once one runs on the other instance, changes made through either reach a client of the first', async () => {
    const onFirst = new OrchClient({ baseUrl: first.origin, apiKey: cluster.adminKey });
    connection = onFirst.live();
    const changes: ChangeMessage[] = [];
    const events: EventMessage[] = [];
    await connection.subscribe('sessions', (message) => changes.push(message)).ready;
    await connection.subscribe('events', (message) => events.push(message)).ready;
    const before = await onFirst.sessions.create({ title: 'Add login throttling', prompt: 'Throttle logins' });
    await until(() => events.some((message) => message.event.stream === `session-${before.id}`), 10_000, 'the event');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(changes).toEqual([]);

    second = await cluster.start({ ROLES: 'api,projector' });
    await until(() => changes.some((message) => message.changes[0]?.id === before.id), 30_000, 'the change once projected');
    const onSecond = new OrchClient({ baseUrl: second.origin, apiKey: cluster.adminKey });
    const through = await onSecond.sessions.create({ title: 'Add password rules', prompt: 'Enforce rules' });
    await until(() => changes.some((message) => message.changes[0]?.id === through.id), 15_000, 'the change made through the second');
    const positions = changes.map((message) => message.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
  }, 120_000);

  it('when the second instance lists live connections, then it sees the socket held by the first (the Redis adapter)', async () => {
    const listing = await fetch(`${second.baseUrl}/live/connections`, { headers: { authorization: `Bearer ${cluster.adminKey}` } });
    expect(listing.status).toBe(200);
    const { items } = (await listing.json()) as { items: { socketId: string; rooms: string[] }[] };
    expect(items.map((item) => item.socketId)).toContain(connection?.socket.id);
    expect(items.find((item) => item.socketId === connection?.socket.id)?.rooms.sort()).toEqual(['events', 'sessions']);
  }, 30_000);

  it('when the first instance is stopped (SIGTERM), then its socket clients are told it is shutting down before they are cut off', async () => {
    const notices: (LiveError | LiveDisconnect)[] = [];
    const onFirst = new OrchClient({ baseUrl: first.origin, apiKey: cluster.adminKey });
    const client = onFirst.live({ onError: (notice) => notices.push(notice), socket: { reconnection: false } });
    try {
      await client.subscribe('events', () => undefined).ready;
      const cut = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
      await first.stop();
      expect(await cut).toBe('io server disconnect');
      expect(notices).toEqual([{ reason: 'shutting_down', message: 'The server is shutting down; reconnect to resume' }]);
    } finally {
      client.close();
    }
  }, 60_000);
});
