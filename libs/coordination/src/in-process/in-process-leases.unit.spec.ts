import { ManualClock, mustHold } from '@orch/testing';
import { InProcessLeases } from './in-process-leases';

describe('given in-process leases, when the process restarts (its counters are gone)', () => {
  it('then the new process issues tokens above those of the old one, from the time floor', async () => {
    const clock = new ManualClock();
    const before = new InProcessLeases({ now: clock.now });
    const tokens: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const lease = mustHold(await before.acquire('session-1', 'engine-a', 10_000));
      tokens.push(lease.token);
      await before.release(lease);
    }
    clock.advance(1_000); // a restart takes far longer than a millisecond
    const after = new InProcessLeases({ now: clock.now });
    const lease = mustHold(await after.acquire('session-1', 'engine-b', 10_000));
    expect(lease.token).toBeGreaterThan(Math.max(...tokens));
  });
});
