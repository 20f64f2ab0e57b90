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

describe('loadConfig: the agent heartbeat timeout (External Agent Protocol)', () => {
  it('given nothing set, then http agents go offline 90 s after their last heartbeat; given ORCH_AGENT_HEARTBEAT_TIMEOUT_MS, then after that', () => {
    expect(loadConfig({}).engine.heartbeatTimeoutMs).toBe(90_000);
    expect(loadConfig({ ORCH_AGENT_HEARTBEAT_TIMEOUT_MS: '2000' }).engine.heartbeatTimeoutMs).toBe(2000);
  });

  it('given a timeout under a second, over an hour, or not a whole number, then the boot fails naming it', () => {
    for (const value of ['999', '3600001', '1.5', 'soon']) {
      expect(() => loadConfig({ ORCH_AGENT_HEARTBEAT_TIMEOUT_MS: value })).toThrow(/ORCH_AGENT_HEARTBEAT_TIMEOUT_MS/);
    }
  });
});
