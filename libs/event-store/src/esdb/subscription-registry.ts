import type { Subscription, SubscriptionItem } from '@orch/application';

/**
 * Open subscriptions of one store, so `close()` can end them: disposing the gRPC client alone cancels the
 * calls silently (the client filters its own cancellations), which would leave consumers waiting forever.
 */
export class SubscriptionRegistry {
  readonly #open = new Set<Subscription>();

  track(subscription: Subscription): Subscription {
    this.#open.add(subscription);
    const close = async () => {
      this.#open.delete(subscription);
      await subscription.close();
    };
    return {
      close,
      [Symbol.asyncIterator]: (): AsyncIterator<SubscriptionItem> => {
        const iterator = subscription[Symbol.asyncIterator]();
        return {
          next: () => iterator.next(),
          return: async () => {
            await close();
            return { done: true, value: undefined };
          },
        };
      },
    };
  }

  async closeAll(): Promise<void> {
    const open = [...this.#open];
    this.#open.clear();
    await Promise.all(open.map((subscription) => subscription.close()));
  }
}
