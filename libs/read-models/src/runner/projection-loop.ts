import { DeferredCheckpoint, type ChangeNotifier, type EventStore, type RecordedEvent } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { type Projector } from '../projectors/projector';
import { batchesOf } from './batches';
import { ensureCheckpoint, moveCheckpoint } from './checkpoints';
import { commitBatch } from './commit-batch';
import { errorText, type ProjectorLogger } from './logger';
import { nodeTimers } from './node-timers';
import { publishChanges } from './publish-changes';

export interface LoopDeps {
  readonly db: Kysely<Database>;
  readonly store: EventStore;
  readonly projector: Projector;
  readonly notifier?: ChangeNotifier;
  readonly logger: ProjectorLogger;
  /** Events per batch when keeping up; a loop that falls behind grows its batches up to `maxBatchSize`. */
  readonly batchSize: number;
  readonly maxBatchSize: number;
  readonly retryDelayMs: number;
  /** How long the checkpoint of events the projector does not handle may stay in memory only. Default 250 ms. */
  readonly skippedFlushMs?: number;
  /** Called after every committed batch (and after a resubscription) with the new position. */
  readonly onAdvance: () => void;
}

/** How long a batch of a loop that is behind waits for the next page before it commits anyway. */
const LINGER_MS = 20;

/**
 * Drives one projector: subscribe from its checkpoint, commit batches, repeat. A failure (lost
 * connection, store down) or a checkpoint moved by a rebuild swap ends the subscription; the loop
 * then starts again from whatever checkpoint is stored.
 */
export class ProjectionLoop {
  caughtUp = false;
  lastBatchAt: string | null = null;
  private stopped = false;
  private running: Promise<void> | undefined;
  private closeCurrent: (() => Promise<void>) | undefined;
  private wake: (() => void) | undefined;
  /** The adaptive batch size: doubled after a full batch (a backlog), halved back after a short one. */
  private targetSize: number;
  private readonly checkpoint: DeferredCheckpoint;

  constructor(private readonly deps: LoopDeps) {
    this.targetSize = deps.batchSize;
    this.checkpoint = new DeferredCheckpoint({
      flushMs: deps.skippedFlushMs ?? 250,
      timers: nodeTimers,
      move: async (expected, position) => (await moveCheckpoint(deps.db, this.name, expected, position)).moved,
      onStale: () => {
        deps.logger.info({ projector: this.name }, 'checkpoint moved; resubscribing');
        void this.closeCurrent?.();
      },
      onError: (error) => deps.logger.warn({ projector: this.name, error: errorText(error) }, 'storing the checkpoint failed; retrying'),
    });
  }

  /**
   * Every event up to here is applied: committed, or one the projector does not handle, whose
   * checkpoint is stored within `skippedFlushMs` (a restart replays those harmlessly).
   */
  get position(): number | null {
    return this.checkpoint.position;
  }

  get batchSize(): number {
    return this.targetSize;
  }

  get name(): string {
    return this.deps.projector.name;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.closeCurrent?.();
    await this.running;
    await this.checkpoint.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consume();
      } catch (error) {
        if (this.stopped) break;
        this.deps.logger.error({ projector: this.name, error: errorText(error) }, 'projector loop failed; restarting');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.deps.retryDelayMs);
        });
      }
    }
  }

  private async consume(): Promise<void> {
    await this.checkpoint.exclusive(async () => this.checkpoint.reset(await ensureCheckpoint(this.deps.db, this.name)));
    this.caughtUp = false;
    this.deps.onAdvance();
    const subscription = this.deps.store.subscribeToAll(this.position === null ? {} : { fromPosition: this.position });
    this.closeCurrent = () => subscription.close();
    try {
      // Behind (the last batch was full), a batch waits for the next page instead of closing at a
      // page boundary: fewer, bigger transactions until the loop has caught up again.
      const batches = batchesOf(subscription, () => this.targetSize, { lingerMs: () => (this.targetSize > this.deps.batchSize ? LINGER_MS : 0) });
      for await (const item of batches) {
        if (this.stopped) return;
        if (item.kind === 'caughtUp') {
          this.caughtUp = true;
          this.deps.onAdvance();
        } else if (!(await this.commit(item.events))) return;
      }
    } finally {
      await subscription.close();
    }
  }

  /** False when the stored checkpoint moved under us: resubscribe from it. */
  private async commit(events: readonly RecordedEvent[]): Promise<boolean> {
    const fresh = events.filter((event) => this.position === null || event.position > this.position);
    if (fresh.length === 0) return true;
    const { projector, db, logger } = this.deps;
    const last = (fresh.at(-1) as RecordedEvent).position;
    if (projector.handles && !fresh.some((event) => projector.handles?.(event))) {
      this.checkpoint.skip(last);
      this.deps.onAdvance();
      return true;
    }
    const result = await this.checkpoint.exclusive(async () => {
      const committed = await commitBatch(db, { projector, events: fresh, expectedCheckpoint: { position: this.checkpoint.stored } });
      if (!committed.stale) this.checkpoint.committed(last);
      return committed;
    });
    if (result.stale) {
      logger.info({ projector: this.name, from: this.position, to: result.stored }, 'checkpoint moved; resubscribing');
      return false;
    }
    this.lastBatchAt = new Date().toISOString();
    this.adapt(events.length);
    for (const parked of result.parked) logger.warn({ projector: this.name, ...parked }, 'event parked');
    this.deps.onAdvance();
    await publishChanges(this.deps.notifier, result.changes, logger);
    return true;
  }

  private adapt(events: number): void {
    const { batchSize, maxBatchSize } = this.deps;
    if (events >= this.targetSize) this.targetSize = Math.min(maxBatchSize, this.targetSize * 2);
    else if (events < this.targetSize / 2) this.targetSize = Math.max(batchSize, Math.floor(this.targetSize / 2));
  }
}
