import { StreamDeletedError, type EventStore, type RecordedEvent } from '@orch/application';

export interface EventRef {
  readonly streamName: string;
  readonly revision: number;
}

/** Revisions closer than this are read in one call, the few between them read and dropped. */
const MAX_GAP = 16;

/**
 * The recorded events behind index rows, read through the EventStore port (the read models keep
 * the index, never the payloads). Each stream's revisions are read in runs of nearby revisions,
 * so a page of one stream is one read and a page spread over many streams one read per run.
 * A revision the store no longer returns (truncated, deleted, tombstoned) is absent from the map.
 */
export async function hydrateEvents(store: EventStore, refs: readonly EventRef[]): Promise<Map<string, RecordedEvent>> {
  const found = new Map<string, RecordedEvent>();
  const byStream = new Map<string, number[]>();
  for (const ref of refs) byStream.set(ref.streamName, [...(byStream.get(ref.streamName) ?? []), ref.revision]);
  await Promise.all(
    [...byStream].map(async ([streamName, revisions]) => {
      for (const [first, last] of runs(revisions)) {
        for (const event of await readRange(store, streamName, first, last)) found.set(refKey(event), event);
      }
    }),
  );
  return found;
}

export function refKey(ref: EventRef): string {
  return `${ref.streamName}@${ref.revision}`;
}

function runs(revisions: readonly number[]): [number, number][] {
  const sorted = [...new Set(revisions)].sort((a, b) => a - b);
  const result: [number, number][] = [];
  for (const revision of sorted) {
    const current = result.at(-1);
    if (current && revision - current[1] <= MAX_GAP) current[1] = revision;
    else result.push([revision, revision]);
  }
  return result;
}

async function readRange(store: EventStore, streamName: string, first: number, last: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamName, { fromRevision: first, maxCount: last - first + 1 });
  } catch (error) {
    if (error instanceof StreamDeletedError) return [];
    throw error;
  }
}
