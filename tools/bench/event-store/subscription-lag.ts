import { createPostgresEventStore } from '@orch/event-store';
import { formatCount, formatMs } from './format';
import type { LagJob, LagResult } from './jobs';
import { startLagConsumer } from './lag-consumer';
import { runPacedWriter } from './lag-writer';
import { percentiles } from './stats';

/**
 * End-to-end lag of subscribeToAll at a steady rate: a paced writer appends single events, one
 * consumer on the same store timestamps each delivery. Lag = receive time − the moment the
 * writer's append call resolved (its commit was acknowledged); the send→receive time, which also
 * includes the append itself, is reported next to it. Writer and consumer share one process and
 * one clock, as a projector and a command handler of the same app would.
 */
export async function runSubscriptionLag(job: LagJob, log: (line: string) => void): Promise<LagResult> {
  const store = await createPostgresEventStore({ connectionString: job.connectionString });
  const consumer = startLagConsumer(store);
  try {
    await consumer.caughtUp;
    const pacing = {
      ratePerSecond: job.ratePerSecond,
      tickMs: job.tickMs,
      eventsPerAppend: job.eventsPerAppend,
      streams: job.streams,
    };
    const warmup = await runPacedWriter(store, {
      namespace: 'lag-warmup',
      durationMs: (job.warmupEvents / job.ratePerSecond) * 1_000,
      ...pacing,
    });
    await consumer.waitFor(warmup.committedAt.keys(), job.drainTimeoutMs);
    const before = consumer.receivedAt.size;

    const run = await runPacedWriter(store, {
      namespace: 'lag-run',
      durationMs: job.durationMs,
      ...pacing,
      onProgress: (sent, elapsedMs) => {
        const delivered = consumer.receivedAt.size - before;
        log(`${formatCount(sent)} sent in ${(elapsedMs / 1_000).toFixed(0)} s, ${formatCount(delivered)} delivered`);
      },
    });
    await consumer.waitFor(run.committedAt.keys(), job.drainTimeoutMs);

    const commitToReceive: number[] = [];
    const sendToReceive: number[] = [];
    for (const [id, committed] of run.committedAt) {
      const received = consumer.receivedAt.get(id);
      const sentAt = consumer.events.get(id)?.data['sentAt'];
      if (received === undefined || typeof sentAt !== 'number') continue;
      // Both are taken on this process's clock. A delivery processed by the event loop before the
      // append's own reply counts as zero lag: it cannot have been read before it committed.
      commitToReceive.push(Math.max(0, received - committed));
      sendToReceive.push(performance.timeOrigin + received - sentAt);
    }
    const result: LagResult = {
      kind: 'lag',
      eventsPerAppend: job.eventsPerAppend,
      sent: run.sent,
      delivered: commitToReceive.length,
      eventsPerSecond: run.sent / (run.elapsedMs / 1_000),
      commitToReceive: percentiles(commitToReceive),
      sendToReceive: percentiles(sendToReceive),
    };
    const { commitToReceive: c, sendToReceive: s } = result;
    log(
      `delivered ${formatCount(result.delivered)}/${formatCount(result.sent)}; commit→receive p50 ${formatMs(c.p50)}, ` +
        `p99 ${formatMs(c.p99)}, max ${formatMs(c.max)}; send→receive p50 ${formatMs(s.p50)}, p99 ${formatMs(s.p99)}`,
    );
    return result;
  } finally {
    await consumer.close();
    await store.close();
  }
}
