import type { RecordedEvent, Subscription, SubscriptionItem } from '@orch/application';

const IDLE = Symbol('idle');
const nextMacrotask = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Groups a subscription into batches of at most `maxSize` events, closing a batch as soon as the
 * subscription has nothing ready (the same rule as the projector runner's batches).
 */
export async function* eventBatches(subscription: Subscription, maxSize: number): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  let batch: RecordedEvent[] = [];
  for (;;) {
    pending ??= iterator.next();
    const result = batch.length === 0 ? await pending : await Promise.race([pending, nextMacrotask()]);
    if (result === IDLE) {
      yield batch;
      batch = [];
      continue;
    }
    pending = undefined;
    if (result.done) break;
    if (result.value.kind !== 'event') continue;
    batch.push(result.value.event);
    if (batch.length >= maxSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
