import { type GlobalPosition, type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';
import { type AppendNotifier } from './append-notifier';
import { type GlobalTail, type TailPage } from './global-tail';
import { TailQueue } from './tail-queue';

export interface PageSource {
  /**
   * The next page after the source's own cursor. `atEnd`: nothing more to read right now.
   * `caughtUp`: also, everything committed before the subscription started has been delivered.
   */
  next(): Promise<{ readonly events: readonly RecordedEvent[]; readonly atEnd: boolean; readonly caughtUp: boolean }>;
  /** Position of the last event delivered (or the start position) for the caughtUp signal. */
  lastPosition(): GlobalPosition | undefined;
  /** Global-log sources can follow the store's shared tail once they reach the head. */
  readonly tail?: {
    /** Everything up to here has been read (-1: nothing yet). */
    position(): number;
    /** The page's events for this source (its filter, after its cursor); moves the cursor past the page. */
    take(page: TailPage): { readonly events: readonly RecordedEvent[]; readonly caughtUp: boolean };
  };
}

type Page = Awaited<ReturnType<PageSource['next']>>;

export interface SubscriptionTiming {
  /** Fallback poll: a lost notification or a long-open transaction delays delivery at most this long. */
  readonly pollIntervalMs: number;
  /** Events a subscription following the shared tail may have waiting before it reads on its own again. */
  readonly tailBacklog?: number;
}

/**
 * Catch-up then live, by reading pages until one comes back short, signalling caughtUp once, then
 * sleeping until a notification or the fallback poll. Each read borrows a pool client only for
 * the query itself. A global-log subscription at the head follows the store's shared tail instead
 * (one read per notification for all of them) until it falls behind it, then reads on its own.
 */
export class PollingSubscription implements Subscription {
  private readonly abort = new AbortController();
  private iterated = false;

  constructor(
    private readonly source: PageSource,
    private readonly notifier: AppendNotifier,
    private readonly timing: SubscriptionTiming,
    private readonly onClose: (subscription: PollingSubscription) => void = () => undefined,
    private readonly tail?: GlobalTail,
  ) {}

  private caughtUp = false;

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    if (this.iterated) throw new Error('A subscription can only be iterated once');
    this.iterated = true;
    return this.items();
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.onClose(this);
  }

  private get closed(): boolean {
    return this.abort.signal.aborted;
  }

  private async *items(): AsyncGenerator<SubscriptionItem, void, undefined> {
    try {
      while (!this.closed) {
        await this.notifier.listen();
        const seen = this.notifier.version;
        const page = await this.readPage();
        if (!page) return;
        for (const event of page.events) {
          if (this.closed) return;
          yield { kind: 'event', event };
        }
        if (!page.atEnd || this.closed) continue;
        if (!this.caughtUp && page.caughtUp) {
          this.caughtUp = true;
          yield { kind: 'caughtUp', position: this.source.lastPosition() };
        }
        if (this.tail && this.source.tail && (yield* this.followTail(this.tail, this.source.tail))) continue;
        await this.notifier.wait(seen, this.timing.pollIntervalMs, this.abort.signal);
      }
    } finally {
      await this.close();
    }
  }

  /**
   * Yields the tail's pages (filtered by the source) until ejected or closed. False: the tail
   * would not take it (too far behind it); true: it was ejected and reads on its own again.
   */
  private async *followTail(tail: GlobalTail, source: NonNullable<PageSource['tail']>): AsyncGenerator<SubscriptionItem, boolean, undefined> {
    const queue = new TailQueue(this.timing.tailBacklog ?? 2_000, (ejected) => tail.leave(ejected));
    if (!tail.join(queue, source.position())) return false;
    try {
      for (;;) {
        const page = await queue.next(this.abort.signal);
        if (!page || this.closed) return true;
        const { events, caughtUp } = source.take(page);
        for (const event of events) {
          if (this.closed) return true;
          yield { kind: 'event', event };
        }
        if (!this.caughtUp && caughtUp) {
          this.caughtUp = true;
          yield { kind: 'caughtUp', position: this.source.lastPosition() };
        }
      }
    } finally {
      tail.leave(queue);
    }
  }

  /** A read failing because the store is closing ends the iteration quietly; other errors surface. */
  private async readPage(): Promise<Page | undefined> {
    try {
      return await this.source.next();
    } catch (error) {
      if (this.closed) return undefined;
      throw error;
    }
  }
}
