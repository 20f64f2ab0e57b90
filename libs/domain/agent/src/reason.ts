import { actorKind, DomainError, trimmedLengthWithin, type Command } from '@orch/kernel';

/** Operator actions need a reason of 1..500 code points (DOMAIN.md §1); engine and agent commands do not. */
export function requireReason(command: Command): void {
  if (actorKind(command.metadata.actor) !== 'user') return;
  const reason = command.metadata.reason;
  if (reason === undefined || !trimmedLengthWithin(reason, 1, 500)) {
    throw new DomainError('COMMAND.REASON_REQUIRED', 'A reason of 1..500 characters is required', {});
  }
}
