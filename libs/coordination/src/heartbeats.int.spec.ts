import { setTimeout as sleep } from 'node:timers/promises';
import { HEARTBEAT_TTL_MS } from '@orch/application';
import { deleteRedisKeys, heartbeatsContract, ManualClock, TEST_REDIS_URL, uniqueRedisPrefix } from '@orch/testing';
import { InProcessHeartbeats } from './in-process/in-process-heartbeats';
import { RedisHeartbeats } from './redis/redis-heartbeats';

// Real time passes on Redis, so its entries live 1 s here; redis-heartbeats.int.spec.ts checks the 90 s default.
const REDIS_TEST_TTL_MS = 1_000;

heartbeatsContract(
  'Redis',
  async () => {
    const keyPrefix = uniqueRedisPrefix();
    const heartbeats = new RedisHeartbeats({ redisUrl: TEST_REDIS_URL, keyPrefix, ttlMs: REDIS_TEST_TTL_MS });
    return {
      heartbeats,
      elapse: async (ms) => void (await sleep(ms)),
      dispose: async () => {
        await heartbeats.close();
        await deleteRedisKeys(keyPrefix);
      },
    };
  },
  { ttlMs: REDIS_TEST_TTL_MS },
);

heartbeatsContract(
  'in-process',
  async () => {
    const clock = new ManualClock();
    const heartbeats = new InProcessHeartbeats({ now: clock.now });
    return { heartbeats, elapse: async (ms) => clock.advance(ms), dispose: () => heartbeats.close() };
  },
  { ttlMs: HEARTBEAT_TTL_MS },
);
