import type { ApiKeyRole } from '@orch/domain-access';

/** Who is calling: resolved from the API key on every request. */
export interface Principal {
  readonly apiKeyId: string;
  readonly tenantId: string;
  readonly role: ApiKeyRole;
  readonly agentId?: string;
  /** `agent_token`: an http agent's registration token, good for the agent endpoints only. Default an API key. */
  readonly credential?: 'api_key' | 'agent_token';
}
