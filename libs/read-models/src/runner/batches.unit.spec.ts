import { type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';
import { batchesOf, type BatchItem } from './batches';

const event = (position: number): RecordedEvent => ({
  id: `e${position}`,
  type: 'Something',
  data: {},
  metadata: { actor: 'system:engine', tenantId: 't', correlationId: 'c', schemaVersion: 1 },
  streamName: 's-1',
  revision: position,
  position,
  recordedAt: '2025-01-01T00:00:00.000Z',
});

/** Yields pages synchronously, waiting on real I/O-like delays between pages. */
function fakeSubscription(pages: readonly (readonly SubscriptionItem[])[]): Subscription {
  return {
    async *[Symbol.asyncIterator]() {
      for (const page of pages) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield* page;
      }
    },
    close: async () => undefined,
  };
}

const summary = (items: BatchItem[]) => items.map((item) => (item.kind === 'events' ? item.events.map((e) => e.position) : 'caughtUp'));

async function collect(subscription: Subscription, size: number): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for await (const item of batchesOf(subscription, size)) items.push(item);
  return items;
}

describe('batchesOf', () => {
  it('closes a batch at the size limit, when the source has nothing ready, and before caughtUp', async () => {
    const events = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ kind: 'event' as const, event: event(from + i) }));
    const subscription = fakeSubscription([
      events(1, 5),
      [...events(6, 7), { kind: 'caughtUp', position: 7 }],
      events(8, 8),
      events(9, 9),
    ]);
    expect(summary(await collect(subscription, 3))).toEqual([[1, 2, 3], [4, 5], [6, 7], 'caughtUp', [8], [9]]);
  });

  it('given lingerMs, when the source pauses briefly between pages, then batches span pages up to the size asked for each, and the last one closes after the wait', async () => {
    const events = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ kind: 'event' as const, event: event(from + i) }));
    const subscription = fakeSubscription([events(1, 2), events(3, 4), events(5, 6), [{ kind: 'caughtUp', position: 6 }], events(7, 7)]);
    const sizes = [3, 5];
    const items: BatchItem[] = [];
    for await (const item of batchesOf(subscription, () => sizes[0] ?? 5, { lingerMs: () => 200 })) {
      items.push(item);
      if (item.kind === 'events') sizes.shift();
    }
    expect(summary(items)).toEqual([[1, 2, 3], [4, 5, 6], 'caughtUp', [7]]);
  });
});
