import type { WriteContext } from './context.commands';
import type { ContextVersionWritten } from './context.events';
import type { ContextState } from './context.state';
import { touchesAny } from './conflicts';
import { changesOf, diff, hasChanges } from './diff';
import { requireContext, requireLive } from './guards';
import { assertWithinLimits, CONTEXT_LIMITS, tooDeep } from './limits';
import { applyOrThrow, operationPaths } from './operations';
import { normalizeOperation, normalizeSource, validateOperations, validateSource } from './validate-operations';
import { assertExpectedVersion } from './version-check';

/**
 * WriteContext (DOMAIN.md §5.2): operations in order, all or nothing, one event (version + 1). A write that
 * changes nothing and resolves no open conflict is a no-op: no event, the caller answers the current version.
 */
export function decideWrite(command: WriteContext, state: ContextState): ContextVersionWritten[] {
  const context = requireLive(requireContext(state, command), command.metadata.now);
  const { expectedVersion, operations, source } = command.data;
  const deepest = validateOperations(operations);
  validateSource(source);
  const written = operationPaths(operations);
  assertExpectedVersion(context, expectedVersion, written);
  if (deepest > CONTEXT_LIMITS.maxDepth) throw tooDeep(deepest);
  const document = applyOrThrow(context.document, operations);
  assertWithinLimits(document);
  const changes = changesOf(diff(context.document, document));
  if (!hasChanges(changes) && !touchesAny(context.openConflicts, written)) return [];
  const data: ContextVersionWritten['data'] = {
    version: context.version + 1,
    operations: operations.map(normalizeOperation),
    changes,
    ...(source === undefined ? {} : { source: normalizeSource(source) }),
    at: command.metadata.now,
  };
  return [{ type: 'ContextVersionWritten', data }];
}
