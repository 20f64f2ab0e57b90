import {
  codePointLength,
  DomainError,
  fieldInvalid,
  isAgentType,
  isCapability,
  PRIMARY_CAPABILITIES_BY_TYPE,
  trimmedLengthWithin,
  type AgentType,
  type Capability,
} from '@orch/kernel';

/** Field rules of DOMAIN.md §4.1 shared by RegisterAgent and UpdateAgent; text comes back trimmed. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;
const MODEL_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.:/-]+$/;
export const DEFAULT_CAPACITY = 5;

export function validName(name: unknown): string {
  if (typeof name !== 'string' || !trimmedLengthWithin(name, 1, 100)) throw fieldInvalid('name', 'length', '1..100');
  const trimmed = name.trim();
  if (!NAME_PATTERN.test(trimmed)) throw fieldInvalid('name', 'pattern', NAME_PATTERN.source);
  return trimmed;
}

export function validAgentType(agentType: unknown): AgentType {
  if (!isAgentType(agentType)) throw fieldInvalid('agentType', 'enum');
  return agentType;
}

export function validCapacity(capacity: unknown): number {
  if (!Number.isInteger(capacity) || (capacity as number) < 1 || (capacity as number) > 50) {
    throw fieldInvalid('capacity', 'range', '1..50');
  }
  return capacity as number;
}

export function validModel(model: unknown): string {
  if (typeof model !== 'string' || codePointLength(model) > 200 || !MODEL_PATTERN.test(model)) {
    throw fieldInvalid('model', 'pattern', MODEL_PATTERN.source);
  }
  return model;
}

/** ≤ 500 code points after trimming; an empty description is no description. */
export function validDescription(description: unknown): string | undefined {
  if (typeof description !== 'string' || codePointLength(description.trim()) > 500) {
    throw fieldInvalid('description', 'length', '0..500');
  }
  return description.trim() === '' ? undefined : description.trim();
}

/** Unknown names are malformed (400); a known capability outside the type's set is `AGENT.CAPABILITY_NOT_ALLOWED`. */
export function validPrimary(agentType: AgentType, primary: unknown): readonly Capability[] {
  const capabilities = capabilityList('primaryCapabilities', primary);
  if (capabilities.length < 1 || capabilities.length > 10) throw fieldInvalid('primaryCapabilities', 'count', '1..10');
  const allowed: readonly string[] = PRIMARY_CAPABILITIES_BY_TYPE[agentType];
  const outside = capabilities.find((capability) => !allowed.includes(capability));
  if (outside !== undefined) {
    throw new DomainError('AGENT.CAPABILITY_NOT_ALLOWED', `${outside} is not a ${agentType} capability`, {
      agentType,
      capability: outside,
    });
  }
  return capabilities;
}

export function validSecondary(primary: readonly Capability[], secondary: unknown): readonly Capability[] {
  const capabilities = capabilityList('secondaryCapabilities', secondary);
  if (capabilities.length > 26) throw fieldInvalid('secondaryCapabilities', 'count', '0..26');
  if (capabilities.some((capability) => primary.includes(capability))) {
    throw fieldInvalid('secondaryCapabilities', 'disjoint from primaryCapabilities');
  }
  return capabilities;
}

/** A list of known capability names, duplicates dropped, order kept. */
function capabilityList(field: string, list: unknown): readonly Capability[] {
  if (!Array.isArray(list)) throw fieldInvalid(field, 'array');
  if (!list.every(isCapability)) throw fieldInvalid(field, 'enum');
  return [...new Set(list as Capability[])];
}
