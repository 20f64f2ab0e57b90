import { setTimeout as sleep } from 'node:timers/promises';
import { startThrowawayRedis, type ThrowawayRedis } from '@orch/testing';
import { Client } from 'pg';
import { startApi } from '../e2e/api-process';
import { explicitPlan, FAST_AGENTS, harnessFor, type EngineHarness } from '../engine/e2e/engine-harness';
import { until } from './command-load';
import { engineDriving, leaseEventsOf, maxPosition, tokensGoingBackwards } from './engine-probes';

/** Slow scripted tasks (~6 steps × 500 ms), so runs are in flight when Redis goes; short leases, so they lapse during the outage. */
const LEASE_TTL_MS = 3_000;
const ENV = { ...FAST_AGENTS, ORCH_SCRIPTED_STEP_MS: '100', ORCH_LEASE_TTL_MS: String(LEASE_TTL_MS), ORCH_RATE_LIMIT_PER_MINUTE: '0' };
const SESSIONS = 4;
const TASKS = ['left', 'right', 'join'];
const PLAN = explicitPlan({ id: 'left', description: '[script:slow]' }, { id: 'right', description: '[script:slow]' }, { id: 'join', dependsOn: ['left', 'right'], description: '[script:slow]' });

/**
 * Fault: the Redis holding the engine's session leases goes away while sessions run — killed
 * (SIGKILL: its data is gone; started again empty on the same port) or hung (SIGSTOP: connections
 * open, nothing answers; SIGCONT later). A Redis of this test's own (startThrowawayRedis); the
 * shared one is never touched.
 */
describe('given an api+engine process whose session leases live in a Redis of its own, with sessions running', () => {
  let redis: ThrowawayRedis;
  let h: EngineHarness;
  let db: Client;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    h = await harnessFor(await startApi({ ...ENV, REDIS_URL: redis.url }));
    await h.registerAgent({ capacity: 2 * SESSIONS });
    db = new Client({ connectionString: h.api.databaseUrl });
    await db.connect();
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await h?.close();
    await redis?.dispose();
  }, 60_000);

  it('when Redis is killed and comes back empty, then meanwhile no lease is taken and the api is not ready, afterwards every session completes with no task run twice, and lease tokens only grow', async () => {
    await outageWhileRunning(
      () => redis.stop(),
      () => redis.start(),
    );
  }, 400_000);

  it('when Redis hangs (SIGSTOP) and resumes with its data, then the same holds: no lease taken meanwhile, not ready, then every session completes once', async () => {
    await outageWhileRunning(
      async () => redis.pause(),
      async () => redis.resume(),
    );
  }, 400_000);

  async function outageWhileRunning(breakRedis: () => Promise<void>, restoreRedis: () => Promise<void>): Promise<void> {
    const ids: string[] = [];
    for (let index = 0; index < SESSIONS; index++) ids.push(await h.createSession({ title: `outage ${index}`, planning: PLAN }));
    for (const id of ids) await h.start(id);
    for (const id of ids) await h.waitForType(id, 'TaskStarted', 90_000);
    await until(async () => (await h.admin.get('/health/ready')).status === 200, 30_000, '/health/ready to answer 200 before the fault');

    const beforeOutage = await maxPosition(db);
    await breakRedis();
    // Lease tokens come from Redis' clock (this machine's, in µs): one minted before the fault is at most brokenAt × 1000.
    const brokenAt = Date.now();

    // Not ready while the coordination store is gone; the engine lets go of every session before its lease could lapse.
    await until(async () => (await h.admin.get('/health/ready')).status === 503, 30_000, '/health/ready to answer 503');
    await until(async () => (await engineDriving(h.api.baseUrl)) === 0, 60_000, 'the engine to stop driving every session');
    // The gauge drops as a runner is told to stop; a command it had under way may still commit. Give that a moment.
    await sleep(2_000);
    const stoppedDriving = await maxPosition(db);
    // Keep it down a while longer (several lease TTLs): the engine keeps trying, and must take nothing.
    await sleep(6_000);
    expect((await h.admin.get('/health/ready')).status).toBe(503);
    expect(await engineDriving(h.api.baseUrl)).toBe(0);
    const beforeRestore = await maxPosition(db);
    await restoreRedis();

    for (const id of ids) expect(await h.waitForEnd(id, 180_000)).toBe('SessionCompleted');
    await until(async () => (await h.admin.get('/health/ready')).status === 200, 30_000, '/health/ready to answer 200 again');
    expect(h.api.exitCode()).toBeNull();

    const streams = new Set(ids.map((id) => `session-${id}`));
    const leased = (await leaseEventsOf(db)).filter((event) => event.position > beforeOutage);
    const during = leased.filter((event) => event.position <= beforeRestore);
    // No lease taken during the outage: every token seen meanwhile was minted before the fault…
    expect(during.filter((event) => event.token > (brokenAt + 1) * 1000)).toEqual([]);
    // The engine stopped acting before its leases could lapse (their last renewal was sent before the fault; TTL 3 s, plus 2 s for an append already under way on a loaded machine).
    expect(during.filter((event) => event.recordedAt > brokenAt + LEASE_TTL_MS + 2_000)).toEqual([]);
    // …and once the engine had let go of its sessions, nothing at all was appended under a lease until Redis was back.
    expect(leased.filter((event) => event.position > stoppedDriving && event.position <= beforeRestore)).toEqual([]);
    // Afterwards every session was taken again, under a new token higher than any before.
    const after = leased.filter((event) => event.position > beforeRestore && streams.has(event.streamName));
    expect(new Set(after.map((event) => event.streamName))).toEqual(streams);
    expect(after.filter((event) => event.token <= brokenAt * 1000)).toEqual([]);
    expect(tokensGoingBackwards(await leaseEventsOf(db))).toEqual([]);
    // The fault cut through running work: some run was picked up again (re-attached, or interrupted and retried).
    expect(after.filter((event) => event.type === 'TaskReattached' || event.type === 'TaskInterrupted').length).toBeGreaterThan(0);

    // Nothing ran twice: one TaskStarted per task and attempt, exactly one TaskCompleted per task.
    for (const id of ids) {
      const events = await h.sessionEvents(id);
      for (const taskId of TASKS) {
        const own = events.filter((event) => event.data['taskId'] === taskId);
        const attempts = own.filter((event) => event.type === 'TaskStarted').map((event) => event.data['attempt']);
        expect(new Set(attempts).size).toBe(attempts.length);
        expect(own.filter((event) => event.type === 'TaskCompleted')).toHaveLength(1);
      }
    }
  }
});
