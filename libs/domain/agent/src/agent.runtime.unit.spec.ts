import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import type { RuntimeInput } from './agent.runtime';
import { register, TOKEN_HASH } from './testing/agent.mother';

const registering = (runtime: RuntimeInput) => spec(agentDecider).given([]).when(register({ runtime }));

describe('runtime config per kind (§4.2)', () => {
  it.each([
    [{ kind: 'opencode', config: {} }, { kind: 'opencode', config: { agent: 'build' } }],
    [
      { kind: 'opencode', config: { baseUrl: 'http://127.0.0.1:4096', agent: ' plan ', passwordRef: 'secret:opencode-pw' } },
      { kind: 'opencode', config: { baseUrl: 'http://127.0.0.1:4096', agent: 'plan', passwordRef: 'secret:opencode-pw' } },
    ],
    [{ kind: 'process', config: { preset: 'claude-code' } }, { kind: 'process', config: { preset: 'claude-code', args: [], env: {} } }],
    [
      { kind: 'process', config: { preset: 'generic', command: 'my-agent', args: ['--fast'], env: { MODE: 'ci', API_KEY: 'secret:my-key' } } },
      { kind: 'process', config: { preset: 'generic', command: 'my-agent', args: ['--fast'], env: { MODE: 'ci', API_KEY: 'secret:my-key' } } },
    ],
    [
      { kind: 'http', config: { endpointUrl: 'https://agents.example.com/run', tokenHash: TOKEN_HASH } },
      { kind: 'http', config: { endpointUrl: 'https://agents.example.com/run', tokenHash: TOKEN_HASH } },
    ],
    [
      { kind: 'http', config: { endpointUrl: 'http://localhost:8080/run', tokenHash: TOKEN_HASH } },
      { kind: 'http', config: { endpointUrl: 'http://localhost:8080/run', tokenHash: TOKEN_HASH } },
    ],
    // Without an endpoint the agent pulls its tasks (External Agent Protocol, pull mode).
    [{ kind: 'http', config: { tokenHash: TOKEN_HASH } }, { kind: 'http', config: { tokenHash: TOKEN_HASH } }],
    [{ kind: 'scripted', config: { scenario: 'happy-path' } }, { kind: 'scripted', config: { scenario: 'happy-path' } }],
  ])('accepts %o, normalised to %o', (runtime, expected) => {
    registering(runtime).thenMatches(([event]) => expect(event.data).toMatchObject({ runtime: expected }));
  });

  it.each([
    [{ kind: 'docker', config: {} }, 'docker', 'kind'],
    [{ kind: 'opencode', config: { baseUrl: 'ftp://x' } }, 'opencode', 'baseUrl'],
    [{ kind: 'opencode', config: { agent: '' } }, 'opencode', 'agent'],
    [{ kind: 'opencode', config: { agent: 'a'.repeat(65) } }, 'opencode', 'agent'],
    [{ kind: 'opencode', config: { passwordRef: 'hunter2' } }, 'opencode', 'passwordRef'],
    [{ kind: 'opencode', config: { password: 'hunter2' } }, 'opencode', 'password'],
    [{ kind: 'process', config: { preset: 'aider' } }, 'process', 'preset'],
    [{ kind: 'process', config: { preset: 'generic' } }, 'process', 'command'],
    [{ kind: 'process', config: { preset: 'codex', command: 'c'.repeat(201) } }, 'process', 'command'],
    [{ kind: 'process', config: { preset: 'codex', args: Array(51).fill('-v') } }, 'process', 'args'],
    [{ kind: 'process', config: { preset: 'codex', args: ['x'.repeat(1001)] } }, 'process', 'args'],
    [{ kind: 'process', config: { preset: 'codex', env: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`V${i}`, 'x'])) } }, 'process', 'env'],
    [{ kind: 'process', config: { preset: 'codex', env: { '1BAD': 'x' } } }, 'process', 'env.1BAD'],
    [{ kind: 'process', config: { preset: 'codex', env: { OPENAI_API_KEY: 'sk-inline-secret' } } }, 'process', 'env.OPENAI_API_KEY'],
    [{ kind: 'process', config: { preset: 'codex', env: { X: 'secret:' } } }, 'process', 'env.X'],
    [{ kind: 'http', config: { endpointUrl: 'http://agents.example.com', tokenHash: TOKEN_HASH } }, 'http', 'endpointUrl'],
    [{ kind: 'http', config: { endpointUrl: 'https://agents.example.com' } }, 'http', 'tokenHash'],
    [{ kind: 'http', config: { endpointUrl: 'https://agents.example.com', tokenHash: TOKEN_HASH, token: 'plain' } }, 'http', 'token'],
    [{ kind: 'scripted', config: {} }, 'scripted', 'scenario'],
    [{ kind: 'scripted', config: { scenario: 's'.repeat(65) } }, 'scripted', 'scenario'],
  ])('rejects %o with AGENT.RUNTIME_CONFIG_INVALID {kind: %s, field: %s}', (runtime, kind, field) => {
    registering(runtime).thenThrows('AGENT.RUNTIME_CONFIG_INVALID', { kind, field });
  });
});
