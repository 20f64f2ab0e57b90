import { HEARTBEAT_TTL_MS } from '@orch/application';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueRedisPrefix } from '@orch/testing';
import { Redis } from 'ioredis';
import { RedisHeartbeats } from './redis-heartbeats';

describe('given RedisHeartbeats with its default TTL on the local Redis', () => {
  const keyPrefix = uniqueRedisPrefix();
  let heartbeats: RedisHeartbeats;
  let admin: Redis;

  beforeAll(() => {
    heartbeats = new RedisHeartbeats({ redisUrl: TEST_REDIS_URL, keyPrefix });
    admin = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await heartbeats.close();
    await deleteRedisKeys(keyPrefix);
    await admin.quit();
  });

  it('when an agent beats, then its key holds the time seen and lives 90 s', async () => {
    await heartbeats.beat('agent-1', '2026-03-01T12:00:00.000Z');
    expect(await admin.get(`${keyPrefix}heartbeat:agent-1`)).toBe('2026-03-01T12:00:00.000Z');
    const pttl = await admin.pttl(`${keyPrefix}heartbeat:agent-1`);
    expect(pttl).toBeGreaterThan(HEARTBEAT_TTL_MS - 5_000);
    expect(pttl).toBeLessThanOrEqual(HEARTBEAT_TTL_MS);
  });

  it('when liveAmong asks about many agents, then Redis receives one MGET', async () => {
    const ids = Array.from({ length: 50 }, (_, index) => `agent-many-${index}`);
    for (const id of ids.slice(0, 10)) await heartbeats.beat(id, '2026-03-01T12:00:00.000Z');
    const monitor = await admin.monitor();
    const seen: string[] = [];
    const sentinel = `${keyPrefix}sentinel`;
    const sentinelSeen = new Promise<void>((resolve) => {
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args.includes(sentinel)) resolve();
        else if (args.some((arg) => arg.startsWith(keyPrefix))) seen.push(String(args[0]).toLowerCase());
      });
    });
    try {
      const live = await heartbeats.liveAmong(ids);
      expect([...live.keys()]).toEqual(ids.slice(0, 10));
      await admin.get(sentinel); // MONITOR shows commands in order: once this one shows, liveAmong's have too
      await sentinelSeen;
      expect(seen).toEqual(['mget']);
    } finally {
      monitor.disconnect();
    }
  });
});
