import { deleteRedisKeys, mustHold, TEST_REDIS_URL, uniqueRedisPrefix } from '@orch/testing';
import { Redis } from 'ioredis';
import { RedisLeases } from './redis-leases';

describe('given RedisLeases on the local Redis', () => {
  const keyPrefix = uniqueRedisPrefix();
  let leases: RedisLeases;
  let admin: Redis;

  beforeAll(() => {
    leases = new RedisLeases({ redisUrl: TEST_REDIS_URL, keyPrefix });
    admin = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    await leases.close();
    await deleteRedisKeys(keyPrefix);
    await admin.quit();
  });

  it('when a lease is taken, then its key expires by PX and its token counter never expires, even after release', async () => {
    const lease = mustHold(await leases.acquire('session-px', 'engine-a', 30_000));
    const pttl = await admin.pttl(`${keyPrefix}lease:{session-px}`);
    expect(pttl).toBeGreaterThan(25_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
    expect(await admin.get(`${keyPrefix}lease:{session-px}`)).toBe(`${lease.token}:engine-a`);
    await leases.release(lease);
    expect(await admin.exists(`${keyPrefix}lease:{session-px}`)).toBe(0);
    expect(await admin.pttl(`${keyPrefix}lease-token:{session-px}`)).toBe(-1);
    expect(Number(await admin.get(`${keyPrefix}lease-token:{session-px}`))).toBe(lease.token);
  });

  it('given a token counter restored to an older value (Redis back from an old snapshot), when the key is acquired, then the token is still higher than any before', async () => {
    const tokens: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const lease = mustHold(await leases.acquire('session-restored', `engine-${round}`, 30_000));
      tokens.push(lease.token);
      await leases.release(lease);
    }
    await admin.set(`${keyPrefix}lease-token:{session-restored}`, '3');
    const after = mustHold(await leases.acquire('session-restored', 'engine-new', 30_000));
    expect(after.token).toBeGreaterThan(Math.max(...tokens));
  });

  it('when a lease is taken, then its token is at least the Redis server time in µs (the floor that survives lost counters)', async () => {
    const [seconds, micros] = await admin.time();
    const lease = mustHold(await leases.acquire('session-floor', 'engine-a', 30_000));
    expect(lease.token).toBeGreaterThanOrEqual(Number(seconds) * 1_000_000 + Number(micros));
  });
});
