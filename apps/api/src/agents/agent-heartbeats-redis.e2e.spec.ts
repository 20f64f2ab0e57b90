import { setTimeout as sleep } from 'node:timers/promises';
import { HEARTBEAT_TTL_MS } from '@orch/application';
import { RedisHeartbeats } from '@orch/coordination';
import { deleteRedisKeys, startThrowawayRedis, TEST_REDIS_URL, uniqueRedisPrefix, type ThrowawayRedis } from '@orch/testing';
import { Redis } from 'ioredis';
import { startApi, type RunningApi } from '../e2e/api-process';
import { openEventLog } from '../e2e/event-count';
import { client } from '../e2e/http-client';

type Answer = { id: string };
const agentBody = { agentType: 'implementer', primaryCapabilities: ['code_generation'], runtime: { kind: 'scripted', config: { scenario: 'happy' } } };

/** Registers an agent and answers its id and a client holding its own key (an agent beats for itself). */
async function anAgent(admin: ReturnType<typeof client>, baseUrl: string, name: string) {
  const { body } = await admin.post<Answer>('/agents', { ...agentBody, name });
  const key = (await admin.post<{ key: string }>('/keys', { name: `${name} key`, role: 'agent', agentId: body.id })).body.key;
  return { id: body.id, agent: client(baseUrl, key) };
}

/** Polls `check` until it passes, for up to 15 s (the api reconnecting to a Redis that came back). */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

describe('given the api with REDIS_URL set, agent heartbeats', () => {
  const keyPrefix = uniqueRedisPrefix();
  let api: RunningApi;
  let admin: ReturnType<typeof client>;
  let redis: Redis;
  let otherNode: RedisHeartbeats;

  beforeAll(async () => {
    api = await startApi({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: keyPrefix });
    admin = client(api.baseUrl, api.adminKey);
    redis = new Redis(TEST_REDIS_URL);
    otherNode = new RedisHeartbeats({ redisUrl: TEST_REDIS_URL, keyPrefix });
  }, 90_000);

  afterAll(async () => {
    await otherNode?.close();
    await redis?.quit();
    await api?.stop();
    await deleteRedisKeys(keyPrefix);
  });

  it('when an agent beats through the api, then Redis holds its key for 90 s, another node sees it, and no event is appended', async () => {
    const log = await openEventLog(api.databaseUrl);
    try {
      const { id, agent } = await anAgent(admin, api.baseUrl, 'redis-beating');
      const before = await log.count();
      expect((await agent.post(`/agents/${id}/heartbeat`)).status).toBe(200);

      const seen = await redis.get(`${keyPrefix}heartbeat:${id}`);
      expect(Date.parse(seen ?? '')).toBeGreaterThan(Date.now() - 60_000);
      expect(await redis.pttl(`${keyPrefix}heartbeat:${id}`)).toBeGreaterThan(HEARTBEAT_TTL_MS - 10_000);
      expect(await otherNode.lastSeen(id)).toBe(seen);
      expect(await log.count()).toBe(before);
      expect((await admin.get('/health/ready')).status).toBe(200);
    } finally {
      await log.close();
    }
  }, 30_000);
});

describe('given the api on a Redis that goes away', () => {
  let redis: ThrowawayRedis;
  let api: RunningApi;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    api = await startApi({ REDIS_URL: redis.url });
    admin = client(api.baseUrl, api.adminKey);
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    await redis?.dispose();
  });

  it('when Redis stops, then the api is not ready and a heartbeat answers 503 at once, appending nothing; when Redis is back, both recover', async () => {
    const log = await openEventLog(api.databaseUrl);
    try {
      const { id, agent } = await anAgent(admin, api.baseUrl, 'beating-through-outage');
      expect((await agent.post(`/agents/${id}/heartbeat`)).status).toBe(200);
      await redis.stop();

      expect((await admin.get('/health/ready')).status).toBe(503);
      const before = await log.count();
      const started = Date.now();
      const refused = await agent.post(`/agents/${id}/heartbeat`);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(refused).toMatchObject({ status: 503, body: { code: 'COORDINATION.UNAVAILABLE' } });
      expect(await log.count()).toBe(before);

      await redis.start();
      await eventually(async () => expect((await admin.get('/health/ready')).status).toBe(200));
      expect((await agent.post(`/agents/${id}/heartbeat`)).status).toBe(200);
      const back = new Redis(redis.url);
      expect(await back.get(`orch:heartbeat:${id}`)).toEqual(expect.any(String));
      await back.quit();
    } finally {
      await log.close();
    }
  }, 60_000);
});
