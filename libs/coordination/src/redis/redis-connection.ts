import { CoordinationUnavailableError } from '@orch/application';
import { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  readonly redisUrl: string;
  /** Shown by `CLIENT LIST`, so an operator (or a test) can tell the connections apart. */
  readonly connectionName: string;
  /**
   * How long a command may wait for its reply, and a call for the first connection, before it
   * rejects with CoordinationUnavailableError. Default 1000 ms: Redis answers in well under a
   * millisecond, and a lease TTL is many seconds, so a renew that times out can be tried again.
   */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 1_000;
/** Statuses of a connection that is on its way up (first connect, or the handshake of a reconnect). */
const COMING_UP = new Set(['wait', 'connecting', 'connect']);
/** Replies that mean "this server cannot serve you right now", not "your command is wrong". */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN|NOREPLICAS)\b/;

/**
 * One ioredis connection that fails fast. Nothing waits for Redis to come back: no offline queue
 * (a call while disconnected rejects at once), no replay of commands that were in flight when the
 * connection dropped (they reject; a replayed acquire could take a lease its caller gave up on),
 * a reply timeout (a hung server), and a reconnect loop capped at 1 s so the connection is back
 * within about a second of Redis returning. Every failure surfaces as CoordinationUnavailableError.
 */
export class RedisConnection {
  readonly client: Redis;
  private readonly timeoutMs: number;

  constructor(options: RedisConnectionOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.client = new Redis(options.redisUrl, {
      connectionName: options.connectionName,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      // 0: commands in flight when the connection closes are rejected at once, not after N reconnects.
      maxRetriesPerRequest: 0,
      commandTimeout: this.timeoutMs,
      connectTimeout: this.timeoutMs,
      retryStrategy: (attempt) => Math.min(50 * 2 ** (attempt - 1), 1_000),
    });
    this.client.on('error', () => undefined); // surfaced through the failing call as CoordinationUnavailableError
  }

  /** Runs `command` once the connection is up; any failure to reach Redis becomes CoordinationUnavailableError. */
  async run<T>(operation: string, command: (client: Redis) => Promise<T>): Promise<T> {
    await this.ready(operation);
    try {
      return await command(this.client);
    } catch (error) {
      throw unavailable(operation, error);
    }
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /** Waits, bounded, only while the connection is coming up; a disconnected one rejects at once. */
  private async ready(operation: string): Promise<void> {
    const { status } = this.client;
    if (status === 'ready') return;
    if (!COMING_UP.has(status)) throw new CoordinationUnavailableError(operation, { cause: new Error(`connection ${status}`) });
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.client.off('ready', onReady).off('close', onClose);
        if (error) reject(new CoordinationUnavailableError(operation, { cause: error }));
        else resolve();
      };
      const onReady = () => settle();
      const onClose = () => settle(new Error('connection closed before it was ready'));
      const timer = setTimeout(() => settle(new Error(`not connected within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.client.once('ready', onReady).once('close', onClose);
    });
  }
}

function unavailable(operation: string, error: unknown): Error {
  if (error instanceof CoordinationUnavailableError) return error;
  const isReply = error instanceof Error && error.name === 'ReplyError';
  // A reply that is not about availability (a wrong type, a script bug) is a programming error: rethrown as is.
  if (isReply && !UNAVAILABLE_REPLY.test(error.message)) return error;
  return new CoordinationUnavailableError(operation, { cause: error });
}
