import { EventStoreDBClient, START } from '@eventstore/db-client';
import type { EventStore, StreamMetadata, Subscription, SubscribeToStreamOptions } from '@orch/application';
import { appendEvents } from './esdb-append';
import { deleteWith } from './esdb-delete';
import { toPortError } from './esdb-errors';
import { toEsdbRevision } from './esdb-expected-revision';
import { readAllPage, subscribeAll } from './esdb-read-all';
import { readStreamEvents } from './esdb-read-stream';
import { toRecordedEvent } from './esdb-recorded-event';
import { fromEsdbStreamMetadata, toEsdbStreamMetadata } from './esdb-stream-metadata';
import { toPortSubscription } from './esdb-subscription';
import { SubscriptionRegistry } from './subscription-registry';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
}

/** The port on EventStoreDB / KurrentDB over gRPC (server 23.10 or later: it must send caught-up). */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const subscriptions = new SubscriptionRegistry();
  return {
    appendToStream: (streamName, events, appendOptions) =>
      appendEvents(client, streamName, events, appendOptions?.expectedRevision),
    readStream: (streamName, readOptions) => readStreamEvents(client, streamName, readOptions),
    readAll: (readOptions) => readAllPage(client, readOptions),
    subscribeToAll: (subscribeOptions = {}) => subscriptions.track(subscribeAll(client, subscribeOptions)),
    subscribeToStream: (streamName, subscribeOptions) => subscriptions.track(subscribeStream(client, streamName, subscribeOptions)),
    getStreamMetadata: (streamName) => getMetadata(client, streamName),
    setStreamMetadata: (streamName, metadata) => setMetadata(client, streamName, metadata),
    deleteStream: (streamName, deleteOptions) => deleteWith('soft', client, streamName, deleteOptions?.expectedRevision),
    tombstoneStream: (streamName, deleteOptions) =>
      deleteWith('tombstone', client, streamName, deleteOptions?.expectedRevision),
    close: async () => {
      await subscriptions.closeAll();
      await client.dispose();
    },
  };
}

/** The server starts a stream subscription after `fromRevision`, exactly the port's `afterRevision`. */
function subscribeStream(
  client: EventStoreDBClient,
  streamName: string,
  options: SubscribeToStreamOptions = {},
): Subscription {
  const { afterRevision } = options;
  const source = client.subscribeToStream(streamName, {
    fromRevision: afterRevision === undefined ? START : toEsdbRevision(afterRevision),
  });
  return toPortSubscription(source, {
    toEvent: (resolved) => {
      const event = toRecordedEvent(resolved);
      return event !== undefined && (afterRevision === undefined || event.revision > afterRevision) ? event : undefined;
    },
    toError: (error) => toPortError(error, streamName),
  });
}

async function getMetadata(client: EventStoreDBClient, streamName: string): Promise<StreamMetadata> {
  try {
    return fromEsdbStreamMetadata((await client.getStreamMetadata(streamName)).metadata);
  } catch (error) {
    throw toPortError(error, streamName);
  }
}

async function setMetadata(client: EventStoreDBClient, streamName: string, metadata: StreamMetadata): Promise<void> {
  try {
    await client.setStreamMetadata(streamName, toEsdbStreamMetadata(metadata));
  } catch (error) {
    throw toPortError(error, streamName);
  }
}
