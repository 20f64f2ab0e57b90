import type { ContextCreated, ContextPromoted, ContextShared } from './context.events';
import type { ExistingContext } from './context.state';

/*
 * DOMAIN.md §5.4: the ContextCreated of the new context, with provenance, built from the source state the
 * decider saw (at `atVersion`) and the event it emitted. The application appends it first, to the new stream.
 */
export function createdFromShare(source: ExistingContext, shared: ContextShared): ContextCreated {
  const { toContextId, toSessionId, atVersion, at } = shared.data;
  return {
    type: 'ContextCreated',
    data: {
      contextId: toContextId,
      tenantId: source.tenantId,
      scope: 'session',
      sessionId: toSessionId,
      document: source.document,
      version: 1,
      provenance: { kind: 'shared', fromContextId: source.contextId, fromVersion: atVersion },
      at,
    },
  };
}

export function createdFromPromotion(source: ExistingContext, promoted: ContextPromoted): ContextCreated {
  const { toContextId, atVersion, at } = promoted.data;
  return {
    type: 'ContextCreated',
    data: {
      contextId: toContextId,
      tenantId: source.tenantId,
      scope: 'global',
      document: source.document,
      version: 1,
      provenance: { kind: 'promoted', fromContextId: source.contextId, fromVersion: atVersion },
      at,
    },
  };
}
