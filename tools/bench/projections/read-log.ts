import type { EventStore } from '@orch/application';

/**
 * The baseline: every visible event read through the port, page by page, and dropped. A rebuild
 * reads the log this way too; everything it does on top is projection work.
 */
export async function readWholeLog(store: EventStore, pageSize: number): Promise<{ readonly events: number; readonly seconds: number }> {
  const started = performance.now();
  let events = 0;
  for (let from: number | undefined; ; ) {
    const page = await store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), maxCount: pageSize });
    events += page.events.length;
    from = page.lastPosition ?? from;
    if (page.isEnd) return { events, seconds: (performance.now() - started) / 1_000 };
  }
}
