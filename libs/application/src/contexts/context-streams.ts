import { DomainError } from '@orch/kernel';
import { contextDecider, type ContextCommand, type ContextEvent, type ContextState } from '@orch/domain-context';
import type { CommandTarget } from '../command-handling/handle-command';
import { StreamDeletedError, type EventStore, type RecordedEvent } from '../ports/event-store.port';

/** Stream names of the aggregates a context command reads (DOMAIN.md §1). */
export const contextStream = (contextId: string): string => `context-${contextId}`;
export const sessionStream = (sessionId: string): string => `session-${sessionId}`;
export const agentStream = (agentId: string): string => `agent-${agentId}`;

export function contextTarget(contextId: string): CommandTarget<ContextCommand, ContextEvent, ContextState> {
  return { decider: contextDecider, streamName: contextStream(contextId), aggregateId: contextId, notFound: 'CONTEXT.NOT_FOUND' };
}

export function contextNotFound(contextId: string): DomainError {
  return new DomainError('CONTEXT.NOT_FOUND', `context ${contextId} not found`, { contextId });
}

/** A stream as a fact: a tombstoned one reads as missing, like a soft-deleted one. */
export async function readFactStream(store: EventStore, streamName: string, maxCount?: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamName, maxCount === undefined ? {} : { maxCount });
  } catch (error) {
    if (error instanceof StreamDeletedError) return [];
    throw error;
  }
}

/** The aggregate's tenant is the tenant of its first event; another tenant's aggregate counts as missing. */
export function ownedBy(events: readonly RecordedEvent[], tenantId: string): boolean {
  return events[0] !== undefined && events[0].metadata.tenantId === tenantId;
}
