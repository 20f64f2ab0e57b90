export const API_KEY_ROLES = ['admin', 'operator', 'auditor', 'integrator', 'agent'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export interface ApiKeyIssued {
  readonly type: 'ApiKeyIssued';
  readonly data: {
    readonly apiKeyId: string;
    readonly tenantId: string;
    readonly name: string;
    readonly role: ApiKeyRole;
    readonly agentId?: string;
    readonly keyHash: string;
    readonly prefix: string;
    readonly expiresAt?: string;
    readonly at: string;
  };
}

export interface ApiKeyRevoked {
  readonly type: 'ApiKeyRevoked';
  readonly data: { readonly at: string };
}

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;
