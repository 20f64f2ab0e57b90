import { codePointLength, trimmedLengthWithin } from '@orch/kernel';
import type { ProcessRuntimeConfig } from './agent.runtime';
import { isProcessPreset, onlyKeys, runtimeInvalid } from './agent.runtime-guards';
import { isSecretRef, looksLikeSecretName } from './secret-ref';

type Config = Readonly<Record<string, unknown>>;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ARGS = 50;
const MAX_ARG_LENGTH = 1000;
const MAX_ENV = 50;

/** `process` runtime (DOMAIN.md §4.2): preset, command (required for `generic`), args, env. */
export function validProcessConfig(config: Config): ProcessRuntimeConfig {
  onlyKeys('process', config, ['preset', 'command', 'args', 'env']);
  const { preset, command, args = [], env = {} } = config;
  if (!isProcessPreset(preset)) throw runtimeInvalid('process', 'preset');
  if (command === undefined ? preset === 'generic' : typeof command !== 'string' || !trimmedLengthWithin(command, 1, 200)) {
    throw runtimeInvalid('process', 'command');
  }
  return {
    preset,
    ...(command === undefined ? {} : { command: (command as string).trim() }),
    args: validArgs(args),
    env: validEnv(env),
  };
}

function validArgs(args: unknown): readonly string[] {
  const ok =
    Array.isArray(args) &&
    args.length <= MAX_ARGS &&
    args.every((arg) => typeof arg === 'string' && codePointLength(arg) <= MAX_ARG_LENGTH);
  if (!ok) throw runtimeInvalid('process', 'args');
  return [...(args as string[])];
}

/** Values are plain strings or `secret:<name>`; a `secret:` value must be a well-formed reference. */
function validEnv(env: unknown): Readonly<Record<string, string>> {
  if (typeof env !== 'object' || env === null || Array.isArray(env)) throw runtimeInvalid('process', 'env');
  const entries = Object.entries(env as Record<string, unknown>);
  if (entries.length > MAX_ENV) throw runtimeInvalid('process', 'env');
  for (const [name, value] of entries) {
    if (!ENV_NAME.test(name) || typeof value !== 'string') throw runtimeInvalid('process', `env.${name}`);
    const refLike = value.startsWith('secret:');
    if (refLike ? !isSecretRef(value) : looksLikeSecretName(name)) throw runtimeInvalid('process', `env.${name}`);
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
