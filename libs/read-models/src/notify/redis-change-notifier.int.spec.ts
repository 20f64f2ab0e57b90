import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { changeNotifierContract } from '../test-support/change-notifier-contract';
import { RedisChangeNotifier } from './redis-change-notifier';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

changeNotifierContract('Redis pub/sub', async () => {
  const keyPrefix = `test:${randomUUID()}:`;
  const notifier = new RedisChangeNotifier({ redisUrl: REDIS_URL, keyPrefix });
  const peer = new RedisChangeNotifier({ redisUrl: REDIS_URL, keyPrefix });
  const admin = new Redis(REDIS_URL);
  return {
    notifier,
    peer,
    async dropSubscribers() {
      const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      const ours = clients
        .split('\n')
        .filter((line) => line.includes(` name=orch-changes-sub:${notifier.channel} `))
        .map((line) => /\bid=(\d+)/.exec(line)?.[1])
        .filter((id): id is string => id !== undefined);
      if (ours.length === 0) throw new Error('no subscriber connection to drop');
      for (const id of ours) await admin.call('CLIENT', 'KILL', 'ID', id);
    },
    async cleanup() {
      await admin.quit();
    },
  };
});
