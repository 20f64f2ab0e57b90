import {
  eventStreamSearch,
  EVENT_STREAM_PATH,
  SSE_DISCONNECT_EVENT,
  type EventStreamQuery,
  type LiveEvent,
  type SseDisconnect,
} from '@orch/contracts';
import { OrchProblemError, problemFrom } from './problem-error';
import { parseSse, textChunks } from './sse-parser';
import type { Transport } from './transport';

export interface EventStreamOptions {
  readonly signal?: AbortSignal;
  /** Resume after this id (as from an earlier stream); wins over `query.from`. */
  readonly lastEventId?: string;
  /** Called when the server ends the stream with a reason; the iterator then reconnects. */
  readonly onDisconnect?: (notice: SseDisconnect) => void;
  /** Called after a dropped connection, before the next attempt. */
  readonly onReconnect?: (attempt: number, lastEventId: string | undefined) => void;
  /** Longest pause between reconnection attempts. Default 10,000 ms. */
  readonly maxBackoffMs?: number;
}

/** The iterator's position: resume a later stream with `lastEventId`. */
export interface StreamCursor {
  lastEventId: string | undefined;
}

/**
 * `GET /events/stream` as an async iterator that survives drops: it reconnects by itself with
 * `Last-Event-ID` set to the last id it saw (an event's position, or the caught-up marker), so
 * the events it yields have no gap and no duplicate. A 4xx answer (bad key, bad query) ends it
 * with an OrchProblemError; network errors and 5xx are retried with back-off.
 */
export async function* streamEvents(
  http: Transport,
  query: EventStreamQuery = {},
  options: EventStreamOptions = {},
  cursor: StreamCursor = { lastEventId: options.lastEventId ?? (query.from === undefined ? undefined : String(query.from)) },
): AsyncGenerator<LiveEvent, void, undefined> {
  const { from: _from, ...filters } = query;
  let retryMs = 1_000;
  let failures = 0;
  while (!options.signal?.aborted) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      const response = await http.fetch(`${http.apiBase}${EVENT_STREAM_PATH}${eventStreamSearch(filters)}`, {
        headers: { ...http.headers(false), accept: 'text/event-stream', ...(cursor.lastEventId ? { 'last-event-id': cursor.lastEventId } : {}) },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const problem = problemFrom(response.status, await response.json().catch(() => undefined), response.url);
        if (response.status < 500) throw new OrchProblemError(problem);
        throw new Error(`event stream answered ${response.status}`);
      }
      for await (const frame of parseSse(textChunks(response.body))) {
        if (frame.retry !== undefined) retryMs = frame.retry;
        if (frame.event === SSE_DISCONNECT_EVENT) {
          options.onDisconnect?.(JSON.parse(frame.data) as SseDisconnect);
          break;
        }
        if (frame.id !== undefined) cursor.lastEventId = frame.id;
        failures = 0;
        // Recorded events have no `event:` name; `caught-up` only moves the cursor.
        if (frame.event === undefined && frame.data) yield JSON.parse(frame.data) as LiveEvent;
      }
    } catch (error) {
      if (error instanceof OrchProblemError || options.signal?.aborted) {
        if (options.signal?.aborted) return;
        throw error;
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
      controller.abort();
    }
    failures++;
    options.onReconnect?.(failures, cursor.lastEventId);
    await pause(Math.min(options.maxBackoffMs ?? 10_000, retryMs * 2 ** Math.min(failures - 1, 6)), options.signal);
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
