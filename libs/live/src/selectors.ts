import type { GlobalFilter } from '@orch/application';
import { parseRoom, type ChangeRoom } from '@orch/contracts';
import type { ChangeEntry } from './event-changes';
import type { EventEntry } from './live-events';

/** Which entries a subscriber wants: a store-side filter to read less, and the exact test. */
export interface Selector<E> {
  readonly filter: Omit<GlobalFilter, 'tenantId'>;
  readonly match: (entry: E) => boolean;
}

export function changeRoomSelector(room: ChangeRoom): Selector<ChangeEntry> {
  const parsed = parseRoom(room);
  const streamPrefixes =
    parsed?.kind === 'session'
      ? [`session-${parsed.sessionId}`, `sessionoutput-${parsed.sessionId}`, `context-${parsed.sessionId}`]
      : parsed?.kind === 'agents'
        ? ['agent-']
        : ['session-'];
  return { filter: { streamPrefixes }, match: (entry) => entry.rooms.some((changes) => changes.room === room) };
}

export interface EventSelection {
  /** Exact stream names. */
  readonly streams?: readonly string[];
  /** Stream categories (`session` selects `session-*`); streams and categories add up. */
  readonly categories?: readonly string[];
  /** Event type prefixes. */
  readonly types?: readonly string[];
}

export function eventSelector(selection: EventSelection): Selector<EventEntry> {
  const streams = new Set(selection.streams ?? []);
  const categories = new Set(selection.categories ?? []);
  const types = selection.types ?? [];
  const anyStream = streams.size === 0 && categories.size === 0;
  const streamPrefixes = anyStream ? undefined : [...streams, ...[...categories].map((category) => `${category}-`)];
  return {
    filter: { ...(streamPrefixes ? { streamPrefixes } : {}), ...(types.length > 0 ? { eventTypePrefixes: types } : {}) },
    match: ({ event }) =>
      (anyStream || streams.has(event.stream) || categories.has(event.category)) &&
      (types.length === 0 || types.some((prefix) => event.type.startsWith(prefix))),
  };
}

/** The message a change room gets for an entry (only that room's changes). */
export function roomMessage(entry: ChangeEntry, room: ChangeRoom) {
  const changes = entry.rooms.find((candidate) => candidate.room === room)?.changes ?? [];
  return { room, position: entry.position, changes };
}
