import type { EventStore, GlobalFilter, GlobalPosition, RecordedEvent } from '@orch/application';
import { RecentEntries } from './recent-entries';

export interface FeedEntry {
  readonly position: number;
  readonly tenantId: string;
}

export interface FeedLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface LiveFeedOptions<E extends FeedEntry> {
  readonly name: string;
  readonly store: EventStore;
  /** Pure: the same event always gives the same entry, live and in a catch-up read. */
  readonly map: (event: RecordedEvent) => E | undefined;
  /** Holds an event back until it may go out (e.g. until its projector committed it). */
  readonly gate?: (event: RecordedEvent, signal: AbortSignal) => Promise<void> | undefined;
  /** Entries kept for catch-ups from memory. Default 10,000. */
  readonly recent?: number;
  /** Events per catch-up read. Default 500. */
  readonly pageSize?: number;
  readonly retryDelayMs?: number;
  readonly logger?: FeedLogger;
}

/** One subscriber's catch-up: which entries are its, how to send one, and when it is live. */
export interface CatchUpRequest<E extends FeedEntry> {
  readonly tenantId: string;
  /** Exclusive. Undefined: live from now. */
  readonly fromPosition?: GlobalPosition;
  /** Narrows the store reads (the tenant is added); `match` must agree with it. */
  readonly filter?: Omit<GlobalFilter, 'tenantId'>;
  readonly match: (entry: E) => boolean;
  readonly deliver: (entry: E) => void;
  /**
   * Called synchronously between two dispatches: from here the subscriber gets live entries
   * (a sink, a room join). Everything up to `position` has gone through `deliver`; undefined:
   * live from the beginning of the log.
   */
  readonly goLive: (position: GlobalPosition | undefined) => void;
  /** Backpressure between catch-up pages (an SSE response draining). */
  readonly ready?: () => Promise<void>;
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly after: number;
  readonly goLive: (position: GlobalPosition) => void;
  readonly signal: AbortSignal | undefined;
}

/**
 * One process's tail of the global log for one kind of live message. It subscribes once, maps
 * each event to an entry, and hands entries to its sinks in log order; `released` is the last
 * event it has handed on. A subscriber catching up reads the store up to `released`, then the
 * recent entries, then goes live in the same synchronous step, so nothing is missed or repeated.
 */
export class LiveFeed<E extends FeedEntry> {
  private released: GlobalPosition | undefined;
  private recent: RecentEntries<E>;
  private readonly sinks = new Set<(entry: E) => void>();
  private waiters: Waiter[] = [];
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;
  private closeSubscription: (() => Promise<void>) | undefined;

  constructor(private readonly options: LiveFeedOptions<E>) {
    this.recent = new RecentEntries<E>(options.recent ?? 10_000, undefined);
  }

  /** @param after start after this position (undefined: the beginning of the log) */
  start(after?: GlobalPosition): void {
    if (this.running) return;
    this.released = after;
    this.recent = new RecentEntries<E>(this.options.recent ?? 10_000, after);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.waiters = [];
    await this.closeSubscription?.();
    await this.running;
  }

  /** The last position handed to the sinks (or the start position). */
  get position(): GlobalPosition | undefined {
    return this.released;
  }

  addSink(sink: (entry: E) => void): () => void {
    this.sinks.add(sink);
    return () => void this.sinks.delete(sink);
  }

  /**
   * Delivers the subscriber's entries after `fromPosition`, then makes it live. Resolves with the
   * position it is live from: later entries reach it through `goLive`'s sink or room.
   */
  async catchUp(request: CatchUpRequest<E>): Promise<GlobalPosition | undefined> {
    if (request.fromPosition === undefined) {
      request.goLive(this.released);
      return this.released;
    }
    let cursor = request.fromPosition;
    for (;;) {
      if (request.signal?.aborted || this.stopping.signal.aborted) throw new Error('catch-up cancelled');
      const released = this.released;
      if (released === undefined || cursor >= released) return this.liveFrom(cursor, released, request);
      if (this.recent.covers(cursor)) {
        const stoppedAt = this.fromRecent(cursor, request);
        if (stoppedAt === undefined) {
          request.goLive(released);
          return released;
        }
        cursor = stoppedAt;
      } else {
        cursor = await this.readPage(cursor, released, request);
      }
      await request.ready?.();
    }
  }

  private liveFrom(cursor: number, released: number | undefined, request: CatchUpRequest<E>): number {
    if (cursor === released) request.goLive(released);
    else this.waiters.push({ after: cursor, goLive: request.goLive, signal: request.signal });
    return cursor;
  }

  private mine(entry: E, request: CatchUpRequest<E>): boolean {
    return entry.tenantId === request.tenantId && request.match(entry);
  }

  /**
   * Delivers recent entries after `cursor`, a page at most: undefined when it reached the newest
   * (the caller goes live in the same step), else the position it stopped at.
   */
  private fromRecent(cursor: number, request: CatchUpRequest<E>): number | undefined {
    let delivered = 0;
    for (const entry of this.recent.after(cursor)) {
      if (delivered >= this.pageSize) return cursor;
      if (this.mine(entry, request)) {
        request.deliver(entry);
        delivered++;
      }
      cursor = entry.position;
    }
    return undefined;
  }

  private get pageSize(): number {
    return this.options.pageSize ?? 500;
  }

  /** Store events in (cursor, target]; returns how far it got. Events after target are the feed's. */
  private async readPage(cursor: number, target: number, request: CatchUpRequest<E>): Promise<number> {
    const page = await this.options.store.readAll({
      fromPosition: cursor,
      maxCount: this.pageSize,
      filter: { ...request.filter, tenantId: request.tenantId },
    });
    for (const event of page.events) {
      if (event.position > target) return target;
      const entry = this.options.map(event);
      if (entry && this.mine(entry, request)) request.deliver(entry);
      cursor = event.position;
    }
    return page.isEnd ? target : cursor;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        const subscription = this.options.store.subscribeToAll(this.released === undefined ? {} : { fromPosition: this.released });
        this.closeSubscription = () => subscription.close();
        for await (const item of subscription) {
          if (signal.aborted) break;
          if (item.kind !== 'event') continue;
          const held = this.options.gate?.(item.event, signal);
          if (held) await held;
          if (!signal.aborted) this.hand(item.event);
        }
      } catch (error) {
        if (signal.aborted) break;
        this.options.logger?.warn({ feed: this.options.name, error: String(error) }, 'live feed lost its subscription; resubscribing');
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private hand(event: RecordedEvent): void {
    if (this.released !== undefined && event.position <= this.released) return;
    this.wakeWaiters(event.position);
    this.released = event.position;
    const entry = this.options.map(event);
    if (!entry) return;
    this.recent.push(entry);
    for (const sink of this.sinks) {
      try {
        sink(entry);
      } catch (error) {
        this.options.logger?.warn({ feed: this.options.name, error: String(error) }, 'live sink failed');
      }
    }
  }

  /** Subscribers waiting for a position ahead of the feed go live just before the first event after it. */
  private wakeWaiters(position: number): void {
    if (this.waiters.length === 0) return;
    const due = this.waiters.filter((waiter) => waiter.after < position && !waiter.signal?.aborted);
    this.waiters = this.waiters.filter((waiter) => waiter.after >= position && !waiter.signal?.aborted);
    for (const waiter of due) waiter.goLive(waiter.after);
  }
}
