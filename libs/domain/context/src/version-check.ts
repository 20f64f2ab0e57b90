import { DomainError, fieldInvalid } from '@orch/kernel';
import { changedAfter, conflictingPaths } from './conflicts';
import type { ExistingContext } from './context.state';

/** DOMAIN.md §5.2: `expectedVersion` must be the current one, else VERSION_CONFLICT naming the colliding paths. */
export function assertExpectedVersion(
  context: ExistingContext,
  expectedVersion: number,
  commandPaths: readonly string[],
): void {
  if (!Number.isInteger(expectedVersion)) throw fieldInvalid('expectedVersion', 'integer');
  if (expectedVersion === context.version) return;
  const paths = conflictingPaths(commandPaths, changedAfter(context.pathChanges, expectedVersion));
  throw new DomainError(
    'CONTEXT.VERSION_CONFLICT',
    `expected version ${expectedVersion}, actual ${context.version}`,
    { expectedVersion, actualVersion: context.version, conflictingPaths: paths },
  );
}
