import type { GlobalFilter, RecordedEvent } from '@orch/application';

function matchesAny(value: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes === undefined || prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
}

/**
 * The subscription filter in memory, as the stores apply it: AND across the fields, OR within a
 * list, an absent or empty list does not filter; the tenant is the metadata's `tenantId`.
 */
export function matchesFilter(event: RecordedEvent, filter: GlobalFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (!matchesAny(event.streamName, filter.streamPrefixes)) return false;
  if (!matchesAny(event.type, filter.eventTypePrefixes)) return false;
  return filter.tenantId === undefined || event.metadata.tenantId === filter.tenantId;
}
