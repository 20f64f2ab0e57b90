import { type GlobalPosition, type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';

export type BatchItem =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly kind: 'caughtUp'; readonly position: GlobalPosition | undefined };

const IDLE = Symbol('idle');

/** Resolves on the next macrotask: whatever the subscription had buffered has been handed over by then. */
const nextTick = (): Promise<typeof IDLE> => new Promise((resolve) => setImmediate(() => resolve(IDLE)));

/** The next item, or IDLE if none is ready now (ms = 0) or within `ms`. */
function nextOrIdle<T>(pending: Promise<T>, ms: number): Promise<T | typeof IDLE> {
  if (ms <= 0) return Promise.race([pending, nextTick()]);
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<typeof IDLE>((resolve) => (timer = setTimeout(() => resolve(IDLE), ms)));
  return Promise.race([pending, idle]).finally(() => clearTimeout(timer));
}

export interface BatchingOptions {
  /**
   * Asked when the subscription has nothing ready: how many milliseconds the batch stays open for
   * the next page (a runner that is behind makes fewer, bigger batches); 0 closes it at once.
   * Bounded, so a batch never waits for events that are not coming.
   */
  readonly lingerMs?: () => number;
}

/**
 * Groups a subscription into batches of at most `maxSize` events (asked again for every batch,
 * so it may adapt). A batch is also closed as soon as the subscription has nothing ready (it would
 * have to wait for I/O), so live events are applied at once and catch-up pages become batches of
 * their own size, unless `lingerMs` says to wait a little for more; caughtUp always closes it.
 */
export async function* batchesOf(
  subscription: Subscription,
  maxSize: number | (() => number),
  options: BatchingOptions = {},
): AsyncGenerator<BatchItem, void, undefined> {
  const size = typeof maxSize === 'number' ? () => maxSize : maxSize;
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  let batch: RecordedEvent[] = [];
  for (;;) {
    pending ??= iterator.next();
    const result = batch.length === 0 ? await pending : await nextOrIdle(pending, options.lingerMs?.() ?? 0);
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
    if (batch.length >= size()) {
      yield { kind: 'events', events: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { kind: 'events', events: batch };
}
