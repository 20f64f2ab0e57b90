import { StreamQueue } from './stream-queue';

/** Lets pending promise chains run out (the core has no Node types; the host's timer is enough). */
const tick = () => new Promise<void>((resolve) => (globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown }).setTimeout(resolve, 0));

/** Work that records when it starts and ends and finishes when released. */
function gate(log: string[], name: string) {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    work: async () => {
      log.push(`${name} start`);
      await done;
      log.push(`${name} end`);
      return name;
    },
    release: () => release(),
  };
}

describe('StreamQueue: one command per stream at a time in this process', () => {
  it('given three commands on one stream, when they are queued together, then each starts only after the one before ended, in order', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name)) as [ReturnType<typeof gate>, ReturnType<typeof gate>, ReturnType<typeof gate>];
    const results = [queue.run('session-1', a.work), queue.run('session-1', b.work), queue.run('session-1', c.work)];
    await tick();
    expect(log).toEqual(['a start']);
    a.release();
    await tick();
    expect(log).toEqual(['a start', 'a end', 'b start']);
    b.release();
    c.release();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('given commands on two streams, when queued, then they run at the same time', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const results = [queue.run('session-1', a.work), queue.run('agent-1', b.work)];
    await tick();
    expect(log).toEqual(['a start', 'b start']);
    a.release();
    b.release();
    await Promise.all(results);
  });

  it('given a command that fails, when the next one on the stream is queued, then it still runs and the failure reaches only its own caller', async () => {
    const queue = new StreamQueue();
    const failed = queue.run('session-1', async () => {
      throw new Error('refused');
    });
    const next = queue.run('session-1', async () => 'next');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
  });

  it('given every queued command has ended, then the queue holds no entry for the stream', async () => {
    const queue = new StreamQueue();
    await Promise.all([queue.run('session-1', async () => 1), queue.run('session-1', async () => 2)]);
    await tick();
    expect(queue.busyStreams).toBe(0);
  });
});
