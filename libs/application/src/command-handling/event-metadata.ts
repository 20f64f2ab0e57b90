import type { Command } from '@orch/kernel';
import type { ClientInfo, EventMetadata } from '../ports/event-store.port';

/** Version of the metadata and payload schema written by this code; upcasters key on it. */
export const SCHEMA_VERSION = 1;

/** The audit metadata every event of a command carries (DESIGN.md §4). */
export function eventMetadata(command: Command, client: ClientInfo | undefined): EventMetadata {
  const { actor, tenantId, correlationId, causationId, commandId, reason, lease } = command.metadata;
  return {
    actor,
    tenantId,
    correlationId,
    ...(causationId === undefined ? {} : { causationId }),
    commandId,
    commandType: command.type,
    ...(reason === undefined ? {} : { reason }),
    ...(client === undefined ? {} : { client }),
    ...(lease === undefined ? {} : { lease }),
    schemaVersion: SCHEMA_VERSION,
  };
}
