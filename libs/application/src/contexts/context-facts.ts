import { fold } from '@orch/kernel';
import {
  contextDecider,
  pathTimesOf,
  stateAtVersion,
  type ContextEvent,
  type CreateContextData,
  type MergeSource,
} from '@orch/domain-context';
import { toDomainEvent } from '../command-handling/load-aggregate';
import type { EventStore } from '../ports/event-store.port';
import { agentStream, contextNotFound, contextStream, ownedBy, readFactStream, sessionStream } from './context-streams';

/*
 * Facts outside the Context aggregate, resolved before `decide` (DOMAIN.md §1, §5): the decider trusts them.
 */

/** The stream exists and belongs to the tenant. */
export async function existsInTenant(store: EventStore, streamName: string, tenantId: string): Promise<boolean> {
  return ownedBy(await readFactStream(store, streamName, 1), tenantId);
}

/** Every owner the create names (session and/or agent) exists in the tenant; false when it names none. */
export async function ownerExists(
  store: EventStore,
  data: Pick<CreateContextData, 'sessionId' | 'agentId'>,
  tenantId: string,
): Promise<boolean> {
  const owners = [
    ...(data.sessionId === undefined ? [] : [sessionStream(data.sessionId)]),
    ...(data.agentId === undefined ? [] : [agentStream(data.agentId)]),
  ];
  if (owners.length === 0) return false;
  const found = await Promise.all(owners.map((stream) => existsInTenant(store, stream, tenantId)));
  return found.every(Boolean);
}

/**
 * The other context of a MergeContext as it was at `version` (default: its latest), replayed from its
 * stream; another tenant's context is not found, a version above its latest is VERSION_NOT_FOUND.
 */
export async function readMergeSource(
  store: EventStore,
  contextId: string,
  version: number | undefined,
  tenantId: string,
): Promise<MergeSource> {
  const recorded = await readFactStream(store, contextStream(contextId));
  if (!ownedBy(recorded, tenantId)) throw contextNotFound(contextId);
  const events = recorded.map((event) => toDomainEvent<ContextEvent>(event));
  const latest = fold(contextDecider, events);
  if (latest.status === 'absent') throw contextNotFound(contextId);
  const state = stateAtVersion(events, version ?? latest.version);
  return { contextId, version: state.version, document: state.document, pathTimes: pathTimesOf(state.pathChanges) };
}
