import type { RecordedEvent } from '@orch/application';
import { streamCategory, type LiveEvent } from '@orch/contracts';

/** An event of the `events` room and the SSE feed, with what filters look at. */
export interface EventEntry {
  readonly position: number;
  readonly tenantId: string;
  readonly event: LiveEvent;
}

/**
 * Keys whose values are hashes of secrets (`keyHash` of ApiKeyIssued, `tokenHash` of an http
 * agent): useless to a reader and a gift to an offline guesser, so they never leave the api.
 * The metadata's `hash` (tamper evidence, lower-case) stays: auditors verify chains with it.
 */
const SECRET_HASH_KEY = /Hash$/;

export function eventEntryOf(event: RecordedEvent): EventEntry | undefined {
  const tenantId = event.metadata.tenantId;
  if (typeof tenantId !== 'string') return undefined;
  return { position: event.position, tenantId, event: toLiveEvent(event) };
}

export function toLiveEvent(event: RecordedEvent): LiveEvent {
  return {
    id: event.id,
    type: event.type,
    stream: event.streamName,
    category: streamCategory(event.streamName),
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    data: withoutSecretHashes(event.data) as Record<string, unknown>,
    metadata: event.metadata,
  };
}

function withoutSecretHashes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecretHashes);
  if (typeof value !== 'object' || value === null) return value;
  const kept = Object.entries(value as Record<string, unknown>).filter(([key]) => !SECRET_HASH_KEY.test(key));
  return Object.fromEntries(kept.map(([key, inner]) => [key, withoutSecretHashes(inner)]));
}
