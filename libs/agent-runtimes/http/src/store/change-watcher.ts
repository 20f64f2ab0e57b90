import { Client } from 'pg';
import { CHANNEL } from './schema';

/**
 * Wakes waiters when a run (`run:<id>`) or an agent's queue (`agent:<id>`) changes, from
 * LISTEN `agent_protocol`. A wait also ends after `ms` regardless, so a lost notification (or a
 * listener that is reconnecting) only costs a poll interval, never a stuck run.
 */
export class ChangeWatcher {
  private readonly waiters = new Map<string, Set<() => void>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  /** Resolves on the next change of `key`, or after `ms`. */
  async changed(key: string, ms: number): Promise<void> {
    if (this.closed) return;
    void this.listen();
    await new Promise<void>((resolve) => {
      const set = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const set of [...this.waiters.values()]) for (const wake of [...set]) wake();
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private listen(): Promise<void> {
    if (this.client !== null || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: 'orchestrator-agent-protocol-listen' });
      client.on('notification', (message) => this.wake(message.payload ?? ''));
      client.on('error', () => {
        // Dropped: the next wait connects again; until then waits end by their timeout (a poll).
        if (this.client === client) this.client = null;
        void client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        if (this.closed) await client.end();
        else this.client = client;
      } catch {
        await client.end().catch(() => undefined);
      }
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private wake(key: string): void {
    for (const wake of [...(this.waiters.get(key) ?? [])]) wake();
  }
}
