import { deepEqual, isJsonObject, type JsonObject, type JsonValue, exhaustive } from '@orch/kernel';
import { sortByCodePoint, sortByPath } from './code-point-order';
import type { MergeStrategy, SetOperation } from './context.commands';
import type { MergeConflict } from './context.events';
import { canonicalJson } from './canonical-json';
import { latestUnder } from './path-changes';
import { joinPath, ROOT_PATH } from './paths';

/** DOMAIN.md §5.3: merging a source document into a target one with one of five strategies. */
export interface MergeInput {
  readonly strategy: MergeStrategy;
  readonly target: JsonObject;
  readonly source: JsonObject;
  /** Last-change time per leaf path on each side (deleted paths included). */
  readonly targetTimes: Iterable<readonly [string, string]>;
  readonly sourceTimes: Iterable<readonly [string, string]>;
}

/** The merge as `set` operations on the target, and the conflicts `manual` keeps for a person. */
export interface MergePlan {
  readonly operations: readonly SetOperation[];
  readonly conflicts: readonly MergeConflict[];
}

type Resolution = { readonly kind: 'keep' } | { readonly kind: 'take'; readonly value: JsonValue } | { readonly kind: 'conflict' };

interface Planner {
  readonly strategy: MergeStrategy;
  readonly targetLatest: ReadonlyMap<string, number>;
  readonly sourceLatest: ReadonlyMap<string, number>;
  readonly operations: SetOperation[];
  readonly conflicts: MergeConflict[];
}

export function planMerge(input: MergeInput): MergePlan {
  const planner: Planner = {
    strategy: input.strategy,
    targetLatest: latestUnder(input.targetTimes),
    sourceLatest: latestUnder(input.sourceTimes),
    operations: [],
    conflicts: [],
  };
  mergeLevel(planner, input.target, input.source, ROOT_PATH);
  return { operations: sortByPath(planner.operations), conflicts: sortByPath(planner.conflicts) };
}

/** Objects on both sides recurse; every other key of the source goes through the strategy table. */
function mergeLevel(planner: Planner, target: JsonObject, source: JsonObject, prefix: string): void {
  for (const key of sortByCodePoint(Object.keys(source))) {
    const path = joinPath(prefix, key);
    const sourceValue = source[key] as JsonValue;
    const targetValue = Object.hasOwn(target, key) ? target[key] : undefined;
    if (targetValue === undefined) planner.operations.push({ op: 'set', path, value: sourceValue });
    else if (deepEqual(targetValue, sourceValue)) continue;
    else if (isJsonObject(targetValue) && isJsonObject(sourceValue)) mergeLevel(planner, targetValue, sourceValue, path);
    else apply(planner, path, targetValue, sourceValue, resolve(planner, path, targetValue, sourceValue));
  }
}

function apply(planner: Planner, path: string, targetValue: JsonValue, sourceValue: JsonValue, resolution: Resolution): void {
  switch (resolution.kind) {
    case 'keep':
      return;
    case 'take':
      if (!deepEqual(resolution.value, targetValue)) planner.operations.push({ op: 'set', path, value: resolution.value });
      return;
    case 'conflict':
      planner.conflicts.push({ path, targetValue, sourceValue });
      return;
    default:
      return exhaustive(resolution, undefined);
  }
}

/** One differing key that is not an object on both sides: the rows "both arrays" and "any other difference". */
function resolve(planner: Planner, path: string, targetValue: JsonValue, sourceValue: JsonValue): Resolution {
  const keep: Resolution = { kind: 'keep' };
  const take = (value: JsonValue): Resolution => ({ kind: 'take', value });
  switch (planner.strategy) {
    case 'last_write_wins':
      return sourceIsNewer(planner, path) ? take(sourceValue) : keep;
    case 'deep_merge':
      return Array.isArray(targetValue) && Array.isArray(sourceValue) ? take(union(targetValue, sourceValue)) : take(sourceValue);
    case 'manual':
      return { kind: 'conflict' };
    case 'prefer_source':
      return take(sourceValue);
    case 'prefer_target':
      return keep;
    default: {
      const unknown: never = planner.strategy;
      throw new Error(`unknown merge strategy ${String(unknown)}`);
    }
  }
}

/** The later last-change time of the key or anything under it; a tie (or no time on either side) goes to the source. */
function sourceIsNewer(planner: Planner, path: string): boolean {
  const source = planner.sourceLatest.get(path) ?? Number.NEGATIVE_INFINITY;
  const target = planner.targetLatest.get(path) ?? Number.NEGATIVE_INFINITY;
  return source >= target;
}

/** Target items, then source items not already present (deep equality). */
export function union(target: readonly JsonValue[], source: readonly JsonValue[]): JsonValue[] {
  const present = new Set(target.map(canonicalJson));
  const result = [...target];
  for (const item of source) {
    const key = canonicalJson(item);
    if (!present.has(key)) result.push(item);
    present.add(key);
  }
  return result;
}
