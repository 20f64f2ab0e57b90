import { runnerWaiter, type InProcessRunner } from './projection-waiter';

/** A runner whose projectors move when told to; waitForPosition behaves like the real one (all projectors). */
function fakeRunner(initial: Record<string, number | null>) {
  const positions = { ...initial };
  const waiters: { position: number; resolve: (reached: boolean) => void }[] = [];
  const all = (position: number) => Object.values(positions).every((p) => p !== null && p >= position);
  const runner: InProcessRunner = {
    positions: () => ({ ...positions }),
    waitForPosition: (position, timeoutMs) =>
      new Promise((resolve) => {
        if (all(position)) return resolve(true);
        waiters.push({ position, resolve });
        setTimeout(() => resolve(false), timeoutMs);
      }),
  };
  const advance = (name: string, position: number) => {
    positions[name] = position;
    for (const waiter of waiters) if (all(waiter.position)) waiter.resolve(true);
  };
  return { runner, advance };
}

describe('runnerWaiter', () => {
  it('given the named projections already there, then true at once', async () => {
    const { runner } = fakeRunner({ sessions: 10, 'event-log': 10 });
    await expect(runnerWaiter(runner).waitFor(10, ['sessions'], 1000)).resolves.toBe(true);
  });

  it('given only the named projection catches up while another lags, then true without waiting for the other', async () => {
    const { runner, advance } = fakeRunner({ sessions: 1, 'event-log': 1 });
    const waiting = runnerWaiter(runner).waitFor(5, ['event-log'], 5000);
    setTimeout(() => advance('event-log', 5), 30);
    const started = Date.now();
    await expect(waiting).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('given every projector catches up, then true through the runner itself', async () => {
    const { runner, advance } = fakeRunner({ sessions: null });
    const waiting = runnerWaiter(runner).waitFor(3, ['sessions'], 5000);
    advance('sessions', 3);
    await expect(waiting).resolves.toBe(true);
  });

  it('given the named projection never gets there, then false at the bound', async () => {
    const { runner, advance } = fakeRunner({ sessions: 1, agents: 1 });
    const waiting = runnerWaiter(runner).waitFor(9, ['sessions'], 200);
    advance('agents', 9);
    await expect(waiting).resolves.toBe(false);
  });
});
