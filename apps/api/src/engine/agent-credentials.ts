import { createHmac } from 'node:crypto';
import { handleCommand, type AgentAccess, type AgentCredentials, type Clock, type EventStore, type Ids } from '@orch/application';
import { apiKeyDecider } from '@orch/domain-access';
import type { ApiKeyDirectory } from '../auth/api-key-directory';
import { hashKey, keyPrefix } from '../auth/key-secret';

export interface DerivedAgentCredentialsOptions {
  readonly store: EventStore;
  readonly ids: Ids;
  readonly clock: Clock;
  readonly directory: ApiKeyDirectory;
  /** The engine secret the keys derive from (≥ 32 characters; the same for every engine of a deployment). */
  readonly secret: string;
  /** Where agents reach the api, e.g. `http://127.0.0.1:3000/api/v1`. */
  readonly apiUrl: () => string | undefined;
}

/**
 * One api key per agent, role `agent`, for talking back (writing what it learned into context).
 * The secret derives from the engine secret and the agent id (HMAC), so every engine of the
 * deployment, and the same engine after a restart, hands out the same key without storing it;
 * only its hash is recorded (`ApiKeyIssued`, once, by `system:engine`).
 */
export class DerivedAgentCredentials implements AgentCredentials {
  private readonly issued = new Map<string, Promise<void>>();

  constructor(private readonly options: DerivedAgentCredentialsOptions) {}

  async accessFor(agent: { readonly tenantId: string; readonly agentId: string }): Promise<AgentAccess | undefined> {
    const apiUrl = this.options.apiUrl();
    if (apiUrl === undefined) return undefined;
    const apiKeyId = this.options.ids.derive(`agent-key/${agent.agentId}`);
    const digest = createHmac('sha256', this.options.secret).update(`agent-key/${agent.tenantId}/${agent.agentId}`).digest('base64url');
    const token = `orch_${apiKeyId.replaceAll('-', '')}_${digest}`;
    await this.ensureIssued(apiKeyId, token, agent);
    return { apiUrl, token };
  }

  private ensureIssued(apiKeyId: string, token: string, agent: { tenantId: string; agentId: string }): Promise<void> {
    let issuing = this.issued.get(apiKeyId);
    if (issuing === undefined) {
      issuing = this.issue(apiKeyId, token, agent).catch((error: unknown) => {
        this.issued.delete(apiKeyId);
        throw error;
      });
      this.issued.set(apiKeyId, issuing);
    }
    return issuing;
  }

  private async issue(apiKeyId: string, token: string, agent: { tenantId: string; agentId: string }): Promise<void> {
    const { store, ids, clock, directory } = this.options;
    if (await directory.exists(apiKeyId)) return;
    await handleCommand(
      { store, ids },
      { decider: apiKeyDecider, streamName: `apikey-${apiKeyId}`, aggregateId: apiKeyId, notFound: 'APIKEY.NOT_FOUND' },
      {
        type: 'IssueApiKey',
        data: { apiKeyId, name: `agent ${agent.agentId}`, role: 'agent', agentId: agent.agentId, keyHash: hashKey(token), prefix: keyPrefix(token) },
        metadata: { commandId: ids.derive(`issue/${apiKeyId}`), actor: 'system:engine', tenantId: agent.tenantId, now: clock.now(), correlationId: apiKeyId },
      },
    );
  }
}
