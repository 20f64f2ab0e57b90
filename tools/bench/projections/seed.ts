import { createPostgresEventStore } from '@orch/event-store';
import { runWorkload, type WorkloadResult } from '@orch/read-models/testing';

/**
 * The history to rebuild: the read-models workload generator (agents, sessions with their task
 * graphs, routing, usage, failures and retries, context versions), appended command by command
 * with full metadata. Seeding is not measured, so it commits asynchronously: several times
 * faster on this disk, and what is read back is the same.
 */
export async function seedHistory(
  connectionString: string,
  options: { readonly events: number; readonly seed: number; readonly writers: number },
): Promise<WorkloadResult & { readonly seconds: number }> {
  const url = new URL(connectionString);
  url.searchParams.set('options', '-c synchronous_commit=off');
  const store = await createPostgresEventStore({ connectionString: url.toString() });
  try {
    const started = performance.now();
    const result = await runWorkload(store, { seed: options.seed, minEvents: options.events, writers: options.writers });
    return { ...result, seconds: (performance.now() - started) / 1_000 };
  } finally {
    await store.close();
  }
}
