import { type ProjectionChange } from '@orch/application';

/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more; stay clear of it. */
export const MAX_PAYLOAD_BYTES = 7900;

/** A message on the channel: the publishing notifier (see LocalDelivery) and its changes. */
export interface ChangeMessage {
  readonly origin?: string;
  readonly changes: ProjectionChange[];
}

/**
 * Messages `{"origin":…,"changes":[…]}` carrying the changes in order, each under `maxBytes`
 * (UTF-8). Without an origin, a bare JSON array (what notifiers wrote before origins).
 */
export function payloadChunks(changes: readonly ProjectionChange[], maxBytes = MAX_PAYLOAD_BYTES, origin?: string): string[] {
  const head = origin === undefined ? '[' : `{"origin":${JSON.stringify(origin)},"changes":[`;
  const tail = origin === undefined ? ']' : ']}';
  const frame = Buffer.byteLength(head + tail, 'utf8');
  const chunks: string[] = [];
  let current: string[] = [];
  let size = frame;
  for (const change of changes) {
    const item = JSON.stringify(change);
    const itemBytes = Buffer.byteLength(item, 'utf8');
    if (itemBytes + frame > maxBytes) continue; // an id this long is not one of ours; dropping it beats a failed NOTIFY
    if (current.length > 0 && size + 1 + itemBytes > maxBytes) {
      chunks.push(head + current.join(',') + tail);
      current = [];
      size = frame;
    }
    size += itemBytes + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) chunks.push(head + current.join(',') + tail);
  return chunks;
}

/** The inverse, tolerant of foreign payloads on the channel: anything malformed is skipped. */
export function parseMessage(payload: string | undefined): ChangeMessage {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    if (Array.isArray(parsed)) return { changes: parsed.filter(isChange) };
    const message = parsed as { origin?: unknown; changes?: unknown } | null;
    if (typeof message?.origin !== 'string' || !Array.isArray(message.changes)) return { changes: [] };
    return { origin: message.origin, changes: message.changes.filter(isChange) };
  } catch {
    return { changes: [] };
  }
}

function isChange(value: unknown): value is ProjectionChange {
  const change = value as Partial<ProjectionChange> | null;
  return (
    typeof change?.entity === 'string' &&
    typeof change.id === 'string' &&
    typeof change.tenantId === 'string' &&
    typeof change.position === 'number'
  );
}
