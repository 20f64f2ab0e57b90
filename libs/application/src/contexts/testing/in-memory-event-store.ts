import {
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadStreamOptions,
  type RecordedEvent,
} from '../../ports/event-store.port';

/**
 * Just enough of the EventStore port for the use-case specs: streams, expected revisions, idempotent
 * re-sends by event id. The real adapters are held to the whole port by the contract suite.
 */
export class InMemoryEventStore implements Pick<EventStore, 'appendToStream' | 'readStream'> {
  readonly all: RecordedEvent[] = [];
  /** Runs before each append; a test may throw from it or write to the store to simulate a race. */
  beforeAppend: (streamName: string) => Promise<void> = async () => undefined;

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    await this.beforeAppend(streamName);
    const stream = this.stream(streamName);
    const resent = stream.filter((event) => events.some((e) => e.id === event.id));
    if (resent.length === events.length && resent.length > 0) return this.resultOf(resent);
    this.check(streamName, stream, options.expectedRevision ?? 'any');
    const recorded = events.map((event, index) => this.record(streamName, event, stream.length + index));
    this.all.push(...recorded);
    return this.resultOf(recorded);
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.stream(streamName).filter((event) => options.fromRevision === undefined || event.revision >= options.fromRevision);
    return options.maxCount === undefined ? stream : stream.slice(0, options.maxCount);
  }

  stream(streamName: string): RecordedEvent[] {
    return this.all.filter((event) => event.streamName === streamName);
  }

  asPort(): EventStore {
    return this as unknown as EventStore;
  }

  private check(streamName: string, stream: readonly RecordedEvent[], expected: ExpectedRevision): void {
    const actual = stream.length === 0 ? 'no_stream' : stream.length - 1;
    const ok = expected === 'any' || expected === actual || (expected === 'stream_exists' && actual !== 'no_stream');
    if (!ok) throw new WrongExpectedVersionError(streamName, expected, actual);
  }

  private record(streamName: string, event: EventToAppend, revision: number): RecordedEvent {
    const position = this.all.length + 1;
    return { ...event, streamName, revision, position, recordedAt: '2026-01-01T00:00:00.000Z' };
  }

  private resultOf(recorded: readonly RecordedEvent[]): AppendResult {
    const last = recorded[recorded.length - 1] as RecordedEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}
