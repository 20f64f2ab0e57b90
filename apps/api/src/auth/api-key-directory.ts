import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@orch/application';
import type { ApiKeyIssued } from '@orch/domain-access';
import type { Principal } from './principal';

interface KeyEntry extends Principal {
  readonly expiresAt?: string;
  revoked: boolean;
}

/**
 * Looks API keys up by hash. Kept current by a catch-up subscription on the `apikey-` streams;
 * a miss first catches up with the log, so a key works the moment its issuing command returned.
 */
export class ApiKeyDirectory {
  private readonly byHash = new Map<string, KeyEntry>();
  private readonly byId = new Map<string, KeyEntry>();
  private position: GlobalPosition | undefined;
  private subscription: Subscription | undefined;

  constructor(private readonly store: EventStore) {}

  async start(): Promise<void> {
    await this.catchUp();
    this.subscription = this.store.subscribeToAll({
      ...(this.position === undefined ? {} : { fromPosition: this.position }),
      filter: { streamPrefixes: ['apikey-'] },
    });
    void this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  async find(keyHash: string, now: string): Promise<Principal | undefined> {
    if (!this.byHash.has(keyHash)) await this.catchUp();
    const entry = this.byHash.get(keyHash);
    if (!entry || entry.revoked || (entry.expiresAt !== undefined && entry.expiresAt <= now)) return undefined;
    const { apiKeyId, tenantId, role, agentId } = entry;
    return { apiKeyId, tenantId, role, ...(agentId === undefined ? {} : { agentId }) };
  }

  hasKeyHash(keyHash: string): boolean {
    return this.byHash.has(keyHash);
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        ...(this.position === undefined ? {} : { fromPosition: this.position }),
        filter: { streamPrefixes: ['apikey-'] },
        maxCount: 500,
      });
      page.events.forEach((event) => this.apply(event));
      if (page.isEnd || page.events.length === 0) return;
    }
  }

  private async follow(subscription: Subscription): Promise<void> {
    for await (const item of subscription) {
      if (item.kind === 'event') this.apply(item.event);
    }
  }

  private apply(event: RecordedEvent): void {
    if (this.position !== undefined && event.position <= this.position) return;
    this.position = event.position;
    if (event.type === 'ApiKeyIssued') {
      const data = event.data as ApiKeyIssued['data'];
      const entry: KeyEntry = {
        apiKeyId: data.apiKeyId,
        tenantId: data.tenantId,
        role: data.role,
        ...(data.agentId === undefined ? {} : { agentId: data.agentId }),
        ...(data.expiresAt === undefined ? {} : { expiresAt: data.expiresAt }),
        revoked: false,
      };
      this.byHash.set(data.keyHash, entry);
      this.byId.set(data.apiKeyId, entry);
    } else if (event.type === 'ApiKeyRevoked') {
      const entry = this.byId.get(event.streamName.slice('apikey-'.length));
      if (entry) entry.revoked = true;
    }
  }
}
