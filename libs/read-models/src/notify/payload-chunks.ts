import { type ProjectionChange } from '@orch/application';

/** PostgreSQL rejects NOTIFY payloads of 8000 bytes or more; stay clear of it. */
export const MAX_PAYLOAD_BYTES = 7900;

/** JSON arrays of changes, each under `maxBytes` (UTF-8), in order. */
export function payloadChunks(changes: readonly ProjectionChange[], maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const change of changes) {
    const item = JSON.stringify(change);
    const itemBytes = Buffer.byteLength(item, 'utf8');
    if (itemBytes + 2 > maxBytes) continue; // an id this long is not one of ours; dropping it beats a failed NOTIFY
    if (current.length > 0 && size + 1 + itemBytes > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    size += itemBytes + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/** The inverse, tolerant of foreign payloads on the channel: anything malformed is skipped. */
export function parsePayload(payload: string | undefined): ProjectionChange[] {
  try {
    const parsed: unknown = JSON.parse(payload ?? '');
    return Array.isArray(parsed) ? parsed.filter(isChange) : [];
  } catch {
    return [];
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
