import type { ContextChanges } from './context.events';
import { changedPaths } from './diff';
import { selfAndAncestors } from './paths';

/** Per leaf path (deleted paths included) the version and time of its last change (DOMAIN.md §5.1). */
export interface PathChange {
  readonly version: number;
  readonly at: string;
}

export type PathChanges = ReadonlyMap<string, PathChange>;

export function recordChanges(pathChanges: PathChanges, paths: readonly string[], change: PathChange): PathChanges {
  const next = new Map(pathChanges);
  for (const path of paths) next.set(path, change);
  return next;
}

export function recordContextChanges(pathChanges: PathChanges, changes: ContextChanges, change: PathChange): PathChanges {
  return recordChanges(pathChanges, changedPaths(changes), change);
}

/** The `pathTimes` a handler passes as the source of a MergeContext. */
export function pathTimesOf(pathChanges: PathChanges): Record<string, string> {
  return Object.fromEntries([...pathChanges].map(([path, change]) => [path, change.at]));
}

/**
 * For every path and each of its ancestors, the latest change time (epoch ms) at or under it:
 * "the last-change time of the key or anything under it" (DOMAIN.md §5.3).
 */
export function latestUnder(times: Iterable<readonly [string, string]>): Map<string, number> {
  const latest = new Map<string, number>();
  for (const [path, at] of times) {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) continue;
    for (const prefix of selfAndAncestors(path)) latest.set(prefix, Math.max(latest.get(prefix) ?? ms, ms));
  }
  return latest;
}
