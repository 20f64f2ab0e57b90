import { contextDecider, type ContextEvent, type ContextState } from '@orch/domain-context';
import { sessionDecider, type SessionEvent, type SessionState } from '@orch/domain-session';
import { DomainError } from '@orch/kernel';
import { toDomainEvent } from '../command-handling/load-aggregate';
import type { EventStore, RecordedEvent } from '../ports/event-store.port';

export interface SessionStateAt {
  /** The session event the state is as of. */
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly eventType: string;
  /** The latest revision of the stream, for a replay scrubber's range. */
  readonly latestRevision: number;
  readonly session: SessionState;
  /** The session's primary context as of the same moment in the global log, if it existed then. */
  readonly context: ContextState | null;
}

/**
 * The session, its tasks and its primary context as they were right after the session event at
 * `revision` (latest when absent): the same `evolve` folds the streams up to that point (replay).
 */
export async function sessionStateAt(store: EventStore, tenantId: string, sessionId: string, revision?: number): Promise<SessionStateAt> {
  const events = await store.readStream(`session-${sessionId}`);
  if (events.length === 0 || events[0].metadata.tenantId !== tenantId) {
    throw new DomainError('SESSION.NOT_FOUND', `session ${sessionId} not found`, { id: sessionId });
  }
  const latest = events[events.length - 1];
  const at = revision ?? latest.revision;
  const upTo = events.filter((event) => event.revision <= at);
  const last = upTo[upTo.length - 1];
  if (!last || at > latest.revision) {
    throw new DomainError('COMMAND.FIELD_INVALID', `revision must be 0..${latest.revision}`, { field: 'at', rule: 'range', limit: latest.revision });
  }
  const session = upTo.reduce((state, event) => sessionDecider.evolve(state, toDomainEvent<SessionEvent>(event)), sessionDecider.initialState());
  return {
    revision: last.revision,
    position: last.position,
    recordedAt: last.recordedAt,
    eventType: last.type,
    latestRevision: latest.revision,
    session,
    context: await contextAsOf(store, sessionId, last.position),
  };
}

async function contextAsOf(store: EventStore, contextId: string, position: number): Promise<ContextState | null> {
  const events: RecordedEvent[] = await store.readStream(`context-${contextId}`);
  const before = events.filter((event) => event.position <= position);
  if (before.length === 0) return null;
  return before.reduce((state, event) => contextDecider.evolve(state, toDomainEvent<ContextEvent>(event)), contextDecider.initialState());
}
