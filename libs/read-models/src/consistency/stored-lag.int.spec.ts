import { createTestDatabase } from '@orch/testing';
import { projectUpTo } from '../test-support/catch-up';
import { TestClock } from '../test-support/events';
import { setUpReadModels, type ReadModelHarness } from '../test-support/harness';
import { seedSession } from '../test-support/query-fixtures';
import { visibleEventsUpTo } from '../test-support/visible-events';
import { sessionProjector } from '../projectors/session/session-projector';
import { storedLag } from './stored-lag';

describe('storedLag (projector lag seen from another process)', () => {
  let h: ReadModelHarness;
  beforeAll(async () => {
    h = await setUpReadModels(await createTestDatabase('rm_stored_lag'));
  });
  afterAll(() => h.dispose());

  it('given one projector that ran and others that never did, then each is reported with how many events it trails', async () => {
    const first = await seedSession(h.store, 'tenant-l', new TestClock());
    await projectUpTo(h.db, h.store, first.position, [sessionProjector]);
    const second = await seedSession(h.store, 'tenant-l', new TestClock());
    await visibleEventsUpTo(h.store, second.position);
    const lag = await storedLag(h.db, h.store, 1_000, ['sessions', 'agents']);
    expect(lag).toEqual([
      { projector: 'sessions', lastAppliedPosition: first.position, headPosition: second.position, eventsBehind: 2, eventsBehindCapped: false },
      { projector: 'agents', lastAppliedPosition: null, headPosition: second.position, eventsBehind: 4, eventsBehindCapped: false },
    ]);
  });
});
