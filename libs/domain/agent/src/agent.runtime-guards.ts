import { DomainError } from '@orch/kernel';
import { PROCESS_PRESETS, type ProcessPreset } from './agent.runtime';

export type RuntimeConfigInput = Readonly<Record<string, unknown>>;

export function runtimeInvalid(kind: string, field: string): DomainError {
  return new DomainError('AGENT.RUNTIME_CONFIG_INVALID', `runtime ${kind}: ${field} is invalid`, { kind, field });
}

/** Unknown keys are refused too, so that an inline secret (`password`, `token`) cannot slip into the log. */
export function onlyKeys(kind: string, config: RuntimeConfigInput, allowed: readonly string[]): void {
  const unknown = Object.keys(config).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw runtimeInvalid(kind, unknown);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isTokenHash(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function isProcessPreset(value: unknown): value is ProcessPreset {
  return typeof value === 'string' && (PROCESS_PRESETS as readonly string[]).includes(value);
}
