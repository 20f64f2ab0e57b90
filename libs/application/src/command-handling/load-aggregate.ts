import type { Decider } from '@orch/kernel';
import type { EventStore, RecordedEvent } from '../ports/event-store.port';

export interface LoadedAggregate<State> {
  readonly state: State;
  readonly events: readonly RecordedEvent[];
  /** Revision of the last event, or undefined when the stream does not exist. */
  readonly revision: number | undefined;
}

/** Rebuilds an aggregate by replaying its stream through the decider's `evolve`. */
export async function loadAggregate<Event, State>(
  store: EventStore,
  streamName: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): Promise<LoadedAggregate<State>> {
  const events = await store.readStream(streamName);
  const state = events.reduce((current, recorded) => decider.evolve(current, toDomainEvent<Event>(recorded)), decider.initialState());
  const last = events[events.length - 1];
  return { state, events, revision: last?.revision };
}

/** A stored event as deciders see it: its type and data. */
export function toDomainEvent<Event>(recorded: RecordedEvent): Event {
  return { type: recorded.type, data: recorded.data } as Event;
}

/** Folds a stream's events up to and including `revision` (replay of history). */
export function stateAt<Event, State>(
  events: readonly RecordedEvent[],
  revision: number,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): State {
  return events
    .filter((event) => event.revision <= revision)
    .reduce((current, recorded) => decider.evolve(current, toDomainEvent<Event>(recorded)), decider.initialState());
}
