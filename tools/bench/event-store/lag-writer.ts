import type { EventStore } from '@orch/application';
import { benchEvent, fixtureUuid } from './fixtures';

export interface PacedWriterOptions {
  readonly namespace: string;
  readonly ratePerSecond: number;
  readonly tickMs: number;
  readonly durationMs: number;
  readonly eventsPerAppend: number;
  readonly streams: number;
  readonly onProgress?: (sent: number, elapsedMs: number) => void;
}

export interface PacedWriterResult {
  /** performance.now() at which each append's commit was acknowledged, by event id. */
  readonly committedAt: ReadonlyMap<string, number>;
  readonly sent: number;
  /** From the first tick to the last commit: longer than durationMs when the writer fell behind. */
  readonly elapsedMs: number;
}

const wallClock = (): number => performance.timeOrigin + performance.now();

/**
 * Timer-paced writer: every tick it appends ratePerSecond × tickMs / 1000 events, in appends of
 * eventsPerAppend, each append to the next of `streams` streams with its exact expected revision,
 * each event carrying its send time (epoch ms) in data.sentAt. Ticks are scheduled against the
 * start time, so a late timer is caught up and the average rate stays exact. Appends to the same
 * stream are chained, so the expected revision is always right.
 */
export async function runPacedWriter(store: EventStore, options: PacedWriterOptions): Promise<PacedWriterResult> {
  const perTick = Math.round((options.ratePerSecond * options.tickMs) / 1_000);
  const ticks = Math.round(options.durationMs / options.tickMs);
  const streamNames = Array.from(
    { length: options.streams },
    (_, s) => `session-${fixtureUuid(`${options.namespace}:stream`, s)}`,
  );
  const lastRevisions = streamNames.map(() => -1);
  const chains = streamNames.map((): Promise<void> => Promise.resolve());
  const committedAt = new Map<string, number>();
  let sent = 0;
  let failure: unknown;

  let appends = 0;
  const send = (firstIndex: number, count: number): void => {
    const s = appends++ % streamNames.length;
    const streamName = streamNames[s] ?? '';
    const sentAt = wallClock();
    const events = Array.from({ length: count }, (_, k) => benchEvent(options.namespace, firstIndex + k, { sentAt }));
    chains[s] = (chains[s] ?? Promise.resolve()).then(async () => {
      const lastRevision = lastRevisions[s] ?? -1;
      await store.appendToStream(streamName, events, { expectedRevision: lastRevision < 0 ? 'no_stream' : lastRevision });
      const now = performance.now();
      for (const event of events) committedAt.set(event.id, now);
      lastRevisions[s] = lastRevision + count;
    });
    chains[s]?.catch((error: unknown) => (failure ??= error));
  };

  const started = performance.now();
  let lastReport = started;
  for (let tick = 0; tick < ticks && failure === undefined; ) {
    const due = Math.min(ticks, Math.floor((performance.now() - started) / options.tickMs) + 1);
    for (; tick < due; tick += 1) {
      for (let k = 0; k < perTick; k += options.eventsPerAppend) {
        const count = Math.min(options.eventsPerAppend, perTick - k);
        send(sent, count);
        sent += count;
      }
    }
    if (options.onProgress && performance.now() - lastReport >= 5_000) {
      lastReport = performance.now();
      options.onProgress(sent, lastReport - started);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + tick * options.tickMs - performance.now())));
  }
  await Promise.allSettled(chains);
  if (failure !== undefined) throw failure;
  return { committedAt, sent, elapsedMs: performance.now() - started };
}
