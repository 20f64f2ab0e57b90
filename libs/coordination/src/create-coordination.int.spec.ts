import { CoordinationUnavailableError } from '@orch/application';
import { deleteRedisKeys, TEST_REDIS_URL, uniqueRedisPrefix } from '@orch/testing';
import { Redis } from 'ioredis';
import { createCoordination } from './create-coordination';
import { InProcessHeartbeats } from './in-process/in-process-heartbeats';
import { InProcessLeases } from './in-process/in-process-leases';

describe('createCoordination', () => {
  it('given no Redis URL, then the leases and heartbeats are in-process', async () => {
    const coordination = createCoordination();
    expect(coordination.leases).toBeInstanceOf(InProcessLeases);
    expect(coordination.heartbeats).toBeInstanceOf(InProcessHeartbeats);
    await coordination.close();
  });

  it('given a Redis URL and a prefix, then leases and heartbeats are written to Redis under it, and close ends both connections', async () => {
    const keyPrefix = uniqueRedisPrefix();
    const coordination = createCoordination({ redisUrl: TEST_REDIS_URL, keyPrefix });
    const admin = new Redis(TEST_REDIS_URL);
    try {
      const lease = await coordination.leases.acquire('session-1', 'engine-a', 30_000);
      await coordination.heartbeats.beat('agent-1', '2026-03-01T12:00:00.000Z');
      expect(await admin.get(`${keyPrefix}lease:{session-1}`)).toBe(`${lease?.token}:engine-a`);
      expect(await admin.get(`${keyPrefix}heartbeat:agent-1`)).toBe('2026-03-01T12:00:00.000Z');
      await coordination.close();
      await expect(coordination.leases.ping()).rejects.toBeInstanceOf(CoordinationUnavailableError);
      await expect(coordination.heartbeats.lastSeen('agent-1')).rejects.toBeInstanceOf(CoordinationUnavailableError);
    } finally {
      await admin.quit();
      await deleteRedisKeys(keyPrefix);
    }
  });
});
