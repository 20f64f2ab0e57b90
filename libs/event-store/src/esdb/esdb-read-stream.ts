import { BACKWARDS, END, FORWARDS, START, type EventStoreDBClient, type ReadStreamOptions } from '@eventstore/db-client';
import type { ReadStreamOptions as PortReadStreamOptions, RecordedEvent, StreamRevision } from '@orch/application';
import { isStreamNotFound, toPortError } from './esdb-errors';
import { toEsdbRevision } from './esdb-expected-revision';
import { toRecordedEvent } from './esdb-recorded-event';

export function toPositiveCount(maxCount: number | undefined): number | undefined {
  if (maxCount === undefined) return undefined;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) {
    throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
  }
  return maxCount;
}

export function toEsdbReadStreamOptions(options: PortReadStreamOptions = {}): ReadStreamOptions {
  const backwards = options.direction === 'backwards';
  const start = backwards ? END : START;
  const maxCount = toPositiveCount(options.maxCount);
  return {
    direction: backwards ? BACKWARDS : FORWARDS,
    fromRevision: options.fromRevision === undefined ? start : toEsdbRevision(options.fromRevision),
    ...(maxCount === undefined ? {} : { maxCount }),
  };
}

/** A missing or soft-deleted stream is StreamNotFound for the client and empty for the port. */
export async function readStreamEvents(
  client: EventStoreDBClient,
  streamName: string,
  options: PortReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const resolved of client.readStream(streamName, toEsdbReadStreamOptions(options))) {
      const event = toRecordedEvent(resolved);
      if (event) events.push(event);
    }
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw toPortError(error, streamName);
  }
  return events;
}

export async function readEventAt(
  client: EventStoreDBClient,
  streamName: string,
  revision: StreamRevision,
): Promise<RecordedEvent | undefined> {
  const [event] = await readStreamEvents(client, streamName, { fromRevision: revision, maxCount: 1 });
  return event?.revision === revision ? event : undefined;
}

export async function readLastEvent(client: EventStoreDBClient, streamName: string): Promise<RecordedEvent | undefined> {
  const [event] = await readStreamEvents(client, streamName, { direction: 'backwards', maxCount: 1 });
  return event;
}
