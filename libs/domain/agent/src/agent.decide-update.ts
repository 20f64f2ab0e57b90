import { deepEqual, fieldInvalid, type Capability } from '@orch/kernel';
import type { UpdateAgent } from './agent.commands';
import type { AgentChanges, AgentUpdated } from './agent.events';
import { validCapacity, validDescription, validModel, validPrimary, validSecondary } from './agent.fields';
import type { AgentRuntime, RuntimeInput } from './agent.runtime';
import { runtimeInvalid } from './agent.runtime-guards';
import { validRuntime } from './agent.runtime-validate';
import type { RegisteredAgent } from './agent.state';

/** UpdateAgent (§4.3): `AgentUpdated{changes}` with only what differs; nothing different is a no-op. */
export function decideUpdate(command: UpdateAgent, agent: RegisteredAgent): AgentUpdated[] {
  const { data } = command;
  const changes: AgentChanges = {
    ...capacityChange(agent, data.capacity),
    ...capabilityChanges(agent, data.primaryCapabilities, data.secondaryCapabilities),
    ...textChange('model', agent.model, data.model, validModel),
    ...textChange('description', agent.description, data.description, validDescription),
    ...runtimeChange(agent.runtime, data.runtime),
  };
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'AgentUpdated', data: { changes, at: command.metadata.now } }];
}

function capacityChange(agent: RegisteredAgent, capacity: number | undefined): AgentChanges {
  if (capacity === undefined) return {};
  const next = validCapacity(capacity);
  return next === agent.capacity ? {} : { capacity: next };
}

/** Lists compare as sets; a new primary list must stay disjoint from the (new or current) secondary list. */
function capabilityChanges(agent: RegisteredAgent, primary?: readonly string[], secondary?: readonly string[]): AgentChanges {
  const nextPrimary = primary === undefined ? agent.primaryCapabilities : validPrimary(agent.agentType, primary);
  const nextSecondary = validSecondary(nextPrimary, secondary ?? agent.secondaryCapabilities);
  return {
    ...(sameSet(nextPrimary, agent.primaryCapabilities) ? {} : { primaryCapabilities: nextPrimary }),
    ...(sameSet(nextSecondary, agent.secondaryCapabilities) ? {} : { secondaryCapabilities: nextSecondary }),
  };
}

function sameSet(a: readonly Capability[], b: readonly Capability[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/** `null` (or an empty description) removes the field; absent leaves it. */
function textChange<K extends 'model' | 'description'>(
  key: K,
  current: string | undefined,
  value: string | null | undefined,
  valid: (value: string) => string | undefined,
): AgentChanges {
  if (value === undefined) return {};
  const next = value === null ? undefined : valid(value);
  if (next === current) return {};
  return { [key]: next ?? null } as AgentChanges;
}

function runtimeChange(current: AgentRuntime, input: RuntimeInput | undefined): AgentChanges {
  if (input === undefined) return {};
  if (input.kind !== current.kind) throw fieldInvalid('runtime.kind', 'immutable');
  const next = validRuntime(withCurrentTokenHash(current, input));
  return deepEqual(next, current) ? {} : { runtime: next };
}

/** The token of an http agent changes only through RotateAgentToken. */
function withCurrentTokenHash(current: AgentRuntime, input: RuntimeInput): RuntimeInput {
  if (current.kind !== 'http') return input;
  const { tokenHash = current.config.tokenHash } = input.config;
  if (tokenHash !== current.config.tokenHash) throw runtimeInvalid('http', 'tokenHash');
  return { kind: input.kind, config: { ...input.config, tokenHash } };
}
