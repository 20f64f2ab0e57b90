import { Client, type ClientConfig } from 'pg';

const RECONNECT_DELAY_MS = 1000;

/**
 * One LISTEN connection per store, shared by all of its subscribers, so a subscriber never holds a
 * pool client between reads. A notification only means "something committed, read again"; losing
 * one (a reconnect, an unrelated long transaction) only delays delivery until the fallback poll.
 */
export class AppendNotifier {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryAfter = 0;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
  ) {}

  /** Bumped on every notification: read it before a query, pass it to wait() after. */
  get version(): number {
    return this.generation;
  }

  /** Starts listening when not already; never throws, since polling covers a missing connection. */
  async listen(): Promise<void> {
    if (this.client || this.closed || Date.now() < this.retryAfter) return this.connecting;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Resolves at the first notification after `seen`, after `timeoutMs`, or when `signal` aborts. */
  wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (seen !== this.generation || signal.aborted || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    client.on('notification', () => this.wakeAll());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.retryAfter = Date.now() + RECONNECT_DELAY_MS;
      await client.end().catch(() => undefined);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Commits that happened before LISTEN took effect sent nobody a notification: read again.
    this.wakeAll();
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.wakeAll();
  }

  private wakeAll(): void {
    this.generation += 1;
    for (const wake of [...this.waiters]) wake();
  }
}
