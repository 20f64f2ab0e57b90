import { type EventStore, type RecordedEvent } from '@orch/application';

/**
 * Every event up to `position`, waiting until they are visible: the PostgreSQL store's global
 * read only shows transactions older than the cluster-wide xmin, so a transaction open anywhere
 * on the server (another test file) delays them.
 */
export async function visibleEventsUpTo(store: EventStore, position: number, timeoutMs = 20_000): Promise<RecordedEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const events: RecordedEvent[] = [];
    for (let from: number | undefined; ; ) {
      const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: 1000 });
      events.push(...page.events);
      from = page.lastPosition;
      if (page.isEnd) break;
    }
    if (events.at(-1)?.position === position) return events;
    if (Date.now() > deadline) throw new Error(`events up to ${position} not visible after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
