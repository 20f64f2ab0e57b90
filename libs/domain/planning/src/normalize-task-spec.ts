import { type AgentType, type Capability, codePointLength, isAgentType, isCapability, TASK_ID_PATTERN } from '@orch/kernel';
import { normalizeDependencies } from './normalize-dependencies';
import { failureFor, type FieldFailure, isAbsent, isPlainObject } from './plan-errors';
import { PLAN_LIMITS, type TaskKind, type TaskSpec, type TaskSpecInput } from './task-spec';

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 4000;
const TASK_KINDS: readonly TaskKind[] = ['work', 'plan'];

/**
 * The field rules of DOMAIN.md §3.2, checked field by field in the order of the spec; the first broken
 * rule throws `PLAN.TASK_INVALID {taskId, field, rule}`. Text comes back trimmed, defaults filled in,
 * unknown fields dropped. Kind `plan` passes here: only the caller knows whether the plan is agent mode.
 */
export function normalizeTaskSpec(input: TaskSpecInput): TaskSpec {
  if (!isPlainObject(input)) throw failureFor(null)('task', 'object');
  const id = normalizeId(input.id);
  const fail = failureFor(id);
  const title = normalizeText(input.title, 'title', TITLE_MAX, fail);
  const description = isAbsent(input.description) ? '' : normalizeText(input.description, 'description', DESCRIPTION_MAX, fail, 0);
  const capabilities = normalizeCapabilities(input.capabilities, fail);
  const preferredAgentType = normalizeAgentType(input.preferredAgentType, fail);
  const dependsOn = normalizeDependencies(input.dependsOn, fail);
  const kind = normalizeKind(input.kind, fail);
  return {
    id,
    title,
    ...(description === '' ? {} : { description }),
    capabilities,
    ...(preferredAgentType === undefined ? {} : { preferredAgentType }),
    dependsOn,
    kind,
  };
}

function normalizeId(value: unknown): string {
  const fail = failureFor(typeof value === 'string' ? value : null);
  if (isAbsent(value)) throw fail('id', 'required');
  if (typeof value !== 'string') throw fail('id', 'string');
  if (!TASK_ID_PATTERN.test(value)) throw fail('id', 'pattern', TASK_ID_PATTERN.source);
  return value;
}

function normalizeText(value: unknown, field: string, max: number, fail: FieldFailure, min = 1): string {
  if (isAbsent(value)) throw fail(field, 'required');
  if (typeof value !== 'string') throw fail(field, 'string');
  const text = value.trim();
  const length = codePointLength(text);
  if (length < min || length > max) throw fail(field, 'length', `${min}..${max}`);
  return text;
}

function normalizeCapabilities(value: unknown, fail: FieldFailure): Capability[] {
  if (isAbsent(value)) throw fail('capabilities', 'required');
  if (!Array.isArray(value)) throw fail('capabilities', 'array');
  const limit = `1..${PLAN_LIMITS.maxCapabilities}`;
  if (value.length < 1 || value.length > PLAN_LIMITS.maxCapabilities) throw fail('capabilities', 'count', limit);
  value.forEach((capability: unknown, index) => {
    if (!isCapability(capability)) throw fail(`capabilities[${index}]`, 'enum');
    if (value.indexOf(capability) !== index) throw fail(`capabilities[${index}]`, 'unique');
  });
  return [...(value as Capability[])];
}

function normalizeAgentType(value: unknown, fail: FieldFailure): AgentType | undefined {
  if (isAbsent(value)) return undefined;
  if (!isAgentType(value)) throw fail('preferredAgentType', 'enum');
  return value;
}

function normalizeKind(value: unknown, fail: FieldFailure): TaskKind {
  if (isAbsent(value)) return 'work';
  if (!(TASK_KINDS as readonly unknown[]).includes(value)) throw fail('kind', 'enum');
  return value as TaskKind;
}
