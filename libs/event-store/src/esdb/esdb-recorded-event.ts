import { jsonEvent, type AllStreamResolvedEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, RecordedEvent } from '@orch/application';
import { isSystemEventType } from './esdb-filter';
import { toGlobalPosition, toSafeInteger } from './esdb-position';

type EsdbResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: { ...event.data }, metadata: { ...event.metadata } });
}

/**
 * One client event → one port event, or `undefined` for what the port never delivers: system events
 * (`$`-prefixed types), unresolved links, and events not written as JSON objects by this adapter (binary
 * events from other writers have no data/metadata the port could type).
 */
export function toRecordedEvent(resolved: EsdbResolvedEvent): RecordedEvent | undefined {
  const raw = resolved.event;
  if (raw === undefined || isSystemEventType(raw.type)) return undefined;
  if (!raw.isJson || !isJsonObject(raw.data) || !isJsonObject(raw.metadata)) return undefined;
  if (raw.position === undefined) {
    // Stream reads carry positions only from server 22.6 on; without one the port cannot be honoured.
    throw new Error(`EventStoreDB returned ${raw.streamId}@${raw.revision} without a position (server older than 22.6?)`);
  }
  return {
    id: raw.id,
    type: raw.type,
    data: raw.data,
    metadata: raw.metadata as EventMetadata,
    streamName: raw.streamId,
    revision: toSafeInteger(raw.revision, 'revision'),
    position: toGlobalPosition(raw.position),
    recordedAt: raw.created.toISOString(),
  };
}
