import { type ChangeNotifier, type ChangeSubscription, type ProjectionChange } from '@orch/application';
import { Client, Pool } from 'pg';
import { parsePayload, payloadChunks } from './payload-chunks';

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
 * subscription holds one dedicated connection. Delivery is at most once, like NOTIFY itself.
 */
export class PostgresChangeNotifier implements ChangeNotifier {
  private readonly pool: Pool;
  private readonly channel: string;
  private readonly listeners = new Set<Client>();

  constructor(private readonly options: PostgresChangeNotifierOptions) {
    this.channel = options.channel ?? DEFAULT_CHANGES_CHANNEL;
    if (!CHANNEL_NAME.test(this.channel)) throw new Error(`Invalid NOTIFY channel "${this.channel}"`);
    this.pool = new Pool({ connectionString: options.connectionString, max: 2, application_name: 'orch-changes' });
    this.pool.on('error', () => undefined);
  }

  async publish(changes: readonly ProjectionChange[]): Promise<void> {
    for (const payload of payloadChunks(changes)) {
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    }
  }

  async subscribe(listener: (changes: readonly ProjectionChange[]) => void): Promise<ChangeSubscription> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: 'orch-changes-listen' });
    client.on('error', () => undefined);
    client.on('notification', (message) => {
      if (message.channel !== this.channel) return;
      const changes = parsePayload(message.payload);
      if (changes.length > 0) listener(changes);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.listeners.add(client);
    return {
      close: async () => {
        if (!this.listeners.delete(client)) return;
        await client.end().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.listeners].map((client) => client.end().catch(() => undefined)));
    this.listeners.clear();
    await this.pool.end();
  }
}
