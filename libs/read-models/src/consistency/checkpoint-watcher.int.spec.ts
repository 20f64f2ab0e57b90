import { createTestDatabase } from '@orch/testing';
import { InMemoryChangeNotifier } from '../notify/in-memory-change-notifier';
import { TestClock } from '../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { seedSession } from '../test-support/query-fixtures';
import { ProjectorRunner } from '../runner/projector-runner';
import { silentLogger } from '../runner/logger';
import { sessionProjector } from '../projectors/session/session-projector';
import { agentProjector } from '../projectors/agent/agent-projector';
import { CheckpointWatcher } from './checkpoint-watcher';

describe('CheckpointWatcher (read-your-writes across processes)', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_watcher'));
  });
  afterAll(() => h.dispose());

  it('given a position not yet projected, when a runner (elsewhere) commits it, then the wait resolves true, woken by the notifier', async () => {
    const notifier = new InMemoryChangeNotifier();
    // A fallback so slow that only the notification can make the wait succeed within the bound.
    const watcher = new CheckpointWatcher({ db: h.db, notifier, fallbackPollMs: 60_000 });
    await watcher.start();
    const { position } = await seedSession(h.store, 'tenant-w', new TestClock());
    const waiting = watcher.waitFor(position, ['sessions'], 20_000);
    const runner = new ProjectorRunner({ db: h.db, eventStore: h.store, projectors: [sessionProjector, agentProjector], notifier, logger: silentLogger });
    runner.start();
    try {
      await expect(waiting).resolves.toBe(true);
      expect((await watcher.positions()).get('sessions')).toBeGreaterThanOrEqual(position);
    } finally {
      await runner.stop();
      await watcher.close();
    }
  });

  it('given no notifier at all, then the fallback timer still sees the stored checkpoint', async () => {
    const watcher = new CheckpointWatcher({ db: h.db, fallbackPollMs: 50 });
    const { position } = await seedSession(h.store, 'tenant-w', new TestClock());
    const waiting = watcher.waitFor(position, ['agents'], 20_000);
    const runner = new ProjectorRunner({ db: h.db, eventStore: h.store, projectors: [agentProjector], logger: silentLogger });
    runner.start();
    try {
      // The agents projector commits the session event without publishing anything (no agent changed).
      await expect(waiting).resolves.toBe(true);
    } finally {
      await runner.stop();
      await watcher.close();
    }
  });

  it('given a projection that never reaches the position, then the wait answers false at the bound', async () => {
    const watcher = new CheckpointWatcher({ db: h.db, fallbackPollMs: 20 });
    const started = Date.now();
    await expect(watcher.waitFor(Number.MAX_SAFE_INTEGER, ['sessions'], 300)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await expect(watcher.waitFor(1, ['no-such-projection'], 100)).resolves.toBe(false);
    await watcher.close();
  });

  it('given waiters, when the watcher closes, then they answer false at once', async () => {
    const watcher = new CheckpointWatcher({ db: h.db });
    const waiting = watcher.waitFor(Number.MAX_SAFE_INTEGER, ['sessions'], 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await watcher.close();
    await expect(waiting).resolves.toBe(false);
  });
});
