import { DomainError, fieldInvalid, isAgentType, isUuid } from '@orch/kernel';
import type { CreateSessionData } from './session.commands';
import { SESSION_TYPES, type AgentPreference, type SessionSettings, type SessionType } from './session.events';
import { validRepository } from './validate-repository';
import { budgetUsd, integerIn, numberIn, optionalText, requiredText } from './validate-text';

const GENERIC_TITLES = ['test session', 'new session', 'untitled', 'coding task', 'development session'];
const TAG = /^[a-z0-9][a-z0-9._:-]*$/;
const MODEL = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.:/-]+$/;

/** The §2.1 fields of CreateSession, validated and normalised; `planning` is resolved separately. */
export function validSettings(data: CreateSessionData): Omit<SessionSettings, 'planning'> {
  return omitUndefined({
    title: validTitle(data.title),
    description: optionalText(data.description, 'description', 2000),
    prompt: requiredText(data.prompt, 'prompt', 10_000),
    sessionType: validSessionType(data.sessionType),
    priority: data.priority === undefined ? 2 : integerIn(data.priority, 'priority', 0, 4),
    tags: validTags(data.tags),
    parentId: data.parentId === undefined ? undefined : validUuid(data.parentId, 'parentId'),
    repository: validRepository(data.repository),
    maxDurationSeconds: data.maxDurationSeconds === undefined ? 3600 : integerIn(data.maxDurationSeconds, 'maxDurationSeconds', 60, 86_400),
    budgetUsd: data.budgetUsd === undefined ? undefined : budgetUsd(data.budgetUsd, 'budgetUsd'),
    cpuLimit: data.cpuLimit === undefined ? undefined : numberIn(data.cpuLimit, 'cpuLimit', 0.1, 8),
    memoryLimitMb: data.memoryLimitMb === undefined ? undefined : integerIn(data.memoryLimitMb, 'memoryLimitMb', 100, 8192),
    modelIdentifier: validModel(data.modelIdentifier),
    agentPreference: validPreference(data.agentPreference),
  });
}

export function validUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw fieldInvalid(field, 'uuid');
  return value;
}

function validTitle(value: unknown): string {
  const title = requiredText(value, 'title', 200);
  if (GENERIC_TITLES.includes(title.toLowerCase().replace(/\s+/g, ' '))) {
    throw new DomainError('SESSION.TITLE_TOO_GENERIC', `"${title}" is too generic a title`, { title });
  }
  return title;
}

function validSessionType(value: unknown): SessionType {
  if (value === undefined) return 'execution';
  if (!(SESSION_TYPES as readonly unknown[]).includes(value)) throw fieldInvalid('sessionType', 'enum', SESSION_TYPES.join(','));
  return value as SessionType;
}

/** Lower-cased, duplicates dropped in order; the ≤ 20 limit counts distinct tags (§2.1). */
function validTags(value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fieldInvalid('tags', 'array');
  const tags = [...new Set(value.map((tag: unknown, index) => validTag(tag, index)))];
  if (tags.length > 20) throw fieldInvalid('tags', 'count', '0..20');
  return tags;
}

function validTag(value: unknown, index: number): string {
  const tag = requiredText(value, `tags[${index}]`, 50).toLowerCase();
  if (!TAG.test(tag)) throw fieldInvalid(`tags[${index}]`, 'pattern', TAG.source);
  return tag;
}

function validModel(value: unknown): string | undefined {
  const model = optionalText(value, 'modelIdentifier', 200);
  if (model !== undefined && !MODEL.test(model)) throw fieldInvalid('modelIdentifier', 'pattern', MODEL.source);
  return model;
}

function validPreference(value: unknown): AgentPreference | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw fieldInvalid('agentPreference', 'object');
  const { agentType, agentIds } = value as { agentType?: unknown; agentIds?: unknown };
  if (agentType !== undefined && !isAgentType(agentType)) throw fieldInvalid('agentPreference.agentType', 'enum');
  if (agentIds !== undefined && (!Array.isArray(agentIds) || agentIds.length > 10)) {
    throw fieldInvalid('agentPreference.agentIds', 'count', '0..10');
  }
  const ids = agentIds?.map((id: unknown, index: number) => validUuid(id, `agentPreference.agentIds[${index}]`));
  return omitUndefined({ agentType, agentIds: ids });
}

/** Optional fields absent rather than `undefined`, so events stay plain JSON. */
export function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
