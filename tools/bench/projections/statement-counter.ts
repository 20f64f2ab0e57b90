import { AsyncLocalStorage } from 'node:async_hooks';
import type { Projector } from '@orch/read-models';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

const applying = new AsyncLocalStorage<string>();

/**
 * Counts the statements sent through a kysely instance, by the projector whose `apply` (or
 * `applyBatch`) sent them (see `attributed`); others (checkpoint locks, parking) count as
 * "runner". Changes nothing.
 */
export class StatementCounter implements KyselyPlugin {
  readonly counts = new Map<string, number>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const owner = applying.getStore() ?? 'runner';
    this.counts.set(owner, (this.counts.get(owner) ?? 0) + 1);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The same projectors (names, tables, behaviour), with their statements attributed to them. */
export function attributed(projectors: readonly Projector[]): Projector[] {
  return projectors.map((projector) => {
    const { applyBatch } = projector;
    return {
      name: projector.name,
      tables: projector.tables,
      apply: (db, event) => applying.run(projector.name, () => projector.apply(db, event)),
      ...(applyBatch ? { applyBatch: (db, events, memo) => applying.run(projector.name, () => applyBatch.call(projector, db, events, memo)) } : {}),
    } satisfies Projector;
  });
}
