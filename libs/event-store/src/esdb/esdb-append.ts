import type { AppendResult as EsdbAppendResult, EventStoreDBClient } from '@eventstore/db-client';
import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamRevision,
} from '@orch/application';
import { toPortError } from './esdb-errors';
import { fromEsdbCurrentRevision, satisfiesExpectation, toEsdbExpectedRevision } from './esdb-expected-revision';
import { toGlobalPosition, toSafeInteger } from './esdb-position';
import { readChain, sealEvents } from '../chain/chain-hash';
import { readEventAt, readLastEvent, readStreamEvents } from './esdb-read-stream';
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
  for (let attempt = 1; ; attempt++) {
    const last = await readLastEvent(client, streamName);
    const pinned = pinExpected(expected, last);
    const sealed = sealEvents(events, streamName, last === undefined ? 0 : last.revision + 1, last === undefined ? null : (readChain(last.metadata)?.hash ?? null));
    try {
      return await writeSealed(client, streamName, sealed, pinned);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || pinned === expected) throw error;
      const earlier = await alreadyAppended(client, streamName, events);
      if (earlier) return earlier;
      if (attempt >= MAX_PINNED_ATTEMPTS) throw error;
    }
  }
}

/** Retries of an `any` / `stream_exists` append racing other writers before it gives up. */
const MAX_PINNED_ATTEMPTS = 30;

/**
 * The chain is sealed in Node here (the server runs no code), so the write is pinned to the revision
 * the seal was computed after: a concurrent writer makes it fail and it is sealed again, never forked.
 */
function pinExpected(expected: ExpectedRevision, last: { readonly revision: StreamRevision } | undefined): ExpectedRevision {
  if (expected === 'any') return last === undefined ? 'no_stream' : last.revision;
  if (expected === 'stream_exists' && last !== undefined) return last.revision;
  return expected;
}

async function writeSealed(
  client: EventStoreDBClient,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
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

/** A re-sent `any` append whose events are already in the stream answers as the first one did. */
async function alreadyAppended(
  client: EventStoreDBClient,
  streamName: string,
  events: readonly EventToAppend[],
): Promise<AppendResult | undefined> {
  const stored = await readStreamEvents(client, streamName);
  const first = stored.findIndex((event) => event.id === events[0]?.id);
  if (first < 0) return undefined;
  const run = stored.slice(first, first + events.length);
  if (run.length !== events.length || run.some((event, index) => event.id !== events[index]?.id)) return undefined;
  const lastEvent = run[run.length - 1] as RecordedEvent;
  return { nextExpectedRevision: lastEvent.revision, position: lastEvent.position };
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
