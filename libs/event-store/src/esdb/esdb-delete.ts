import type { EventStoreDBClient } from '@eventstore/db-client';
import { WrongExpectedVersionError, type ExpectedRevision } from '@orch/application';
import { toPortError } from './esdb-errors';
import { toEsdbDeleteRevision } from './esdb-expected-revision';
import { readLastEvent } from './esdb-read-stream';

export type DeleteKind = 'soft' | 'tombstone';

const STREAM_EXISTS_ATTEMPTS = 5;

/**
 * The client's delete and tombstone take `any`, `no_stream` or a revision, but not `stream_exists`. That one
 * is emulated: read the head, delete at exactly that revision, and start over if a concurrent append moved
 * the head (the stream still exists, so the expectation still holds).
 */
export async function deleteWith(
  kind: DeleteKind,
  client: EventStoreDBClient,
  streamName: string,
  expected: ExpectedRevision = 'any',
): Promise<void> {
  if (expected !== 'stream_exists') return run(kind, client, streamName, expected);
  for (let attempt = 1; ; attempt += 1) {
    const head = await readLastEvent(client, streamName);
    if (head === undefined) throw new WrongExpectedVersionError(streamName, expected, 'no_stream');
    try {
      return await run(kind, client, streamName, head.revision);
    } catch (error) {
      const movedOn = error instanceof WrongExpectedVersionError && typeof error.actual === 'number';
      if (!movedOn || attempt === STREAM_EXISTS_ATTEMPTS) throw remap(error, expected);
    }
  }
}

async function run(
  kind: DeleteKind,
  client: EventStoreDBClient,
  streamName: string,
  expected: Exclude<ExpectedRevision, 'stream_exists'>,
): Promise<void> {
  const options = { expectedRevision: toEsdbDeleteRevision(expected) };
  try {
    if (kind === 'soft') await client.deleteStream(streamName, options);
    else await client.tombstoneStream(streamName, options);
  } catch (error) {
    throw toPortError(error, streamName, expected);
  }
}

/** The emulation's own revision never leaks: the caller asked for `stream_exists`. */
function remap(error: unknown, expected: ExpectedRevision): unknown {
  if (!(error instanceof WrongExpectedVersionError)) return error;
  return new WrongExpectedVersionError(error.streamName, expected, error.actual);
}
