import type { Percentiles } from '../event-store/jobs';

/** What the bench asks a worker process to run, and what it sends back. */

export interface RebuildJob {
  readonly kind: 'rebuild';
  readonly connectionString: string;
  readonly events: number;
  readonly seed: number;
  readonly writers: number;
  readonly batchSize: number;
  readonly concurrency: number;
}

export interface LagJob {
  readonly kind: 'lag';
  readonly connectionString: string;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly warmupEvents: number;
  readonly writers: number;
  readonly seed: number;
  readonly drainTimeoutMs: number;
}

export type Job = RebuildJob | LagJob;

/** One projection within the `all` rebuild, from PostgreSQL's per-table counters of its new tables. */
export interface ProjectionFigures {
  readonly projector: string;
  /** Seconds from the start of the rebuild to this projection's swap. */
  readonly swappedAfter: number;
  /** SQL statements its apply/applyBatch sent. */
  readonly statements: number;
  readonly rowsWritten: number;
  readonly indexScans: number;
}

export interface RebuildResult {
  readonly kind: 'rebuild';
  readonly events: number;
  readonly seedSeconds: number;
  /** The baseline: every event read through the port, in pages of the rebuild's batch size. */
  readonly readSeconds: number;
  readonly rebuildSeconds: number;
  /** SQL statements of the rebuild outside the projections (checkpoint locks, parking, the swap). */
  readonly runnerStatements: number;
  readonly projections: readonly ProjectionFigures[];
  readonly parked: number;
}

export interface LagResult {
  readonly kind: 'lag';
  readonly sent: number;
  /** Events whose append every projector committed within the drain timeout. */
  readonly projected: number;
  /** Events appended per second over the timed part: below the target rate, the writers fell behind. */
  readonly eventsPerSecond: number;
  /** Seconds from the first append of the timed part to the last append every projector had committed. */
  readonly drainedAfter: number;
  /** The same for each projector on its own: which one holds the others back. */
  readonly drainedAfterByProjector: Readonly<Record<string, number>>;
  /** Per event: the moment every projector had committed it − the moment its append was acknowledged, in ms. */
  readonly lag: Percentiles;
}

export type JobResult = RebuildResult | LagResult;
