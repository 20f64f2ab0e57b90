import { type ProjectionChange } from '@orch/application';
import { Client } from 'pg';
import { parseMessage } from './payload-chunks';

const RECONNECT_DELAY_MS = 1000;

/** One LISTEN connection that reconnects after the server drops it, until closed. */
export class ListenConnection {
  private client: Client | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly listener: (origin: string | undefined, changes: readonly ProjectionChange[]) => void,
  ) {}

  async open(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString, application_name: 'orch-changes-listen' });
    client.on('error', () => undefined);
    client.on('end', () => {
      if (client === this.client) this.reconnectLater();
    });
    client.on('notification', (message) => {
      if (message.channel !== this.channel) return;
      const { origin, changes } = parseMessage(message.payload);
      if (changes.length > 0) this.listener(origin, changes);
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => undefined);
  }

  private reconnectLater(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.open().catch(() => this.reconnectLater());
    }, RECONNECT_DELAY_MS);
  }
}
