import { type GlobalPosition, type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';
import { type AppendNotifier } from './append-notifier';

export interface PageSource {
  /**
   * The next page after the source's own cursor. `atEnd`: nothing more to read right now.
   * `caughtUp`: also, everything committed before the subscription started has been delivered.
   */
  next(): Promise<{ readonly events: readonly RecordedEvent[]; readonly atEnd: boolean; readonly caughtUp: boolean }>;
  /** Position of the last event delivered (or the start position) for the caughtUp signal. */
  lastPosition(): GlobalPosition | undefined;
}

type Page = Awaited<ReturnType<PageSource['next']>>;

export interface SubscriptionTiming {
  /** Fallback poll: a lost notification or a long-open transaction delays delivery at most this long. */
  readonly pollIntervalMs: number;
}

/**
 * Catch-up then live, by reading pages until one comes back short, signalling caughtUp once, then
 * sleeping until a notification or the fallback poll. Each read borrows a pool client only for
 * the query itself.
 */
export class PollingSubscription implements Subscription {
  private readonly abort = new AbortController();
  private iterated = false;

  constructor(
    private readonly source: PageSource,
    private readonly notifier: AppendNotifier,
    private readonly timing: SubscriptionTiming,
    private readonly onClose: (subscription: PollingSubscription) => void = () => undefined,
  ) {}

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
    let caughtUp = false;
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
        if (!caughtUp && page.caughtUp) {
          caughtUp = true;
          yield { kind: 'caughtUp', position: this.source.lastPosition() };
        }
        await this.notifier.wait(seen, this.timing.pollIntervalMs, this.abort.signal);
      }
    } finally {
      await this.close();
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
