import { setTimeout as sleep } from 'node:timers/promises';
import { deleteRedisKeys, leasesContract, ManualClock, TEST_REDIS_URL, uniqueRedisPrefix } from '@orch/testing';
import { InProcessLeases } from './in-process/in-process-leases';
import { RedisLeases } from './redis/redis-leases';

leasesContract(
  'Redis',
  async () => {
    const keyPrefix = uniqueRedisPrefix();
    const clients: RedisLeases[] = [];
    const open = () => {
      const leases = new RedisLeases({ redisUrl: TEST_REDIS_URL, keyPrefix });
      clients.push(leases);
      return leases;
    };
    return {
      leases: open(),
      peer: async () => open(),
      now: () => Date.now(),
      elapse: async (ms) => void (await sleep(ms)),
      dispose: async () => {
        await Promise.all(clients.map((leases) => leases.close()));
        await deleteRedisKeys(keyPrefix);
      },
    };
  },
  // Real time passes on Redis: short enough to keep the suite quick, long enough for a loaded machine.
  { shortTtlMs: 300 },
);

leasesContract(
  'in-process',
  async () => {
    const clock = new ManualClock();
    const leases = new InProcessLeases({ now: clock.now });
    return {
      leases,
      peer: async () => leases,
      now: clock.now,
      elapse: async (ms) => clock.advance(ms),
      dispose: () => leases.close(),
    };
  },
  { shortTtlMs: 5_000 },
);
