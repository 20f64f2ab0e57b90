import { trimmedLengthWithin, exhaustive } from '@orch/kernel';
import {
  type AgentRuntime,
  type HttpRuntimeConfig,
  type OpencodeRuntimeConfig,
  type RuntimeInput,
  type RuntimeKind,
  type ScriptedRuntimeConfig,
} from './agent.runtime';
import { isTokenHash, onlyKeys, runtimeInvalid, type RuntimeConfigInput } from './agent.runtime-guards';
import { validProcessConfig } from './agent.runtime-process';
import { isSecretRef } from './secret-ref';
import { isHttpsOrLoopback, parseHttpUrl } from './url';

type Config = RuntimeConfigInput;

/** DOMAIN.md §4.2: the runtime of RegisterAgent/UpdateAgent, normalised (defaults filled, text trimmed). */
export function validRuntime(input: RuntimeInput): AgentRuntime {
  const kind = input.kind as RuntimeKind;
  const config: Config = typeof input.config === 'object' && input.config !== null ? input.config : {};
  switch (kind) {
    case 'opencode':
      return { kind, config: validOpencodeConfig(config) };
    case 'process':
      return { kind, config: validProcessConfig(config) };
    case 'http':
      return { kind, config: validHttpConfig(config) };
    case 'scripted':
      return { kind, config: validScriptedConfig(config) };
    default:
      throw runtimeInvalid(exhaustive(kind, String(input.kind)), 'kind');
  }
}

function validOpencodeConfig(config: Config): OpencodeRuntimeConfig {
  onlyKeys('opencode', config, ['baseUrl', 'agent', 'passwordRef']);
  const { baseUrl, agent = 'build', passwordRef } = config;
  if (baseUrl !== undefined && parseHttpUrl(baseUrl) === null) throw runtimeInvalid('opencode', 'baseUrl');
  if (typeof agent !== 'string' || !trimmedLengthWithin(agent, 1, 64)) throw runtimeInvalid('opencode', 'agent');
  if (passwordRef !== undefined && !isSecretRef(passwordRef)) throw runtimeInvalid('opencode', 'passwordRef');
  return {
    ...(baseUrl === undefined ? {} : { baseUrl: baseUrl as string }),
    agent: agent.trim(),
    ...(passwordRef === undefined ? {} : { passwordRef }),
  };
}

export function validHttpConfig(config: Config): HttpRuntimeConfig {
  onlyKeys('http', config, ['endpointUrl', 'tokenHash']);
  const { endpointUrl, tokenHash } = config;
  // No endpointUrl: a pull-mode agent, which fetches its tasks itself (External Agent Protocol).
  if (endpointUrl !== undefined && !isHttpsOrLoopback(endpointUrl)) throw runtimeInvalid('http', 'endpointUrl');
  if (!isTokenHash(tokenHash)) throw runtimeInvalid('http', 'tokenHash');
  return { ...(endpointUrl === undefined ? {} : { endpointUrl: endpointUrl as string }), tokenHash };
}

const SCENARIO_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function validScriptedConfig(config: Config): ScriptedRuntimeConfig {
  onlyKeys('scripted', config, ['scenario']);
  const { scenario } = config;
  const name = typeof scenario === 'string' ? scenario.trim() : '';
  if (!trimmedLengthWithin(name, 1, 64) || !SCENARIO_NAME.test(name)) throw runtimeInvalid('scripted', 'scenario');
  return { scenario: name };
}
