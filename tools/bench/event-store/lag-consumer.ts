import type { EventStore, RecordedEvent } from '@orch/application';

export interface LagConsumer {
  /** performance.now() at which each event id arrived. */
  readonly receivedAt: ReadonlyMap<string, number>;
  /** The events themselves, to read the send time they carry. */
  readonly events: ReadonlyMap<string, RecordedEvent>;
  readonly caughtUp: Promise<void>;
  /** Resolves once every id has arrived, or after timeoutMs. */
  waitFor(ids: Iterable<string>, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A subscribeToAll consumer from the start of the log that only timestamps what it receives;
 * the time is taken before anything else is done with the item.
 */
export function startLagConsumer(store: EventStore): LagConsumer {
  const subscription = store.subscribeToAll();
  const receivedAt = new Map<string, number>();
  const events = new Map<string, RecordedEvent>();
  let onCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (onCaughtUp = resolve));
  const loop = (async () => {
    for await (const item of subscription) {
      const now = performance.now();
      if (item.kind === 'caughtUp') {
        onCaughtUp();
        continue;
      }
      receivedAt.set(item.event.id, now);
      events.set(item.event.id, item.event);
    }
  })();
  // A failing subscription must fail the run, not leave it waiting for the drain timeout.
  const failed = loop.then(() => undefined);
  return {
    receivedAt,
    events,
    caughtUp: Promise.race([caughtUp, failed]),
    async waitFor(ids, timeoutMs) {
      const wanted = [...ids];
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline && wanted.some((id) => !receivedAt.has(id))) {
        await Promise.race([failed, new Promise((resolve) => setTimeout(resolve, 20))]);
      }
    },
    async close() {
      await subscription.close();
      await loop;
    },
  };
}
