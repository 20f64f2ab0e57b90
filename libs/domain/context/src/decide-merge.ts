import { DomainError, fieldInvalid, isJsonObject } from '@orch/kernel';
import { MERGE_STRATEGIES, type MergeContext } from './context.commands';
import type { ContextMerged } from './context.events';
import type { ActiveContext, ContextState } from './context.state';
import { changesOf, diff, hasChanges, leafPaths } from './diff';
import { requireContext, requireLive } from './guards';
import { assertValidKeys, assertWithinLimits, CONTEXT_LIMITS, measure, tooDeep } from './limits';
import { planMerge } from './merge';
import { applyOrThrow } from './operations';
import { assertExpectedVersion } from './version-check';

/**
 * MergeContext (DOMAIN.md §5.3): another context's document, read by the handler, merged in as one version.
 * A merge that changes nothing and records no conflict is a no-op.
 */
export function decideMerge(command: MergeContext, state: ContextState): ContextMerged[] {
  const context = requireLive(requireContext(state, command), command.metadata.now);
  const { expectedVersion, strategy, source } = command.data;
  assertMergeable(context, command);
  const shape = measure(source.document);
  assertValidKeys(shape);
  assertExpectedVersion(context, expectedVersion, leafPaths(source.document));
  if (shape.depth > CONTEXT_LIMITS.maxDepth) throw tooDeep(shape.depth);
  const plan = planMerge({
    strategy,
    target: context.document,
    source: source.document,
    targetTimes: pathTimes(context),
    sourceTimes: Object.entries(source.pathTimes ?? {}),
  });
  const document = applyOrThrow(context.document, plan.operations);
  assertWithinLimits(document);
  const changes = changesOf(diff(context.document, document));
  if (!hasChanges(changes) && plan.conflicts.length === 0) return [];
  const { operations, conflicts } = plan;
  const provenance = { sourceContextId: source.contextId, sourceVersion: source.version, strategy };
  const data = { version: context.version + 1, ...provenance, operations, changes, conflicts, at: command.metadata.now };
  return [{ type: 'ContextMerged', data }];
}

function pathTimes(context: ActiveContext): [string, string][] {
  return [...context.pathChanges].map(([path, change]) => [path, change.at]);
}

function assertMergeable(context: ActiveContext, command: MergeContext): void {
  const { strategy, source } = command.data;
  if (source.contextId === context.contextId) {
    throw new DomainError('CONTEXT.SELF_MERGE', 'a context cannot be merged into itself', {
      contextId: context.contextId,
    });
  }
  if (!(MERGE_STRATEGIES as readonly string[]).includes(strategy)) throw fieldInvalid('strategy', 'enum');
  if (!isJsonObject(source.document)) throw fieldInvalid('source.document', 'object');
}
