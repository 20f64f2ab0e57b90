import { childEnvironment, envSecretResolver, redactor } from './child-env';

describe('child environment', () => {
  it('inherits only the listed names and lays the agent env on top, secrets resolved', async () => {
    const env = await childEnvironment({ HOME: '/agent-home', KEY: 'secret:anthropic.key' }, envSecretResolver({ ORCH_SECRET_ANTHROPIC_KEY: 'sk-1234' }), { PATH: '/bin', HOME: '/engine', DATABASE_URL: 'x' }, ['PATH', 'HOME']);

    expect(env).toMatchObject({ ok: true, env: { PATH: '/bin', HOME: '/agent-home', KEY: 'sk-1234' } });
  });

  it('names a missing secret without any value', async () => {
    expect(await childEnvironment({ KEY: 'secret:missing' }, () => undefined, {}, [])).toEqual({ ok: false, missing: 'secret:missing (for KEY)' });
  });

  it('redacts every secret value of four characters or more, longest first', () => {
    const redact = redactor(['sk-12', 'sk-1234', 'abc']);
    expect(redact('key sk-1234 and sk-12 but abc stays')).toBe('key [secret] and [secret] but abc stays');
  });
});
