import { startApi } from '../../e2e/api-process';
import type { StoredEvent } from '../../e2e/event-count';
import { explicitPlan, FAST_AGENTS, harnessFor, type EngineHarness } from './engine-harness';

const SLOW = { ...FAST_AGENTS, ORCH_SCRIPTED_STEP_MS: '150' };

describe('given an engine process that dies (SIGKILL) while two tasks run', () => {
  let first: EngineHarness;
  let second: EngineHarness | undefined;

  beforeAll(async () => {
    first = await harnessFor(await startApi(SLOW));
    await first.registerAgent();
  }, 90_000);
  afterAll(async () => {
    await second?.close();
    // The first process is dead already; closing it drops the database and the data dir both used.
    await first?.close();
  });

  it('when it is started again, then the session completes, every task completed exactly once (after an interruption and retry if it was cut off), and nothing acknowledged is lost', async () => {
    const plan = explicitPlan({ id: 'left', description: '[script:slow]' }, { id: 'right', description: '[script:slow]' }, { id: 'join', dependsOn: ['left', 'right'] });
    const id = await first.createSession({ planning: plan });
    await first.start(id);
    await first.waitFor(id, (e) => e.type === 'TaskStarted' && e.data['taskId'] === 'left');
    await first.waitFor(id, (e) => e.type === 'TaskStarted' && e.data['taskId'] === 'right');
    const acknowledged = await first.sessionEvents(id);
    await first.api.kill('SIGKILL');

    second = await harnessFor(await startApi({ ...SLOW, ORCH_DATA_DIR: first.api.dataDir }, { databaseUrl: first.api.databaseUrl, adminKey: first.api.adminKey }));
    expect(await second.waitForEnd(id, 120_000)).toBe('SessionCompleted');
    const events = await second.sessionEvents(id);

    expect(events.slice(0, acknowledged.length).map(identity)).toEqual(acknowledged.map(identity));
    for (const taskId of ['left', 'right', 'join']) {
      const own = events.filter((e) => e.data['taskId'] === taskId);
      expect(own.filter((e) => e.type === 'TaskCompleted')).toHaveLength(1);
      const starts = own.filter((e) => e.type === 'TaskStarted').map((e) => e.data['attempt']);
      if (starts.length > 1) {
        expect(own.find((e) => e.type === 'TaskInterrupted')?.data).toMatchObject({ cause: 'lease_lost' });
        expect(own.map((e) => e.type)).toContain('TaskRequeued');
      }
      expect(new Set(starts).size).toBe(starts.length);
    }
    expect(events.filter((e) => e.type === 'TaskInterrupted').length).toBeGreaterThanOrEqual(2);
  }, 240_000);
});

function identity(event: StoredEvent) {
  return { type: event.type, revision: event.revision, data: event.data };
}
