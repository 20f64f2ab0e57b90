import type { EventLogEntry } from '@orch/contracts';
import { keyRows } from './key-commands';

const event = (type: string, stream: string, recordedAt: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): EventLogEntry => ({
  position: 1, streamName: stream, category: 'apikey', revision: 0, id: 'e', type, actor: 'user:k', actorKind: 'user', correlationId: null, causationId: null, commandId: null, recordedAt, data, metadata,
});

describe('keyRows', () => {
  it('given issued and revoked events of two keys, when folded, then one row per key with its revocation and reason, never the hash', () => {
    const rows = keyRows([
      event('ApiKeyIssued', 'apikey-1', '2026-01-01T00:00:00Z', { name: 'ci', role: 'integrator', prefix: 'orch_ab', keyHash: '[redacted]' }),
      event('ApiKeyIssued', 'apikey-2', '2026-01-02T00:00:00Z', { name: 'bot', role: 'agent', prefix: 'orch_cd', agentId: 'a-1', expiresAt: '2027-01-01T00:00:00Z' }),
      event('ApiKeyRevoked', 'apikey-1', '2026-01-03T00:00:00Z', { apiKeyId: '1' }, { reason: 'rotated' }),
    ]);
    expect(rows).toEqual([
      { id: '1', name: 'ci', role: 'integrator', prefix: 'orch_ab', agentId: null, expiresAt: null, issuedAt: '2026-01-01T00:00:00Z', revokedAt: '2026-01-03T00:00:00Z', revokeReason: 'rotated' },
      { id: '2', name: 'bot', role: 'agent', prefix: 'orch_cd', agentId: 'a-1', expiresAt: '2027-01-01T00:00:00Z', issuedAt: '2026-01-02T00:00:00Z', revokedAt: null, revokeReason: null },
    ]);
    expect(JSON.stringify(rows)).not.toContain('keyHash');
  });
});
