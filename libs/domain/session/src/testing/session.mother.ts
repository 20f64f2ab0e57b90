import { addMs, type Actor, type CommandMetadata } from '@orch/kernel';
import type { TaskDependency, TaskSpec } from '@orch/domain-planning';
import type { Capacity, SessionCommand } from '../session.commands';

/** Object mothers for the session specs: fixed ids and times, every field overridable. */
export const TENANT = 'tenant-a';
export const SESSION_ID = '01930000-0000-7000-8000-0000000000a1';
export const PARENT_ID = '01930000-0000-7000-8000-0000000000a2';
export const AGENT_A = '01930000-0000-7000-8000-0000000000b1';
export const AGENT_B = '01930000-0000-7000-8000-0000000000b2';
export const AGENT_C = '01930000-0000-7000-8000-0000000000b3';
export const INJECTION_ID = '01930000-0000-7000-8000-0000000000c1';
export const COMMIT_1 = '1'.repeat(40);
export const COMMIT_2 = '2'.repeat(40);
export const COMMIT_3 = '3'.repeat(40);
export const BASE_COMMIT = 'b'.repeat(40);
export const T0 = '2026-01-01T00:00:00.000Z';
/** Default maxDurationSeconds 3600: the deadline of a session started at T0. */
export const DEADLINE = '2026-01-01T01:00:00.000Z';
/** `minutes` after T0. */
export const at = (minutes: number): string => addMs(T0, minutes * 60_000);
/** When commands happen unless told otherwise. */
export const NOW = at(10);

export const USER: Actor = 'user:01930000-0000-7000-8000-00000000d001';
export const ENGINE: Actor = 'system:engine';
export const SCHEDULER: Actor = 'system:scheduler';
export const RECOVERY: Actor = 'system:recovery';
export const ROUTER: Actor = 'system:router';
export const agentActor = (agentId: string): Actor => `agent:${agentId}`;

export function metadata(actor: Actor = USER, now: string = NOW, reason?: string): CommandMetadata {
  const given = reason ?? (actor.startsWith('user:') ? 'operator decision' : undefined);
  return {
    commandId: '01930000-0000-7000-8000-00000000e001',
    actor,
    tenantId: TENANT,
    now,
    correlationId: '01930000-0000-7000-8000-00000000f001',
    ...(given === undefined ? {} : { reason: given }),
  };
}

type CommandOf<T extends SessionCommand['type']> = Extract<SessionCommand, { type: T }>;
type DataOf<T extends SessionCommand['type']> = Omit<CommandOf<T>['data'], 'sessionId'>;

export interface CommandOptions {
  readonly actor?: Actor;
  readonly now?: string;
  readonly reason?: string;
}

/** A command of this session; the actor defaults to a user with a reason. */
export function command<T extends SessionCommand['type']>(type: T, data: DataOf<T>, options: CommandOptions = {}): CommandOf<T> {
  return {
    type,
    data: { sessionId: SESSION_ID, ...data },
    metadata: metadata(options.actor ?? USER, options.now ?? NOW, options.reason),
  } as unknown as CommandOf<T>;
}

export const AVAILABLE: Capacity = { occupied: 0, limit: 10, agentFree: true, uncovered: [] };
export const QUOTA_FULL: Capacity = { occupied: 10, limit: 10, agentFree: true, uncovered: [] };
export const NO_AGENT_FREE: Capacity = { occupied: 0, limit: 10, agentFree: false, uncovered: [] };

/** A task of the plan: `dependsOn` as ids (required) or dependencies. */
export function taskSpec(id: string, dependsOn: readonly (string | TaskDependency)[] = [], overrides: Partial<TaskSpec> = {}): TaskSpec {
  const dependencies = dependsOn.map((dependency) =>
    typeof dependency === 'string' ? { taskId: dependency, optional: false } : dependency,
  );
  return { id, title: `Do ${id}`, capabilities: ['code_generation'], dependsOn: dependencies, kind: 'work', ...overrides };
}

export const optional = (taskId: string): TaskDependency => ({ taskId, optional: true });
