import { setTimeout as sleep } from 'node:timers/promises';
import { CoordinationUnavailableError } from '@orch/application';
import { mustHold, startThrowawayRedis, type ThrowawayRedis } from '@orch/testing';
import { RedisHeartbeats } from './redis-heartbeats';
import { RedisLeases } from './redis-leases';

const TIMEOUT_MS = 300;
/**
 * "Fast": a bound on the call, not a latency target — a hang would be the ioredis default of
 * minutes; a loaded CI machine may take a few seconds to schedule the timeout.
 */
const FAST_MS = TIMEOUT_MS + 5_000;

async function rejectsFast(call: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  await expect(call()).rejects.toBeInstanceOf(CoordinationUnavailableError);
  expect(Date.now() - started).toBeLessThan(FAST_MS);
}

/** Retries `call` until it stops throwing (Redis is back and the client reconnected), for up to 10 s. */
async function eventually<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

describe('given leases and heartbeats on a Redis of their own, when that Redis fails', () => {
  let redis: ThrowawayRedis;
  let leases: RedisLeases;
  let heartbeats: RedisHeartbeats;

  beforeEach(async () => {
    redis = await startThrowawayRedis();
    leases = new RedisLeases({ redisUrl: redis.url, timeoutMs: TIMEOUT_MS });
    heartbeats = new RedisHeartbeats({ redisUrl: redis.url, timeoutMs: TIMEOUT_MS });
  });

  afterEach(async () => {
    await Promise.all([leases?.close(), heartbeats?.close()]);
    await redis?.dispose();
  });

  jest.setTimeout(30_000);

  it('when it is killed, then every call rejects fast with CoordinationUnavailableError; when it is back, empty, calls work again and tokens are still higher', async () => {
    const held = mustHold(await leases.acquire('session-1', 'engine-a', 60_000));
    await heartbeats.beat('agent-1', '2026-03-01T12:00:00.000Z');
    await redis.stop();

    await rejectsFast(() => leases.acquire('session-2', 'engine-a', 60_000));
    await rejectsFast(() => leases.renew(held, 60_000));
    await rejectsFast(() => leases.release(held));
    await rejectsFast(() => leases.holder('session-1'));
    await rejectsFast(() => leases.ping());
    await rejectsFast(() => heartbeats.beat('agent-1', '2026-03-01T12:00:30.000Z'));
    await rejectsFast(() => heartbeats.liveAmong(['agent-1']));

    await redis.start();
    const taken = mustHold(await eventually(() => leases.acquire('session-1', 'engine-b', 60_000)));
    // The restarted Redis kept nothing: the lease went with it (the fencing token is what keeps engine-a out).
    expect(taken.token).toBeGreaterThan(held.token);
    expect(await leases.renew(held, 60_000)).toBeNull();
    await expect(leases.ping()).resolves.toBeUndefined();
    await eventually(() => heartbeats.beat('agent-1', '2026-03-01T12:01:00.000Z'));
    expect(await heartbeats.lastSeen('agent-1')).toBe('2026-03-01T12:01:00.000Z');
  });

  it('given a key that changed hands 200 times, when Redis loses its data and restarts, then the next token is above every earlier one', async () => {
    let last = 0;
    for (let round = 0; round < 200; round += 1) {
      const lease = mustHold(await leases.acquire('session-busy', `engine-${round % 3}`, 60_000));
      expect(lease.token).toBeGreaterThan(last);
      last = lease.token;
      await leases.release(lease);
    }
    await redis.stop();
    await redis.start();
    const after = mustHold(await eventually(() => leases.acquire('session-busy', 'engine-new', 60_000)));
    expect(after.token).toBeGreaterThan(last);
  });

  it('when it hangs (SIGSTOP), then calls reject within the timeout; once it resumes they work, and a timed-out acquire its owner retries is its own', async () => {
    await Promise.all([leases.ping(), heartbeats.lastSeen('agent-3')]); // both connected before the server hangs
    redis.pause();
    await rejectsFast(() => leases.acquire('session-3', 'engine-a', 60_000));
    await rejectsFast(() => heartbeats.beat('agent-3', '2026-03-01T12:00:00.000Z'));
    await rejectsFast(() => leases.ping());
    redis.resume();

    await eventually(() => leases.ping());
    // Redis ran the acquire it had read before it hung: engine-a holds session-3 without having been told so.
    expect(await leases.acquire('session-3', 'engine-b', 60_000)).toBeNull();
    const retried = mustHold(await leases.acquire('session-3', 'engine-a', 60_000));
    expect(await leases.holder('session-3')).toMatchObject({ owner: 'engine-a', token: retried.token });
  });

  it('given Redis down when the clients are made, when they are called, then they reject fast, and work once Redis starts', async () => {
    await Promise.all([leases.close(), heartbeats.close()]);
    await redis.stop();
    leases = new RedisLeases({ redisUrl: redis.url, timeoutMs: TIMEOUT_MS });
    heartbeats = new RedisHeartbeats({ redisUrl: redis.url, timeoutMs: TIMEOUT_MS });

    await rejectsFast(() => leases.acquire('session-4', 'engine-a', 60_000));
    await rejectsFast(() => heartbeats.lastSeen('agent-4'));
    await redis.start();
    expect(await eventually(() => leases.acquire('session-4', 'engine-a', 60_000))).toMatchObject({ owner: 'engine-a' });
    await eventually(() => heartbeats.beat('agent-4', '2026-03-01T12:00:00.000Z'));
  });
});
