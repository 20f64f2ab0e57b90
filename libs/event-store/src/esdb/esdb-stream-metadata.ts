import type { StreamMetadata as EsdbStreamMetadata } from '@eventstore/db-client';
import type { StreamMetadata } from '@orch/application';

export function toEsdbStreamMetadata(metadata: StreamMetadata): EsdbStreamMetadata {
  const result: EsdbStreamMetadata = {};
  if (metadata.maxAge !== undefined) result.maxAge = metadata.maxAge;
  if (metadata.maxCount !== undefined) result.maxCount = metadata.maxCount;
  if (metadata.truncateBefore !== undefined) result.truncateBefore = metadata.truncateBefore;
  return result;
}

function safe(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/**
 * Only the three port fields, and only as safe integers: a soft delete stores `$tb` as 2^63-1 (the
 * server's "deleted" marker), which JSON turns into an unsafe number that means "everything", not a revision.
 */
export function fromEsdbStreamMetadata(metadata: EsdbStreamMetadata | undefined): StreamMetadata {
  if (metadata === undefined) return {};
  const maxAge = safe(metadata.maxAge);
  const maxCount = safe(metadata.maxCount);
  const truncateBefore = safe(metadata.truncateBefore);
  return {
    ...(maxAge === undefined ? {} : { maxAge }),
    ...(maxCount === undefined ? {} : { maxCount }),
    ...(truncateBefore === undefined ? {} : { truncateBefore }),
  };
}
