import { SSE_CAUGHT_UP_EVENT, SSE_DISCONNECT_EVENT, type SseCaughtUp, type SseDisconnect } from '@orch/contracts';
import type { EventEntry, LiveFeed, Selector } from '@orch/live';
import type { Response } from 'express';

export interface SseOptions {
  readonly tenantId: string;
  readonly fromPosition?: number;
  readonly selector: Selector<EventEntry>;
  readonly maxBufferBytes: number;
  readonly heartbeatMs: number;
}

/** How long a client that was cut off may take to read the notice before its socket is destroyed. */
const GRACE_MS = 10_000;

/**
 * One SSE response on the events feed. Catch-up pages wait for the response to drain; live
 * entries are written as they come, and a client whose unread bytes pass `maxBufferBytes` gets
 * a `disconnect` message with the id to resume from, then the end of the stream. Memory per
 * client is bounded by that limit plus one catch-up page.
 */
export class SseConnection {
  private readonly controller = new AbortController();
  private lastEventId: number | null = null;
  private removeSink: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly response: Response,
    private readonly options: SseOptions,
  ) {}

  async open(feed: LiveFeed<EventEntry>): Promise<void> {
    this.response.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.response.flushHeaders();
    this.response.write('retry: 2000\n\n');
    this.response.on('close', () => this.cleanUp());
    this.heartbeat = setInterval(() => this.response.write(`: heartbeat ${new Date().toISOString()}\n\n`), this.options.heartbeatMs);
    const { tenantId, fromPosition, selector } = this.options;
    try {
      await feed.catchUp({
        tenantId,
        fromPosition,
        ...selector,
        signal: this.controller.signal,
        deliver: (entry) => this.write(entry),
        ready: () => this.drained(),
        goLive: (position) => {
          if (this.controller.signal.aborted) return;
          if (position !== undefined) this.caughtUp(position);
          this.removeSink = feed.addSink((entry) => {
            if (entry.tenantId === tenantId && selector.match(entry)) this.writeLive(entry);
          });
        },
      });
    } catch (error) {
      if (!this.controller.signal.aborted) throw error;
    }
  }

  /** Ends the stream with a reason (server shutdown, slow consumer). */
  end(notice: Omit<SseDisconnect, 'lastEventId'>): void {
    if (this.controller.signal.aborted) return;
    this.cleanUp();
    const data: SseDisconnect = { ...notice, lastEventId: this.lastEventId === null ? null : String(this.lastEventId) };
    this.response.end(`event: ${SSE_DISCONNECT_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
    setTimeout(() => this.response.destroy(), GRACE_MS).unref();
  }

  get closed(): Promise<void> {
    return new Promise((resolve) => (this.controller.signal.aborted ? resolve() : this.controller.signal.addEventListener('abort', () => resolve())));
  }

  private caughtUp(position: number): void {
    const data: SseCaughtUp = { position };
    this.response.write(`id: ${position}\nevent: ${SSE_CAUGHT_UP_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
    this.lastEventId = position;
  }

  private write(entry: EventEntry): void {
    this.response.write(`id: ${entry.position}\ndata: ${JSON.stringify(entry.event)}\n\n`);
    this.lastEventId = entry.position;
  }

  private writeLive(entry: EventEntry): void {
    this.write(entry);
    if (this.response.writableLength > this.options.maxBufferBytes) {
      this.end({ reason: 'slow_consumer', message: `More than ${this.options.maxBufferBytes} bytes waited for this client; resume from lastEventId` });
    }
  }

  /** Catch-up backpressure; a client that stops reading mid catch-up is cut off like a slow one. */
  private drained(): Promise<void> {
    if (this.response.writableLength <= this.options.maxBufferBytes / 2 || this.controller.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const stall = setTimeout(() => {
        this.end({ reason: 'slow_consumer', message: 'The client stopped reading during the catch-up; resume from lastEventId' });
        resolve();
      }, 30_000);
      stall.unref();
      this.response.once('drain', () => {
        clearTimeout(stall);
        resolve();
      });
    });
  }

  private cleanUp(): void {
    this.controller.abort();
    clearInterval(this.heartbeat);
    this.removeSink?.();
  }
}
