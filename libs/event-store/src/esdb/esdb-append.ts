import type { AppendResult as EsdbAppendResult, EventStoreDBClient } from '@eventstore/db-client';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type StreamRevision,
} from '@orch/application';
import { toPortError } from './esdb-errors';
import { fromEsdbCurrentRevision, satisfiesExpectation, toEsdbExpectedRevision } from './esdb-expected-revision';
import { toGlobalPosition, toSafeInteger } from './esdb-position';
import { readEventAt, readLastEvent } from './esdb-read-stream';
import { toEventData } from './esdb-recorded-event';

/**
 * Idempotency is the server's: the same event ids at the same expected revision are acknowledged as
 * already committed, with the same revision. The position in that answer is not: the server fills it from
 * its commit acknowledgement (one per write, not per event) and, for a duplicate, from a different path
 * (AlreadyCommitted). So the port's position is read back from the last appended revision: one extra read
 * that makes a retried append return exactly what the first one did.
 */
export async function appendEvents(
  client: EventStoreDBClient,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision = 'any',
): Promise<AppendResult> {
  if (events.length === 0) return currentState(client, streamName, expected);
  let result: EsdbAppendResult;
  try {
    result = await client.appendToStream(streamName, events.map(toEventData), {
      expectedRevision: toEsdbExpectedRevision(expected),
    });
  } catch (error) {
    throw toPortError(error, streamName, expected);
  }
  // Only reachable with `throwOnAppendFailure=false` in the connection string.
  if (!result.success) {
    throw new WrongExpectedVersionError(streamName, expected, fromEsdbCurrentRevision(result.nextExpectedRevision));
  }
  const revision = toSafeInteger(result.nextExpectedRevision, 'revision');
  return { nextExpectedRevision: revision, position: await positionOf(client, streamName, revision, result) };
}

async function positionOf(
  client: EventStoreDBClient,
  streamName: string,
  revision: StreamRevision,
  result: EsdbAppendResult,
): Promise<number> {
  const event = await readEventAt(client, streamName, revision);
  if (event) return event.position;
  // Hidden at once by the stream's metadata (e.g. a truncateBefore set ahead): the write's position as the
  // server reports it is the best answer left.
  if (result.position) return toGlobalPosition(result.position);
  throw new Error(`EventStoreDB appended ${streamName}@${revision} but reported no position`);
}

/**
 * Nothing to write. The server would acknowledge an empty write without checking the expectation (its
 * request manager completes zero-event writes at once), so the check and the answer are done here.
 */
async function currentState(
  client: EventStoreDBClient,
  streamName: string,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const last = await readLastEvent(client, streamName);
  const actual = last === undefined ? 'no_stream' : last.revision;
  if (!satisfiesExpectation(expected, actual)) throw new WrongExpectedVersionError(streamName, expected, actual);
  if (last === undefined) throw new RangeError(`Cannot append nothing to ${streamName}: it has no events`);
  return { nextExpectedRevision: last.revision, position: last.position };
}
