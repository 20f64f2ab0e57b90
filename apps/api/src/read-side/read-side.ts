import type { ChangeNotifier, EventStore } from '@orch/application';
import {
  CheckpointWatcher,
  createChangeNotifier,
  openReadModelDb,
  ProjectorRunner,
  QUERY_PROJECTIONS,
  ReadModelQueries,
  readModelSchemaStatus,
  runnerWaiter,
  storedLag,
  type ProjectionWaiter,
  type QueryFeature,
  type ReadModelDatabase,
  type SchemaStatus,
  type StoredLag,
} from '@orch/read-models';
import type { AppConfig } from '../config';
import { ProjectionNotCaughtUp } from './projection-not-caught-up';

export interface ReadSideReadiness {
  readonly ready: boolean;
  readonly schema: SchemaStatus;
  /** Where each projector stands: from the runner when it runs here, from the stored checkpoints otherwise. */
  readonly projectors: readonly (StoredLag & { readonly caughtUp?: boolean; readonly lastBatchAt?: string | null })[];
  readonly projectorsInProcess: boolean;
}

/**
 * The read side of this process (DESIGN.md §1): the read-model database and its queries, the
 * projector runner when ROLES has `projector`, and read-your-writes — through the runner when it
 * runs here, through the stored checkpoints (woken by change notifications) when it runs elsewhere.
 */
export class ReadSide {
  readonly queries: ReadModelQueries;

  private constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly store: EventStore,
    private readonly waiter: ProjectionWaiter,
    private readonly notifier: ChangeNotifier,
    private readonly runner: ProjectorRunner | undefined,
    private readonly timeoutMs: number,
  ) {
    this.queries = new ReadModelQueries({ db: readModels.db, store });
  }

  /**
   * With the projector role, migrates the schema (the projector owns it) and starts the runner;
   * without it, opens the database as it is and waits for another process to migrate it.
   */
  static async open(config: AppConfig, connectionString: string, store: EventStore): Promise<ReadSide> {
    const projecting = config.roles.has('projector');
    const readModels = await openReadModelDb({ connectionString, migrate: projecting, applicationName: 'orch-api-read-side' });
    const notifier = createChangeNotifier({ connectionString, keyPrefix: config.redisKeyPrefix, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
    if (projecting) {
      const runner = new ProjectorRunner({ db: readModels.db, eventStore: store, notifier });
      runner.start();
      return new ReadSide(readModels, store, runnerWaiter(runner), notifier, runner, config.readYourWritesTimeoutMs);
    }
    const watcher = new CheckpointWatcher({ db: readModels.db, notifier });
    await watcher.start();
    return new ReadSide(readModels, store, watcher, notifier, undefined, config.readYourWritesTimeoutMs);
  }

  get notifications(): ChangeNotifier {
    return this.notifier;
  }

  /** Read-your-writes: resolves once the feature's projections have committed `minPosition`. */
  async reach(feature: QueryFeature, minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const projections = QUERY_PROJECTIONS[feature];
    if (!(await this.waiter.waitFor(minPosition, projections, this.timeoutMs))) throw new ProjectionNotCaughtUp(minPosition, projections);
  }

  async readiness(): Promise<ReadSideReadiness> {
    const schema = await readModelSchemaStatus(this.readModels.db, this.readModels.schema);
    if (!schema.migrated) return { ready: false, schema, projectors: [], projectorsInProcess: this.runner !== undefined };
    const projectors = this.runner ? await this.runner.lag(1_000) : await storedLag(this.readModels.db, this.store, 1_000);
    return { ready: true, schema, projectors, projectorsInProcess: this.runner !== undefined };
  }

  async close(): Promise<void> {
    await this.runner?.stop();
    await this.waiter.close();
    await this.notifier.close();
    await this.readModels.close();
  }
}
