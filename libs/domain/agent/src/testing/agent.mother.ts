import { addMs, fold, type Actor, type CommandMetadata } from '@orch/kernel';
import type { AgentCommand, RegisterAgentData } from '../agent.commands';
import { agentDecider } from '../agent.decide';
import type { AgentEvent, AgentRegistered, TaskSlot } from '../agent.events';
import type { Usage } from '../agent.slot-fields';
import type { AgentState } from '../agent.state';

/** Object mothers for the agent specs: fixed ids and times, every field overridable. */
export const TENANT = 'tenant-a';
export const AGENT_ID = '01930000-0000-7000-8000-0000000000a1';
export const SESSION_ID = '01930000-0000-7000-8000-0000000000b1';
export const T0 = '2026-01-01T00:00:00.000Z';
export const TOKEN_HASH = 'a'.repeat(64);
export const OTHER_TOKEN_HASH = 'b'.repeat(64);
export const USER: Actor = 'user:01930000-0000-7000-8000-0000000000c1';
export const ENGINE: Actor = 'system:engine';

/** `seconds` after T0. */
export const at = (seconds: number): string => addMs(T0, seconds * 1000);

export function metadata(overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return {
    commandId: '01930000-0000-7000-8000-0000000000d1',
    actor: USER,
    tenantId: TENANT,
    now: T0,
    correlationId: '01930000-0000-7000-8000-0000000000e1',
    reason: 'operator request',
    ...overrides,
  };
}

type CommandOf<T extends AgentCommand['type']> = Extract<AgentCommand, { type: T }>;
type DataOf<T extends AgentCommand['type']> = Omit<CommandOf<T>['data'], 'agentId'>;

/** A command on AGENT_ID; `meta` overrides the metadata (actor, now, reason…). */
export function command<T extends AgentCommand['type']>(
  type: T,
  data: DataOf<T>,
  meta: Partial<CommandMetadata> = {},
): CommandOf<T> {
  return { type, data: { agentId: AGENT_ID, ...data }, metadata: metadata(meta) } as unknown as CommandOf<T>;
}

export const engine = (now = T0): Partial<CommandMetadata> => ({ actor: ENGINE, now, reason: undefined });

export function registration(overrides: Partial<RegisterAgentData> = {}): DataOf<'RegisterAgent'> {
  return {
    name: 'Builder One',
    agentType: 'implementer',
    primaryCapabilities: ['code_generation', 'testing'],
    secondaryCapabilities: ['code_review'],
    runtime: { kind: 'scripted', config: { scenario: 'happy-path' } },
    capacity: 5,
    nameTaken: false,
    ...overrides,
  };
}

export const register = (overrides: Partial<RegisterAgentData> = {}) => command('RegisterAgent', registration(overrides));

export function registered(overrides: Partial<AgentRegistered['data']> = {}): AgentRegistered {
  return {
    type: 'AgentRegistered',
    data: {
      agentId: AGENT_ID,
      tenantId: TENANT,
      name: 'Builder One',
      agentType: 'implementer',
      primaryCapabilities: ['code_generation', 'testing'],
      secondaryCapabilities: ['code_review'],
      runtime: { kind: 'scripted', config: { scenario: 'happy-path' } },
      capacity: 5,
      at: T0,
      ...overrides,
    },
  };
}

export const slot = (n = 1, attempt = 1): TaskSlot => ({ sessionId: SESSION_ID, taskId: `task-${n}`, attempt });

export const accept = (n = 1, options: { probe?: boolean; now?: string } = {}) =>
  command('AcceptAgentTask', { ...slot(n), probe: options.probe ?? false }, engine(options.now));

export const usage: Usage = { capabilities: ['code_generation'], durationMs: 1000, tokensIn: 100, tokensOut: 50, costUsd: 0.01 };

export const release = (n: number, outcome: string, now = T0) =>
  command('ReleaseAgentTask', { ...slot(n), outcome, ...usage }, engine(now));

/** Runs commands through the decider and returns every event they produced: a realistic history. */
export function play(commands: readonly AgentCommand[], start: readonly AgentEvent[] = [registered()]): AgentEvent[] {
  const events = [...start];
  for (const next of commands) events.push(...agentDecider.decide(next, fold(agentDecider, events)));
  return events;
}

/**
 * Counted outcomes following `pattern` ('s' success, 'f' failure) on tasks `first`, `first + 1`…, one a minute
 * (task n at `n` minutes), each accepted as a probe when the agent is degraded by then: a realistic history.
 */
export function outcomes(pattern: string, start: readonly AgentEvent[] = [registered()], first = 1): AgentEvent[] {
  return [...pattern].reduce<AgentEvent[]>((events, c, i) => {
    const n = first + i;
    const degraded = (fold(agentDecider, events) as { performance?: { tier: string } }).performance?.tier === 'degraded';
    return play([accept(n, { probe: degraded, now: at(60 * n) }), release(n, c === 's' ? 'succeeded' : 'failed', at(60 * n))], events);
  }, [...start]);
}

export const history = (pattern: string): AgentEvent[] => outcomes(pattern);

export const stateOf = (events: readonly AgentEvent[]): AgentState => fold(agentDecider, events);
