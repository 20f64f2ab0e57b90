import type {
  AppendResult,
  DeleteOptions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadAllPage,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
} from '@orch/application';

/** An acknowledged append: its last event's position, how many events, when (performance.now()). */
export interface Appended {
  readonly position: number;
  readonly events: number;
  readonly committedAt: number;
}

/**
 * The event store with appends held to a steady rate: each append takes the next slot of one
 * schedule (ratePerSecond events per second from the first append), waits for it, then appends.
 * Concurrent writers share the schedule, so the rate holds while one append is slow. Every
 * acknowledged append is reported; everything else goes straight to the store.
 */
export class PacedEventStore implements EventStore {
  private started: number | undefined;
  private scheduled = 0;

  constructor(
    private readonly store: EventStore,
    private readonly ratePerSecond: number,
    private readonly onAppended: (appended: Appended) => void,
  ) {}

  async appendToStream(streamName: string, events: readonly EventToAppend[], options?: { readonly expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    this.started ??= performance.now();
    const due = this.started + (this.scheduled / this.ratePerSecond) * 1_000;
    this.scheduled += events.length;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const result = await this.store.appendToStream(streamName, events, options);
    this.onAppended({ position: result.position, events: events.length, committedAt: performance.now() });
    return result;
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName, options);
  }
  readAll(options?: ReadAllOptions): Promise<ReadAllPage> {
    return this.store.readAll(options);
  }
  subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    return this.store.subscribeToAll(options);
  }
  subscribeToStream(streamName: string, options?: SubscribeToStreamOptions): Subscription {
    return this.store.subscribeToStream(streamName, options);
  }
  getStreamMetadata(streamName: string): Promise<StreamMetadata> {
    return this.store.getStreamMetadata(streamName);
  }
  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void> {
    return this.store.setStreamMetadata(streamName, metadata);
  }
  deleteStream(streamName: string, options?: DeleteOptions): Promise<void> {
    return this.store.deleteStream(streamName, options);
  }
  tombstoneStream(streamName: string, options?: DeleteOptions): Promise<void> {
    return this.store.tombstoneStream(streamName, options);
  }
  close(): Promise<void> {
    return this.store.close();
  }
}
