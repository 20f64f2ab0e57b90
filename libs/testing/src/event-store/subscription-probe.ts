import { type RecordedEvent, type Subscription, type SubscriptionItem } from '@orch/application';
import { sleep, within } from './contract-fixtures';

/** Consumes a subscription in the background so a test can wait for what it expects to arrive. */
export class SubscriptionProbe {
  readonly items: SubscriptionItem[] = [];
  private ended = false;
  private failure: unknown;
  private readonly done: Promise<void>;

  constructor(private readonly subscription: Subscription) {
    this.done = this.consume();
  }

  get events(): RecordedEvent[] {
    return this.items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
  }

  get caughtUpItems(): Extract<SubscriptionItem, { kind: 'caughtUp' }>[] {
    return this.items.filter((item): item is Extract<SubscriptionItem, { kind: 'caughtUp' }> => item.kind === 'caughtUp');
  }

  untilCaughtUp(timeoutMs = 10_000): Promise<void> {
    return this.until(() => this.caughtUpItems.length > 0, 'caughtUp', timeoutMs);
  }

  untilEvents(count: number, timeoutMs = 10_000): Promise<void> {
    return this.until(() => this.events.length >= count, `${count} events`, timeoutMs);
  }

  async until(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (this.failure) throw this.failure;
      if (this.ended) throw new Error(`the subscription ended before ${what}`);
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${this.events.length} events`);
      }
      await sleep(5);
    }
  }

  /** Closes the subscription and requires the iteration to finish cleanly, without an error. */
  async close(): Promise<void> {
    await this.subscription.close();
    await within(this.done, 5000, 'the iteration to end after close()');
    if (this.failure) throw this.failure;
  }

  private async consume(): Promise<void> {
    try {
      for await (const item of this.subscription) this.items.push(item);
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
    }
  }
}
