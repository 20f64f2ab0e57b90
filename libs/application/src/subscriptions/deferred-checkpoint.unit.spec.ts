import type { Timers } from '../ports/timers.port';
import { DeferredCheckpoint, type MoveCheckpoint } from './deferred-checkpoint';

/** Timers run by hand: `fire()` runs whatever is due, as the clock would. */
function manualTimers(): Timers & { pending(): number; fire(): void } {
  let due: (() => void)[] = [];
  return {
    after(_ms, callback) {
      due.push(callback);
      return () => void (due = due.filter((other) => other !== callback));
    },
    pending: () => due.length,
    fire() {
      const now = due;
      due = [];
      for (const callback of now) callback();
    },
  };
}

function setUp(move: MoveCheckpoint) {
  const timers = manualTimers();
  const stale: number[] = [];
  const errors: unknown[] = [];
  const checkpoint = new DeferredCheckpoint({ move, timers, flushMs: 250, onStale: () => stale.push(1), onError: (error) => errors.push(error) });
  return { checkpoint, timers, stale, errors };
}

/** Lets the microtasks of a flush (exclusive → move → store the result) run. */
const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

describe('DeferredCheckpoint', () => {
  it('given a stored checkpoint, when events are skipped, then the position moves at once and one write stores the last of them later', async () => {
    const moves: [number | null, number][] = [];
    const { checkpoint, timers } = setUp(async (expected, position) => (moves.push([expected, position]), true));
    checkpoint.reset(10);
    checkpoint.skip(11);
    checkpoint.skip(12);
    checkpoint.skip(13);
    expect(checkpoint.position).toBe(13);
    expect(checkpoint.stored).toBe(10);
    expect(timers.pending()).toBe(1);
    timers.fire();
    await settle();
    expect(moves).toEqual([[10, 13]]);
    expect(checkpoint.stored).toBe(13);
  });

  it('given skipped progress, when a batch commits after it, then the batch carries it and no flush writes', async () => {
    const moves: [number | null, number][] = [];
    const { checkpoint, timers } = setUp(async (expected, position) => (moves.push([expected, position]), true));
    checkpoint.reset(null);
    checkpoint.skip(3);
    await checkpoint.exclusive(async () => checkpoint.committed(5));
    expect(checkpoint.stored).toBe(5);
    expect(checkpoint.position).toBe(5);
    expect(timers.pending()).toBe(0);
    await checkpoint.flush();
    expect(moves).toEqual([]);
  });

  it('given the stored checkpoint moved elsewhere, when the flush writes, then it reports stale and keeps what is stored', async () => {
    const { checkpoint, stale } = setUp(async () => false);
    checkpoint.reset(1);
    checkpoint.skip(4);
    await checkpoint.flush();
    expect(stale).toHaveLength(1);
    expect(checkpoint.stored).toBe(1);
  });

  it('given the store fails, when the flush writes, then the error is reported and the flush is tried again later', async () => {
    let fail = true;
    const { checkpoint, timers, errors } = setUp(async () => {
      if (fail) throw new Error('connection lost');
      return true;
    });
    checkpoint.reset(0);
    checkpoint.skip(2);
    timers.fire();
    await settle();
    expect(errors).toHaveLength(1);
    expect(timers.pending()).toBe(1);
    fail = false;
    timers.fire();
    await settle();
    expect(checkpoint.stored).toBe(2);
  });

  it('given a flush in progress, when a batch asks for exclusive access, then it runs after the flush and sees what it stored', async () => {
    let release: () => void = () => undefined;
    const { checkpoint } = setUp(() => new Promise<boolean>((resolve) => (release = () => resolve(true))));
    checkpoint.reset(0);
    checkpoint.skip(7);
    const flushing = checkpoint.flush();
    const seen = checkpoint.exclusive(async () => checkpoint.stored);
    await settle();
    release();
    await flushing;
    expect(await seen).toBe(7);
  });

  it('given skipped progress, when closed, then it is stored and nothing is scheduled any more', async () => {
    const moves: [number | null, number][] = [];
    const { checkpoint, timers } = setUp(async (expected, position) => (moves.push([expected, position]), true));
    checkpoint.reset(0);
    checkpoint.skip(9);
    await checkpoint.close();
    expect(moves).toEqual([[0, 9]]);
    checkpoint.skip(10);
    expect(timers.pending()).toBe(0);
  });

  it('given a position, when an older or equal one is skipped, then nothing changes', () => {
    const { checkpoint, timers } = setUp(async () => true);
    checkpoint.reset(5);
    checkpoint.skip(5);
    checkpoint.skip(4);
    expect(checkpoint.position).toBe(5);
    expect(timers.pending()).toBe(0);
  });
});
