import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the integration tests use: `REDIS_URL`, else the local server. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test or run uses, e.g. `test:4f…:`. */
export function uniqueRedisPrefix(): string {
  return `test:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (what a test wrote); answers how many there were. */
export async function deleteRedisKeys(prefix: string, redisUrl: string = TEST_REDIS_URL): Promise<number> {
  const admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await admin.connect();
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1000);
      if (keys.length > 0) deleted += await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    admin.disconnect();
  }
}
