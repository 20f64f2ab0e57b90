import { type ChangeNotifier, type ChangeSubscription, type ProjectionChange } from '@orch/application';
import { Pool } from 'pg';
import { ListenConnection } from './listen-connection';
import { LocalDelivery } from './local-delivery';
import { payloadChunks } from './payload-chunks';

export const DEFAULT_CHANGES_CHANNEL = 'orch_changes';

export interface PostgresChangeNotifierOptions {
  readonly connectionString: string;
  /** Default `orch_changes`. */
  readonly channel?: string;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * ChangeNotifier over PostgreSQL LISTEN/NOTIFY: every process listening on the channel (API nodes
 * with their socket.io gateways) receives every change. Publishing uses a small pool; each
 * subscription holds one dedicated connection. Subscribers of the publishing notifier itself (the
 * api's gateway when the projector runs in the same process) get a batch at once, before the NOTIFY
 * (LocalDelivery). Delivery is at most once, like NOTIFY itself: changes published while a listener
 * reconnects are missed, so clients refetch on reconnect.
 */
export class PostgresChangeNotifier implements ChangeNotifier {
  private readonly pool: Pool;
  private readonly channel: string;
  private readonly listeners = new Set<ListenConnection>();
  private readonly local = new LocalDelivery();

  constructor(private readonly options: PostgresChangeNotifierOptions) {
    this.channel = options.channel ?? DEFAULT_CHANGES_CHANNEL;
    if (!CHANNEL_NAME.test(this.channel)) throw new Error(`Invalid NOTIFY channel "${this.channel}"`);
    this.pool = new Pool({ connectionString: options.connectionString, max: 2, application_name: 'orch-changes' });
    this.pool.on('error', () => undefined);
    // A checked-out client whose connection the server drops (restart) emits 'error' too: the query in flight
    // fails with it; without a listener the process would crash.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async publish(changes: readonly ProjectionChange[]): Promise<void> {
    this.local.deliver(changes);
    for (const payload of payloadChunks(changes, undefined, this.local.origin)) {
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    }
  }

  async subscribe(listener: (changes: readonly ProjectionChange[]) => void): Promise<ChangeSubscription> {
    const connection = new ListenConnection(this.options.connectionString, this.channel, this.local.remote(listener));
    await connection.open();
    this.listeners.add(connection);
    this.local.add(listener);
    return {
      close: async () => {
        this.local.remove(listener);
        if (this.listeners.delete(connection)) await connection.close();
      },
    };
  }

  async close(): Promise<void> {
    this.local.clear();
    await Promise.all([...this.listeners].map((connection) => connection.close()));
    this.listeners.clear();
    await this.pool.end();
  }
}
