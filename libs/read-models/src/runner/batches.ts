import { type GlobalPosition, type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';

export type BatchItem =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'caughtUp'; readonly position: GlobalPosition | undefined };

const IDLE = Symbol('idle');

/** Resolves on the next macrotask: whatever the subscription had buffered has been handed over by then. */
const nextTick = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Groups a subscription into batches of at most `maxSize` events. A batch is also closed as soon
 * as the subscription has nothing ready (it would have to wait for I/O), so live events are
 * applied at once and catch-up pages become batches of their own size.
 */
export async function* batchesOf(subscription: Subscription, maxSize: number): AsyncGenerator<BatchItem, void, undefined> {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  let batch: RecordedEvent[] = [];
  for (;;) {
    pending ??= iterator.next();
    const result = batch.length === 0 ? await pending : await Promise.race([pending, nextTick()]);
    if (result === IDLE) {
      yield { kind: 'events', events: batch };
      batch = [];
      continue;
    }
    pending = undefined;
    if (result.done) break;
    if (result.value.kind === 'caughtUp') {
      if (batch.length > 0) yield { kind: 'events', events: batch };
      batch = [];
      yield result.value;
      continue;
    }
    batch.push(result.value.event);
    if (batch.length >= maxSize) {
      yield { kind: 'events', events: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { kind: 'events', events: batch };
}
