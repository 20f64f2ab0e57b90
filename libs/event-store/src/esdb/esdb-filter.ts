import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { GlobalFilter } from '@orch/application';

export { matchesFilter } from '../global-filter';

/** EventStoreDB's own events (`$metadata`, `$streamDeleted`, `$>` links, stats) are never ours to deliver. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

function nonEmpty(values: readonly string[] | undefined): string[] | undefined {
  return values !== undefined && values.length > 0 ? [...values] : undefined;
}

/**
 * The server filters on ONE dimension (stream name or event type), so the stream prefixes win when both
 * are given and `matchesFilter` (../global-filter) re-checks everything client-side. Without prefixes, system event types
 * are excluded on the server so catch-up does not ship the node's own bookkeeping.
 */
export function toServerFilter(filter: GlobalFilter | undefined): Filter {
  const streamPrefixes = nonEmpty(filter?.streamPrefixes);
  if (streamPrefixes) return streamNameFilter({ prefixes: streamPrefixes });
  const typePrefixes = nonEmpty(filter?.eventTypePrefixes);
  if (typePrefixes) return eventTypeFilter({ prefixes: typePrefixes });
  return excludeSystemEvents();
}
