/**
 * The event store port (DESIGN.md §4). Owned by the core; implemented by the PostgreSQL and
 * EventStoreDB adapters in libs/event-store and checked by one contract suite in libs/testing.
 *
 * Revisions are 0-based per stream. Global positions are safe integers, strictly increasing in the
 * order the global log delivers events (not necessarily dense).
 */

export type StreamRevision = number;
export type GlobalPosition = number;

/** `any`, `no_stream`, `stream_exists`, or the exact revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

export interface ClientInfo {
  readonly ip?: string;
  readonly userAgent?: string;
}

/** Metadata every event carries (DESIGN.md §4); adapters store it as given. */
export interface EventMetadata {
  readonly actor: string;
  readonly tenantId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly commandId?: string;
  readonly reason?: string;
  readonly client?: ClientInfo;
  readonly schemaVersion: number;
  /** Tamper-evidence: sha256(prevHash || type || data || metadata-without-hash), per stream. */
  readonly hash?: string;
  readonly [key: string]: unknown;
}

export interface EventToAppend {
  /** A UUID; re-sending the same ids at the same expected revision is a no-op. */
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  readonly streamName: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
  /** ISO 8601 UTC. */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: StreamRevision;
  /** Global position of the last appended event. */
  readonly position: GlobalPosition;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
}

export interface GlobalFilter {
  /** e.g. `session-` matches every session stream. */
  readonly streamPrefixes?: readonly string[];
  /** e.g. `Session` matches `SessionStarted`, `SessionPaused`, … */
  readonly eventTypePrefixes?: readonly string[];
  readonly tenantId?: string;
}

export interface ReadAllOptions {
  /** Exclusive: only events after this position. Default: from the beginning. */
  readonly fromPosition?: GlobalPosition;
  readonly maxCount?: number;
  readonly filter?: GlobalFilter;
}

export interface ReadAllPage {
  readonly events: readonly RecordedEvent[];
  /** The position to pass as `fromPosition` for the next page; equals the input when nothing was read. */
  readonly lastPosition: GlobalPosition | undefined;
  readonly isEnd: boolean;
}

export type SubscriptionItem =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  | { readonly kind: 'caughtUp'; readonly position: GlobalPosition | undefined };

/** A catch-up subscription: historical events, then one `caughtUp`, then live events; ends on close(). */
export interface Subscription extends AsyncIterable<SubscriptionItem> {
  close(): Promise<void>;
}

export interface SubscribeToAllOptions {
  /** Exclusive. Default: from the beginning of the log. */
  readonly fromPosition?: GlobalPosition;
  readonly filter?: GlobalFilter;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: deliver events after this revision. Default: from the start of the stream. */
  readonly afterRevision?: StreamRevision;
}

export interface StreamMetadata {
  /** Seconds. Events older than this are no longer read from the stream. */
  readonly maxAge?: number;
  /** Only the newest `maxCount` events are read from the stream. */
  readonly maxCount?: number;
  /** Events with a revision below this are no longer read from the stream. */
  readonly truncateBefore?: StreamRevision;
}

export interface DeleteOptions {
  readonly expectedRevision?: ExpectedRevision;
}

export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A missing or soft-deleted stream reads as empty; a tombstoned one throws StreamDeletedError. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToStream(streamName: string, options?: SubscribeToStreamOptions): Subscription;
  getStreamMetadata(streamName: string): Promise<StreamMetadata>;
  setStreamMetadata(streamName: string, metadata: StreamMetadata): Promise<void>;
  /** Soft delete: reads as empty; a later append continues after the last revision. */
  deleteStream(streamName: string, options?: DeleteOptions): Promise<void>;
  /** Hard delete: the stream can never be read or appended to again. */
  tombstoneStream(streamName: string, options?: DeleteOptions): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or `no_stream`. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`Wrong expected version on ${streamName}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamDeletedError extends Error {
  readonly code = 'EVENT_STORE.STREAM_DELETED';
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} is tombstoned`);
    this.name = 'StreamDeletedError';
  }
}
