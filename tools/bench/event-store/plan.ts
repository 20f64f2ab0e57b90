import type { EventToAppend } from '@orch/application';
import { benchEvent, fixtureUuid } from './fixtures';

/** One append call: the stream, its exact expected state, and the events in order. */
export interface PlannedAppend {
  readonly streamName: string;
  /** Revision of the stream's last event before this append; -1 for a stream that does not exist. */
  readonly lastRevision: number;
  readonly events: readonly EventToAppend[];
  /** Global index of the first event in the plan: the plain INSERT uses it as the position. */
  readonly firstIndex: number;
}

export interface PlanOptions {
  readonly namespace: string;
  /** Index of the first event, so warm-up and measured rows never share positions. */
  readonly firstIndex: number;
  readonly events: number;
  readonly writers: number;
  readonly perAppend: number;
  readonly streamsPerWriter: number;
}

/**
 * Appends per writer. Each writer owns its streams and cycles through them, so the exact
 * expected revision is known in advance and writers never conflict: what is measured is the
 * cost of an append, not of retries.
 */
export function planWriters(options: PlanOptions): PlannedAppend[][] {
  const appends = Math.ceil(options.events / options.perAppend);
  const plan: PlannedAppend[][] = Array.from({ length: options.writers }, () => []);
  const lastRevisions = new Map<string, number>();
  for (let n = 0; n < appends; n += 1) {
    const writer = n % options.writers;
    const round = Math.floor(n / options.writers);
    const streamIndex = writer * options.streamsPerWriter + (round % options.streamsPerWriter);
    const streamName = `session-${fixtureUuid(`${options.namespace}:stream`, streamIndex)}`;
    const firstIndex = options.firstIndex + n * options.perAppend;
    const count = Math.min(options.perAppend, options.firstIndex + options.events - firstIndex);
    const events = Array.from({ length: count }, (_, k) => benchEvent(options.namespace, firstIndex + k));
    const lastRevision = lastRevisions.get(streamName) ?? -1;
    lastRevisions.set(streamName, lastRevision + count);
    plan[writer]?.push({ streamName, lastRevision, events, firstIndex });
  }
  return plan;
}
