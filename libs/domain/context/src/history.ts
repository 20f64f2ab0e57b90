import { DomainError, fold, type JsonObject, exhaustive } from '@orch/kernel';
import type { ContextEvent } from './context.events';
import { evolve, initialState, type ContextState, type ExistingContext } from './context.state';

const decider = { initialState, evolve };

/** The version an event makes, for the events that make one. */
export function versionOf(event: ContextEvent): number | undefined {
  switch (event.type) {
    case 'ContextCreated':
    case 'ContextVersionWritten':
    case 'ContextMerged':
      return event.data.version;
    case 'ContextShared':
    case 'ContextPromoted':
    case 'ContextExpired':
      return undefined;
    default:
      return exhaustive(event, undefined);
  }
}

/** For the read side: the context as it was at `version`, replayed from its events. */
export function stateAtVersion(events: readonly ContextEvent[], version: number): ExistingContext {
  const current = fold(decider, events);
  if (current.status === 'absent') throw new DomainError('CONTEXT.NOT_FOUND', 'the stream has no ContextCreated', {});
  if (!Number.isInteger(version) || version < 1 || version > current.version) {
    throw new DomainError('CONTEXT.VERSION_NOT_FOUND', `context ${current.contextId} has no version ${version}`, {
      contextId: current.contextId,
      version,
    });
  }
  let state: ContextState = initialState();
  for (const event of events) {
    if ((versionOf(event) ?? 0) > version) break;
    state = evolve(state, event);
  }
  return state as ExistingContext;
}

export function documentAtVersion(events: readonly ContextEvent[], version: number): JsonObject {
  return stateAtVersion(events, version).document;
}
