import {
  type AppendResult,
  type DeleteOptions,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamMetadata,
  type SubscribeToAllOptions,
  type SubscribeToStreamOptions,
  type Subscription,
} from '@orch/application';
import { type Pool } from 'pg';
import { appendEvents } from './append';
import { AppendNotifier } from './append-notifier';
import { GlobalTail } from './global-tail';
import { PollingSubscription, type SubscriptionTiming } from './polling-subscription';
import { DEFAULT_READ_ALL_COUNT, readGlobalPage } from './read-all';
import { readStreamEvents } from './read-stream';
import { appendChannel } from './schema-name';
import { deleteStream, getMetadata, setMetadata } from './stream-admin';
import { globalLogSource, streamSource } from './subscription-sources';

export interface PostgresEventStoreSettings extends SubscriptionTiming {
  readonly pool: Pool;
  readonly schema: string;
  /** Events per subscription read. */
  readonly pageSize: number;
  /** End the pool on close(): true when the store created it. */
  readonly ownsPool: boolean;
}

/** The EventStore port over PostgreSQL. Build it with createPostgresEventStore (it migrates first). */
export class PostgresEventStore implements EventStore {
  readonly pool: Pool;
  readonly schema: string;
  private readonly notifier: AppendNotifier;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly tail: GlobalTail;

  constructor(private readonly settings: PostgresEventStoreSettings) {
    this.pool = settings.pool;
    this.schema = settings.schema;
    this.notifier = new AppendNotifier(settings.pool.options, appendChannel(settings.schema));
    this.tail = new GlobalTail(settings.pool, settings.schema, this.notifier, settings);
  }

  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { readonly expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    return appendEvents(this.pool, this.schema, streamName, events, options.expectedRevision);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStreamEvents(this.pool, this.schema, streamName, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const page = await readGlobalPage(this.pool, this.schema, options);
    return {
      events: page.events,
      lastPosition: page.events.at(-1)?.position ?? options.fromPosition,
      isEnd: page.events.length < (options.maxCount ?? DEFAULT_READ_ALL_COUNT),
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    return this.track(globalLogSource(this.pool, this.schema, options, this.settings.pageSize), this.tail);
  }

  subscribeToStream(streamName: string, options: SubscribeToStreamOptions = {}): Subscription {
    return this.track(streamSource(this.pool, this.schema, streamName, options, this.settings.pageSize));
  }

  getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    return getMetadata(this.pool, this.schema, streamName);
  }

  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    return setMetadata(this.pool, this.schema, streamName, metadata);
  }

  deleteStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    return deleteStream(this.pool, this.schema, streamName, options.expectedRevision ?? 'any', false);
  }

  tombstoneStream(streamName: string, options: DeleteOptions = {}): Promise<void> {
    return deleteStream(this.pool, this.schema, streamName, options.expectedRevision ?? 'any', true);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.tail.close();
    await this.notifier.close();
    if (this.settings.ownsPool) await this.pool.end();
  }

  private track(source: ConstructorParameters<typeof PollingSubscription>[0], tail?: GlobalTail): Subscription {
    const subscription = new PollingSubscription(source, this.notifier, this.settings, (closed) => this.subscriptions.delete(closed), tail);
    this.subscriptions.add(subscription);
    return subscription;
  }
}
