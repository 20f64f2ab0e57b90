import { actorKind, type Command } from './command';
import { DomainError } from './errors';
import { trimmedLengthWithin } from './text';

/** Operator actions need a reason of 1..500 code points (DOMAIN.md §1); system and agent actors need none. */
export function requireReason(command: Command): void {
  if (actorKind(command.metadata.actor) !== 'user') return;
  const reason = command.metadata.reason;
  if (reason === undefined || !trimmedLengthWithin(reason, 1, 500)) {
    throw new DomainError('COMMAND.REASON_REQUIRED', 'A reason of 1..500 characters is required', {});
  }
}

/** Exhaustiveness for switches: compiles only when every case is handled; at run time returns the fallback. */
export function exhaustive<T>(_unhandled: never, fallback: T): T {
  return fallback;
}
