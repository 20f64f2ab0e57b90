import type { Command } from '@orch/kernel';

export type IssueApiKey = Command<
  'IssueApiKey',
  {
    readonly apiKeyId: string;
    readonly name: string;
    readonly role: string;
    readonly agentId?: string;
    /** sha256 hex of the secret; the secret itself never reaches the domain. */
    readonly keyHash: string;
    readonly prefix: string;
    readonly expiresAt?: string;
  }
>;
export type RevokeApiKey = Command<'RevokeApiKey', { readonly apiKeyId: string }>;
export type ApiKeyCommand = IssueApiKey | RevokeApiKey;
