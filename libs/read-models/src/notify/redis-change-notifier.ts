import { type ChangeNotifier, type ChangeSubscription, type ProjectionChange } from '@orch/application';
import { Redis } from 'ioredis';
import { LocalDelivery } from './local-delivery';
import { parseMessage } from './payload-chunks';

export interface RedisChangeNotifierOptions {
  readonly redisUrl: string;
  /** Prefix of the pub/sub channel, e.g. per deployment or per test run. Default `orch:`. */
  readonly keyPrefix?: string;
}

/** Messages stay well below Redis' limits and keep one slow subscriber from buffering megabytes. */
const MAX_CHANGES_PER_MESSAGE = 500;

/**
 * ChangeNotifier over Redis pub/sub, used when `REDIS_URL` is set: every API node's gateway
 * receives every change. Publishing shares one connection; each subscription holds its own
 * subscriber connection, which ioredis reconnects and re-subscribes on its own. Subscribers of the
 * publishing notifier itself get a batch at once, before the round trip (LocalDelivery). Delivery is at
 * most once, like NOTIFY: changes published while a subscriber reconnects are missed, so clients
 * refetch on reconnect.
 */
export class RedisChangeNotifier implements ChangeNotifier {
  readonly channel: string;
  private readonly publisher: Redis;
  private readonly subscribers = new Set<Redis>();
  private readonly local = new LocalDelivery();

  constructor(private readonly options: RedisChangeNotifierOptions) {
    this.channel = `${options.keyPrefix ?? 'orch:'}changes`;
    this.publisher = connect(options.redisUrl, `orch-changes-pub:${this.channel}`);
  }

  async publish(changes: readonly ProjectionChange[]): Promise<void> {
    this.local.deliver(changes);
    for (let start = 0; start < changes.length; start += MAX_CHANGES_PER_MESSAGE) {
      const message = { origin: this.local.origin, changes: changes.slice(start, start + MAX_CHANGES_PER_MESSAGE) };
      await this.publisher.publish(this.channel, JSON.stringify(message));
    }
  }

  async subscribe(listener: (changes: readonly ProjectionChange[]) => void): Promise<ChangeSubscription> {
    const subscriber = connect(this.options.redisUrl, `orch-changes-sub:${this.channel}`);
    const remote = this.local.remote(listener);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const { origin, changes } = parseMessage(message);
      remote(origin, changes);
    });
    try {
      await subscriber.subscribe(this.channel);
    } catch (error) {
      subscriber.disconnect();
      throw error;
    }
    this.subscribers.add(subscriber);
    this.local.add(listener);
    return {
      close: async () => {
        this.local.remove(listener);
        if (this.subscribers.delete(subscriber)) await quit(subscriber);
      },
    };
  }

  async close(): Promise<void> {
    this.local.clear();
    await Promise.all([...this.subscribers].map(quit));
    this.subscribers.clear();
    await quit(this.publisher);
  }
}

function connect(url: string, connectionName: string): Redis {
  // Commands fail fast while disconnected instead of queueing for ever; reconnects keep trying.
  const client = new Redis(url, { connectionName, maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false });
  client.on('error', () => undefined); // surfaced through the failing command; logged by the caller
  return client;
}

async function quit(client: Redis): Promise<void> {
  await client.quit().catch(() => client.disconnect());
}
