import { createClient, type OpencodeClient } from './opencode-sdk';

/** Where a server answers now; `generation` grows each time an owned server is (re)started. */
export interface Endpoint {
  readonly url: string;
  readonly authorization?: string;
  readonly generation: number;
}

export interface EndpointSource {
  /** A live endpoint (an owned server is started or waited for); rejects while none can be had. */
  ready(): Promise<Endpoint>;
  current(): Endpoint | undefined;
}

/** An OpenCode bus event (`payload` of `/global/event`). */
export interface ServerEvent {
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface SessionListener {
  onEvent(event: ServerEvent): void;
  /** The event stream (re)connected: whatever happened while it was down is unknown. */
  onReconnected(): void;
}

export interface ConnectionOptions {
  /** Per request (not the event stream). Default 15 s. */
  readonly requestTimeoutMs?: number;
  /** The stream counts as dead after this long without a frame (the server sends heartbeats). Default 45 s. */
  readonly silenceMs?: number;
  /** Waits between reconnect attempts, the last one repeating. Default 0.2, 0.5, 1, 2, 5 s. */
  readonly reconnectDelaysMs?: readonly number[];
}

/**
 * One connection per server, shared by every run on it: an SDK client per endpoint and ONE
 * long-lived `GET /global/event` consumer (every directory's events), fanned out by session id.
 * The stream cannot resume (no SSE ids), so every (re)connect is announced to the listeners,
 * which reconcile by re-reading their session. It tracks since when the server is unreachable.
 */
export class ServerConnection {
  private readonly listeners = new Map<string, Set<SessionListener>>();
  private readonly clients = new Map<string, Promise<OpencodeClient>>();
  private readonly closing = new AbortController();
  private consuming: Promise<void> | undefined;
  /** Set when an attempt to reach the server fails or its stream drops; a first attempt still under way is not an outage. */
  private downSince: number | undefined;
  private connectedGeneration = 0;

  constructor(
    readonly key: string,
    private readonly source: EndpointSource,
    private readonly options: ConnectionOptions = {},
  ) {}

  /** A connection to no server, for runs that ended and need none. */
  static unavailable(why: string): ServerConnection {
    const fail = (): Promise<Endpoint> => Promise.reject(new Error(why));
    return new ServerConnection('unavailable', { ready: fail, current: () => undefined });
  }

  /** A client on the live endpoint; requests time out after `requestTimeoutMs`. */
  async client(): Promise<OpencodeClient> {
    return this.clientFor(await this.source.ready(), false);
  }

  /** The generation of the server the event stream last connected to. */
  get generation(): number {
    return this.connectedGeneration;
  }

  /** How long the server has been unreachable (0 while the event stream is connected). */
  unreachableForMs(now = Date.now()): number {
    return this.downSince === undefined ? 0 : now - this.downSince;
  }

  subscribe(sessionId: string, listener: SessionListener): () => void {
    const set = this.listeners.get(sessionId) ?? new Set<SessionListener>();
    set.add(listener);
    this.listeners.set(sessionId, set);
    this.consuming ??= this.consume();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(sessionId);
    };
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.consuming;
  }

  private clientFor(endpoint: Endpoint, stream: boolean): Promise<OpencodeClient> {
    const id = `${stream ? 'stream' : 'rpc'} ${endpoint.url} ${endpoint.authorization ?? ''}`;
    let client = this.clients.get(id);
    if (client === undefined) {
      const timeoutMs = this.options.requestTimeoutMs ?? 15_000;
      const timedFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
        const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        const signal = own == null ? AbortSignal.timeout(timeoutMs) : AbortSignal.any([own, AbortSignal.timeout(timeoutMs)]);
        return fetch(input, { ...init, signal });
      };
      client = createClient({
        baseUrl: endpoint.url,
        headers: endpoint.authorization === undefined ? {} : { authorization: endpoint.authorization },
        ...(stream ? {} : { fetch: timedFetch }),
      });
      this.clients.set(id, client);
    }
    return client;
  }

  private async consume(): Promise<void> {
    const delays = this.options.reconnectDelaysMs ?? [200, 500, 1_000, 2_000, 5_000];
    let attempt = 0;
    while (!this.closing.signal.aborted) {
      const connected = await this.consumeOnce().catch(() => false);
      this.downSince ??= Date.now();
      attempt = connected ? 0 : attempt + 1;
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1_000, this.closing.signal);
    }
  }

  /** One stream, until it ends, fails or falls silent; whether it ever connected. */
  private async consumeOnce(): Promise<boolean> {
    const endpoint = await this.source.ready();
    const client = await this.clientFor(endpoint, true);
    const attempt = new AbortController();
    const stop = (): void => attempt.abort();
    this.closing.signal.addEventListener('abort', stop, { once: true });
    const { signal } = attempt;
    let silence: NodeJS.Timeout | undefined;
    const heard = (): void => {
      clearTimeout(silence);
      silence = setTimeout(() => attempt.abort(), this.options.silenceMs ?? 45_000);
    };
    let connected = false;
    try {
      heard();
      const { stream } = await client.global.event({ signal, sseMaxRetryAttempts: 1 });
      for await (const frame of stream) {
        heard();
        const payload = (frame as { payload?: ServerEvent }).payload;
        if (payload === undefined || typeof payload.type !== 'string') continue;
        if (payload.type === 'server.connected') {
          connected = true;
          this.connected(endpoint);
        } else this.dispatch(payload);
      }
    } finally {
      clearTimeout(silence);
      attempt.abort();
      this.closing.signal.removeEventListener('abort', stop);
    }
    return connected;
  }

  private connected(endpoint: Endpoint): void {
    this.downSince = undefined;
    this.connectedGeneration = endpoint.generation;
    for (const set of this.listeners.values()) for (const listener of [...set]) listener.onReconnected();
  }

  private dispatch(event: ServerEvent): void {
    const sessionId = event.properties?.['sessionID'];
    if (typeof sessionId !== 'string') return;
    for (const listener of [...(this.listeners.get(sessionId) ?? [])]) listener.onEvent(event);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
