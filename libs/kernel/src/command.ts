/** Who issued a command: `user:<apiKeyId>`, `agent:<agentId>` or `system:<component>`. */
export type Actor = `user:${string}` | `agent:${string}` | `system:${SystemComponent}`;
// `bootstrap` seeds the first admin key at start (ORCH_BOOTSTRAP_ADMIN_KEY); DOMAIN.md lists the others.
export type SystemComponent = 'scheduler' | 'engine' | 'router' | 'recovery' | 'bootstrap';
export type ActorKind = 'user' | 'agent' | 'system';

export function actorKind(actor: Actor): ActorKind {
  return actor.slice(0, actor.indexOf(':')) as ActorKind;
}

export function actorId(actor: Actor): string {
  return actor.slice(actor.indexOf(':') + 1);
}

/** Everything a decider may know about the circumstances of a command; nothing is read ambiently. */
export interface CommandMetadata {
  readonly commandId: string;
  readonly actor: Actor;
  readonly tenantId: string;
  /** ISO 8601 UTC with milliseconds; becomes `at` of every event the command yields. */
  readonly now: string;
  readonly reason?: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /**
   * The lease an engine held when it sent this command (Leases port, fencing): the command side
   * refuses a token lower than one already recorded under the same key (`ENGINE.STALE_LEASE`).
   */
  readonly lease?: LeaseFence;
  /**
   * The command id came from the caller's Idempotency-Key, so the same command may arrive again,
   * through any instance. Not recorded in events; it tells a writer with a stream cache that the
   * stream must be read before deciding (see `readFirst` in libs/application).
   */
  readonly repeatable?: true;
}

export interface LeaseFence {
  /** e.g. `session:<sessionId>`. */
  readonly key: string;
  readonly token: number;
  /** The engine instance holding it (for the audit trail: which engine did this). */
  readonly owner?: string;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event as deciders see it: a stable type string and plain JSON data carrying `at`. */
export interface DomainEvent<Type extends string = string, Data extends { at: string } = { at: string }> {
  readonly type: Type;
  readonly data: Data;
}
