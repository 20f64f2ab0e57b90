import type { Decider } from '@orch/kernel';
import type { AppendResult, EventStore, EventToAppend, RecordedEvent } from '../ports/event-store.port';
import { toDomainEvent } from './load-aggregate';

/** The first result a command id got in a stream (for idempotent repeats). */
export interface CommandRecord {
  readonly revision: number;
  readonly position: number;
  readonly commandType: unknown;
}

/**
 * What handling a command needs to know of a stream, folded from its events: the aggregate's state,
 * the revision to append after, the owner tenant, the commands already handled (idempotency) and
 * the newest lease token per key (fencing). Small enough to keep between commands, so a stream is
 * read once and then only forward (`StreamCache`).
 */
export interface StreamSummary<State> {
  readonly state: State;
  readonly revision: number | undefined;
  readonly position: number | undefined;
  readonly tenantId: string | undefined;
  readonly commands: ReadonlyMap<string, CommandRecord>;
  readonly leaseTokens: ReadonlyMap<string, number>;
}

export function emptySummary<State>(initial: State): StreamSummary<State> {
  return { state: initial, revision: undefined, position: undefined, tenantId: undefined, commands: new Map(), leaseTokens: new Map() };
}

/** Folds `events` (the stream's next ones, in order) into a new summary; the given one is not changed. */
export function summarize<Event, State>(
  summary: StreamSummary<State>,
  events: readonly RecordedEvent[],
  decider: Pick<Decider<unknown, Event, State>, 'evolve'>,
): StreamSummary<State> {
  if (events.length === 0) return summary;
  let { state, tenantId } = summary;
  const commands = new Map(summary.commands);
  const leaseTokens = new Map(summary.leaseTokens);
  for (const event of events) {
    state = decider.evolve(state, toDomainEvent<Event>(event));
    tenantId ??= event.metadata.tenantId;
    const commandId = event.metadata.commandId;
    if (commandId !== undefined) commands.set(commandId, { revision: event.revision, position: event.position, commandType: event.metadata['commandType'] });
    const lease = event.metadata['lease'] as { key?: unknown; token?: unknown } | undefined;
    if (typeof lease?.key === 'string' && typeof lease.token === 'number' && lease.token > (leaseTokens.get(lease.key) ?? -Infinity)) {
      leaseTokens.set(lease.key, lease.token);
    }
  }
  const last = events[events.length - 1] as RecordedEvent;
  return { state, revision: last.revision, position: last.position, tenantId, commands, leaseTokens };
}

/**
 * Stream summaries kept between commands by a long-lived writer (the engine): the next command on a
 * stream reads only what was appended since. Streams here are only ever appended to (sessions,
 * agents, contexts); a stream whose events could be deleted or truncated must not be cached.
 */
export class StreamCache {
  private readonly summaries = new Map<string, StreamSummary<unknown>>();

  constructor(private readonly maxStreams = 5_000) {}

  get<State>(streamName: string): StreamSummary<State> | undefined {
    const summary = this.summaries.get(streamName) as StreamSummary<State> | undefined;
    if (summary !== undefined) {
      this.summaries.delete(streamName);
      this.summaries.set(streamName, summary);
    }
    return summary;
  }

  /** Keeps the newer of what is cached and `summary` (concurrent commands may finish out of order). */
  set<State>(streamName: string, summary: StreamSummary<State>): void {
    const current = this.summaries.get(streamName);
    if (current !== undefined && (current.revision ?? -1) > (summary.revision ?? -1)) return;
    this.summaries.delete(streamName);
    this.summaries.set(streamName, summary);
    if (this.summaries.size > this.maxStreams) this.summaries.delete(this.summaries.keys().next().value as string);
  }
}

/** A stream's summary through `cache` when there is one (reading only what is new), else from a whole read. */
export async function loadSummary<Event, State>(
  store: Pick<EventStore, 'readStream'>,
  cache: StreamCache | undefined,
  streamName: string,
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
): Promise<StreamSummary<State>> {
  const cached = cache?.get<State>(streamName);
  const from = cached?.revision;
  const fresh = await store.readStream(streamName, from === undefined ? {} : { fromRevision: from + 1 });
  const summary = summarize(cached ?? emptySummary(decider.initialState()), fresh, decider);
  cache?.set(streamName, summary);
  return summary;
}

/**
 * The summary after a successful append of `appended` at `summary.revision` (answered by `result`),
 * kept in `cache` so the writer's next command on the stream need not read back what it wrote.
 * The events are folded as the store will return them (their data through JSON); each event's
 * position is the batch's last, which is what the command answered. An append the store answered
 * without writing (the same event ids were already there: a repeat) is not folded, and false is
 * answered (with or without a cache): what the stream holds beyond the summary is unknown, so the
 * command must read it and answer its first result.
 */
export function rememberAppend<Event, State>(
  cache: StreamCache | undefined,
  streamName: string,
  summary: StreamSummary<State>,
  appended: readonly EventToAppend[],
  result: AppendResult,
  decider: Pick<Decider<unknown, Event, State>, 'evolve'>,
  /** The command's time, standing in for the store's (summaries do not keep it). */
  recordedAt: string,
): boolean {
  const first = (summary.revision ?? -1) + 1;
  if (result.nextExpectedRevision !== first + appended.length - 1) return false;
  if (cache === undefined) return true;
  const recorded: RecordedEvent[] = appended.map((event, index) => ({
    id: event.id,
    type: event.type,
    data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
    metadata: event.metadata,
    streamName,
    revision: first + index,
    position: result.position,
    recordedAt,
  }));
  cache.set(streamName, summarize(summary, recorded, decider));
  return true;
}
