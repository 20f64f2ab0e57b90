import { randomBytes } from 'node:crypto';
import { startApi } from '../../e2e/api-process';
import { explicitPlan, FAST_AGENTS, harnessFor, type EngineHarness } from './engine-harness';

describe('given two engine processes on one PostgreSQL and one Redis', () => {
  let one: EngineHarness;
  let two: EngineHarness;

  beforeAll(async () => {
    const shared = { ...FAST_AGENTS, ORCH_SCRIPTED_STEP_MS: '60', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`, ORCH_ENGINE_SECRET: randomBytes(32).toString('hex') };
    one = await harnessFor(await startApi(shared));
    two = await harnessFor(await startApi({ ...shared, ORCH_DATA_DIR: one.api.dataDir }, { databaseUrl: one.api.databaseUrl, adminKey: one.api.adminKey, keepDatabase: true }));
    await one.registerAgent({ capacity: 20 });
  }, 120_000);
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('when 20 sessions are started through either api, then all complete and no task attempt is dispatched twice', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 20; index++) {
      const via = index % 2 === 0 ? one : two;
      const id = await via.createSession({ title: `Build feature number ${index}`, planning: explicitPlan({ id: 'a' }, { id: 'b', dependsOn: ['a'] }) });
      await via.start(id);
      ids.push(id);
    }
    for (const id of ids) expect(await one.waitForEnd(id, 180_000)).toBe('SessionCompleted');
    const owners = new Set<string>();
    for (const id of ids) {
      const events = await one.sessionEvents(id);
      events.forEach((e) => (e.metadata['lease'] as { owner?: string } | undefined)?.owner && owners.add((e.metadata['lease'] as { owner: string }).owner));
      const starts = events.filter((e) => e.type === 'TaskStarted').map((e) => `${e.data['taskId']}#${e.data['attempt']}`);
      expect(new Set(starts).size).toBe(starts.length);
      expect(events.filter((e) => e.type === 'TaskCompleted').map((e) => e.data['taskId']).sort()).toEqual(['a', 'b']);
      const assigned = events.filter((e) => e.type === 'TaskAssigned').map((e) => `${e.data['taskId']}#${e.data['attempt']}`);
      expect(new Set(assigned).size).toBe(assigned.length);
    }
    // Which engines drove the sessions (the lease owner rides in every engine event's metadata).
    process.stdout.write(`sessions driven by ${owners.size} engine(s)\n`);
  }, 300_000);
});
