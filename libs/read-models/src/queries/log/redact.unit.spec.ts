import { REDACTED, redactCredentials } from './redact';

describe('redactCredentials', () => {
  it('given an ApiKeyIssued payload, then the key hash is redacted and everything else kept', () => {
    const data = { apiKeyId: 'k', role: 'operator', keyHash: 'a'.repeat(64), prefix: 'orch_abc', at: '2025-01-01T00:00:00.000Z' };
    expect(redactCredentials(data)).toEqual({ ...data, keyHash: REDACTED });
    expect(data.keyHash).toBe('a'.repeat(64));
  });

  it('given a token hash nested in a runtime config or in a list, then it is redacted at any depth', () => {
    const data = { runtime: { kind: 'http', config: { endpointUrl: 'https://x', tokenHash: 'b'.repeat(64) } }, changes: [{ tokenHash: 'c' }] };
    expect(redactCredentials(data)).toEqual({
      runtime: { kind: 'http', config: { endpointUrl: 'https://x', tokenHash: REDACTED } },
      changes: [{ tokenHash: REDACTED }],
    });
  });

  it('given values that are not objects, then they pass through', () => {
    expect(redactCredentials(null)).toBeNull();
    expect(redactCredentials('keyHash')).toBe('keyHash');
    expect(redactCredentials([1, 'two'])).toEqual([1, 'two']);
  });
});
