import type { CommandMetadata } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { apiKeyDecider } from './apikey.decide';
import type { ApiKeyIssued } from './apikey.events';

const NOW = '2026-11-23T10:00:00.000Z';
const KEY_ID = '0190f5b2-7c4e-7a10-8b2d-3c4d5e6f7a8b';
const HASH = 'a'.repeat(64);
const meta = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  commandId: 'c1',
  actor: 'user:admin-key',
  tenantId: 'tenant-a',
  now: NOW,
  correlationId: 'corr',
  ...overrides,
});
const issue = (data: Record<string, unknown> = {}) => ({
  type: 'IssueApiKey' as const,
  data: { apiKeyId: KEY_ID, name: ' ci bot ', role: 'operator', keyHash: HASH, prefix: 'orch_abc', ...data },
  metadata: meta(),
});
const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: { apiKeyId: KEY_ID, tenantId: 'tenant-a', name: 'ci bot', role: 'operator', keyHash: HASH, prefix: 'orch_abc', at: NOW },
};
const revoke = (reason?: string) => ({
  type: 'RevokeApiKey' as const,
  data: { apiKeyId: KEY_ID },
  metadata: meta(reason === undefined ? {} : { reason }),
});

describe('ApiKey', () => {
  it('given nothing, when a key is issued, then ApiKeyIssued carries the trimmed name and the tenant', () => {
    spec(apiKeyDecider).given([]).when(issue()).then([issued]);
  });

  it.each([
    [{ role: 'root' }, 'role'],
    [{ name: '' }, 'name'],
    [{ keyHash: 'not-a-hash' }, 'keyHash'],
    [{ role: 'agent' }, 'agentId'],
    [{ agentId: KEY_ID }, 'agentId'],
    [{ expiresAt: '2020-01-01T00:00:00.000Z' }, 'expiresAt'],
  ])('given nothing, when issued with %o, then %s is invalid', (data, field) => {
    spec(apiKeyDecider).given([]).when(issue(data)).thenThrows('COMMAND.FIELD_INVALID', { field });
  });

  it('given an issued key, when revoked with a reason, then ApiKeyRevoked', () => {
    spec(apiKeyDecider).given([issued]).when(revoke('leaked')).then([{ type: 'ApiKeyRevoked', data: { at: NOW } }]);
  });

  it('given an issued key, when revoked without a reason, then a reason is required', () => {
    spec(apiKeyDecider).given([issued]).when(revoke()).thenThrows('COMMAND.REASON_REQUIRED');
  });

  it('given a revoked key, when revoked again, then APIKEY.ALREADY_REVOKED', () => {
    spec(apiKeyDecider)
      .given([issued, { type: 'ApiKeyRevoked', data: { at: NOW } }])
      .when(revoke('again'))
      .thenThrows('APIKEY.ALREADY_REVOKED', { apiKeyId: KEY_ID });
  });

  it('given nothing, when revoked, then APIKEY.NOT_FOUND', () => {
    spec(apiKeyDecider).given([]).when(revoke('x')).thenThrows('APIKEY.NOT_FOUND');
  });
});
