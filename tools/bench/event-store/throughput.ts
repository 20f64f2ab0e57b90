import type { ThroughputJob, ThroughputResult } from './jobs';
import { planWriters, type PlannedAppend } from './plan';
import { formatRate } from './format';
import { openTarget, type AppendTarget } from './targets';

const PROGRESS_EVERY_MS = 2_000;

/**
 * Warms the target up (connections, JIT, schema, caches) on streams of its own, then times the
 * measured plan: every writer runs its appends one after another, the writers concurrently,
 * until the plan is done or maxSeconds have passed (so a slow or contended run stays bounded).
 * Rows are generated before the clock starts, so the time is the store's, not the fixtures'.
 */
export async function runThroughput(job: ThroughputJob, log: (line: string) => void): Promise<ThroughputResult> {
  const shape = { writers: job.writers, perAppend: job.perAppend, streamsPerWriter: job.streamsPerWriter };
  const warmup = planWriters({ namespace: 'warmup', firstIndex: 0, events: job.warmupEvents, ...shape });
  const measured = planWriters({ namespace: 'run', firstIndex: job.warmupEvents, events: job.events, ...shape });
  const target = await openTarget(job.target, job.connectionString);
  try {
    await drive(target, warmup, Number.POSITIVE_INFINITY, () => undefined);
    let done = 0;
    const started = performance.now();
    const deadline = started + job.maxSeconds * 1_000;
    const progress = setInterval(() => {
      const seconds = (performance.now() - started) / 1_000;
      log(`${done.toLocaleString('en-US')}/${job.events.toLocaleString('en-US')} events, ${formatRate(done / seconds)}`);
    }, PROGRESS_EVERY_MS);
    try {
      await drive(target, measured, deadline, (events) => (done += events));
    } finally {
      clearInterval(progress);
    }
    const seconds = (performance.now() - started) / 1_000;
    if (done < job.events) log(`stopped after ${job.maxSeconds} s with ${done.toLocaleString('en-US')} events written`);
    return { kind: 'throughput', events: done, seconds, eventsPerSecond: done / seconds };
  } finally {
    await target.close();
  }
}

async function drive(
  target: AppendTarget,
  plan: readonly (readonly PlannedAppend[])[],
  deadline: number,
  onAppended: (events: number) => void,
): Promise<void> {
  await Promise.all(
    plan.map(async (appends) => {
      for (const planned of appends) {
        if (performance.now() > deadline) return;
        await target.append(planned);
        onAppended(planned.events.length);
      }
    }),
  );
}
