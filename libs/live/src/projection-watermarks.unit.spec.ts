import { getEventListeners } from 'node:events';
import { InMemoryChangeNotifier } from '@orch/read-models';
import { ProjectionWatermarks } from './projection-watermarks';

describe('ProjectionWatermarks', () => {
  it('given a published change, then a waiter for its projector and position is released without reading checkpoints', async () => {
    const notifier = new InMemoryChangeNotifier();
    let reads = 0;
    const watermarks = new ProjectionWatermarks({ readCheckpoints: async () => (reads++, {}), notifier, pollMs: 10_000 });
    await watermarks.start();
    const waiting = watermarks.reach('sessions', 50);
    expect(waiting).toBeInstanceOf(Promise);
    await notifier.publish([{ entity: 'task', id: 's/a', tenantId: 't', position: 60 }]);
    await waiting;
    expect(watermarks.has('sessions', 60)).toBe(true);
    expect(watermarks.has('agents', 1)).toBe(false);
    expect(reads).toBe(1);
    await watermarks.close();
  });

  it('given an event the projector published nothing for, then the checkpoint poll releases its waiter', async () => {
    let committed: number | null = null;
    const watermarks = new ProjectionWatermarks({ readCheckpoints: async () => ({ agents: committed }), pollMs: 5 });
    await watermarks.start();
    let released = false;
    const waiting = watermarks.reach('agents', 9)?.then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(released).toBe(false);
    committed = 9;
    await waiting;
    expect(released).toBe(true);
    expect(watermarks.reach('agents', 9)).toBeUndefined();
    await watermarks.close();
  });

  it('given a long-lived signal, when many waits are released, then none of them leaves a listener on it', async () => {
    const notifier = new InMemoryChangeNotifier();
    const watermarks = new ProjectionWatermarks({ readCheckpoints: async () => ({}), notifier, pollMs: 10_000 });
    await watermarks.start();
    const feed = new AbortController();
    for (let position = 1; position <= 50; position++) {
      const waiting = watermarks.reach('sessions', position, feed.signal);
      await notifier.publish([{ entity: 'session', id: 's', tenantId: 't', position }]);
      await waiting;
    }
    expect(getEventListeners(feed.signal, 'abort')).toHaveLength(0);
    await watermarks.close();
  });
});
