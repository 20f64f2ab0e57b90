import { ConfigError, loadConfig } from './config';

describe('loadConfig: the read side', () => {
  it('given nothing set, then read-your-writes waits 5 s, Redis keys start with orch:, every role runs', () => {
    const config = loadConfig({});
    expect(config.readYourWritesTimeoutMs).toBe(5000);
    expect(config.redisKeyPrefix).toBe('orch:');
    expect([...config.roles]).toEqual(['api', 'projector', 'engine']);
  });

  it('given ORCH_READ_WAIT_MS, REDIS_KEY_PREFIX and ROLES, then they are taken', () => {
    const config = loadConfig({ ORCH_READ_WAIT_MS: '250', REDIS_KEY_PREFIX: 'test:1:', ROLES: 'api' });
    expect(config).toMatchObject({ readYourWritesTimeoutMs: 250, redisKeyPrefix: 'test:1:' });
    expect([...config.roles]).toEqual(['api']);
  });

  it('given a wait that is not a number of milliseconds up to a minute, then the boot fails naming it', () => {
    for (const value of ['-1', '1.5', 'soon', '60001']) {
      expect(() => loadConfig({ ORCH_READ_WAIT_MS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ORCH_READ_WAIT_MS: value })).toThrow(/ORCH_READ_WAIT_MS/);
    }
  });
});
