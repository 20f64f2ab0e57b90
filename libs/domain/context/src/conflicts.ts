import { sortByCodePoint, sortByPath } from './code-point-order';
import type { MergeConflict } from './context.events';
import { overlapsAnyOf } from './paths';
import type { PathChanges } from './path-changes';

/** Leaf paths whose last change came after `version` (DOMAIN.md §5.2). */
export function changedAfter(pathChanges: PathChanges, version: number): string[] {
  return [...pathChanges].filter(([, change]) => change.version > version).map(([path]) => path);
}

/**
 * The command's paths equal to, above or below a path changed after the expected version, sorted and unique.
 * Empty when a retry on the actual version collides with nobody.
 */
export function conflictingPaths(commandPaths: readonly string[], changed: readonly string[]): string[] {
  const hits = commandPaths.filter(overlapsAnyOf(changed));
  return sortByCodePoint(new Set(hits));
}

/** A write touching a conflict's path (equal, above or below) resolves it. */
export function withoutTouched(open: readonly MergeConflict[], written: readonly string[]): MergeConflict[] {
  const touched = overlapsAnyOf(written);
  return open.filter((conflict) => !touched(conflict.path));
}

export function touchesAny(open: readonly MergeConflict[], written: readonly string[]): boolean {
  return withoutTouched(open, written).length !== open.length;
}

/** A newer conflict on the same path replaces the older one. */
export function withConflicts(open: readonly MergeConflict[], recorded: readonly MergeConflict[]): MergeConflict[] {
  const paths = new Set(recorded.map((conflict) => conflict.path));
  return sortByPath([...open.filter((conflict) => !paths.has(conflict.path)), ...recorded]);
}
