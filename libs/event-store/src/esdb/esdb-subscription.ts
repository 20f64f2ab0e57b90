import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { GlobalPosition, RecordedEvent, Subscription, SubscriptionItem } from '@orch/application';
import { AsyncItemQueue } from './async-item-queue';

type SourceEvent = ResolvedEvent | AllStreamResolvedEvent;

/** What `subscribeToAll` and `subscribeToStream` return (a Readable), as far as this adapter relies on it. */
export interface CatchUpSource {
  readonly readableLength: number;
  on(event: 'data', listener: (resolved: SourceEvent) => void): unknown;
  on(event: 'caughtUp' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
  unsubscribe(): Promise<void>;
}

export interface SubscriptionMapping {
  /** The port event for one client event, or `undefined` to skip it (system events, filtered out). */
  readonly toEvent: (resolved: SourceEvent) => RecordedEvent | undefined;
  /** Maps the client's errors (stream deleted, …) to the port's. */
  readonly toError: (error: unknown) => unknown;
  /** Reported by `caughtUp` when nothing was delivered before it. */
  readonly startPosition?: GlobalPosition;
  readonly highWaterMark?: number;
}

/**
 * Places the client's `caughtUp` signal correctly among the events.
 *
 * @eventstore/db-client ≥ 6.1 emits `caughtUp` as a stream event from inside its Transform, when the
 * server's CaughtUp message (KurrentDB/EventStoreDB ≥ 23.10) is processed. Events transformed before it
 * may still sit in the readable buffer, so the signal is due only after `readableLength` more events.
 * Later `caughtUp`s (after a `fellBehind`) are dropped: the port promises exactly one.
 */
export class CaughtUpSequencer {
  #remaining: number | undefined;
  #signalled = false;

  /** On the client's `caughtUp`; true when the port's `caughtUp` is due now. */
  onCaughtUp(bufferedEvents: number): boolean {
    if (this.#signalled || this.#remaining !== undefined) return false;
    if (bufferedEvents === 0) return this.#fire();
    this.#remaining = bufferedEvents;
    return false;
  }

  /** After each delivered client event; true when the port's `caughtUp` is due after it. */
  onEvent(): boolean {
    if (this.#remaining === undefined) return false;
    this.#remaining -= 1;
    return this.#remaining === 0 ? this.#fire() : false;
  }

  #fire(): boolean {
    this.#signalled = true;
    this.#remaining = undefined;
    return true;
  }
}

export function toPortSubscription(source: CatchUpSource, mapping: SubscriptionMapping): Subscription {
  const queue = new AsyncItemQueue<SubscriptionItem>({
    highWaterMark: mapping.highWaterMark ?? 256,
    pause: () => source.pause(),
    resume: () => source.resume(),
  });
  let stopping: Promise<void> | undefined;
  // A failed stream creation was already reported through 'error'; stopping must not throw it again.
  const stop = () => (stopping ??= source.unsubscribe().catch(() => undefined).finally(() => source.destroy()));
  forwardItems(source, queue, mapping, stop);
  const close = async () => {
    queue.close();
    await stop();
  };
  return {
    close,
    [Symbol.asyncIterator]: () => ({
      next: () => queue.next(),
      return: async () => {
        await close();
        return { done: true, value: undefined };
      },
    }),
  };
}

function forwardItems(
  source: CatchUpSource,
  queue: AsyncItemQueue<SubscriptionItem>,
  mapping: SubscriptionMapping,
  stop: () => Promise<void>,
): void {
  const sequencer = new CaughtUpSequencer();
  let lastPosition = mapping.startPosition;
  const caughtUp = () => queue.push({ kind: 'caughtUp', position: lastPosition });
  const fail = (error: unknown) => {
    queue.fail(error);
    void stop();
  };
  source.on('data', (resolved: SourceEvent) => {
    try {
      const event = mapping.toEvent(resolved);
      if (event) {
        lastPosition = event.position;
        queue.push({ kind: 'event', event });
      }
      if (sequencer.onEvent()) caughtUp();
    } catch (error) {
      fail(error);
    }
  });
  source.on('caughtUp', () => sequencer.onCaughtUp(source.readableLength) && caughtUp());
  source.on('error', (error: unknown) => fail(mapping.toError(error)));
  source.on('end', () => queue.end());
}
