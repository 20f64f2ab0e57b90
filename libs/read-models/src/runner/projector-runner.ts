import { type ChangeNotifier, type EventStore, type GlobalPosition } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { ALL_PROJECTORS } from '../projectors/all-projectors';
import { type Projector } from '../projectors/projector';
import { positionsAfter } from './event-counts';
import { stderrLogger, type ProjectorLogger } from './logger';
import { PositionWaiters } from './position-waiters';
import { ProjectionLoop } from './projection-loop';

export interface ProjectorRunnerOptions {
  readonly db: Kysely<Database>;
  readonly eventStore: EventStore;
  /** Default: every projector. */
  readonly projectors?: readonly Projector[];
  readonly notifier?: ChangeNotifier;
  readonly logger?: ProjectorLogger;
  /** Most events per committed batch while keeping up. Default 500. */
  readonly batchSize?: number;
  /** Most events per batch of a projector that has fallen behind (batches grow while they come back full). Default 8 × batchSize. */
  readonly maxBatchSize?: number;
  /** Pause before a failed loop subscribes again. Default 1000 ms. */
  readonly retryDelayMs?: number;
}

export interface ProjectorLag {
  readonly projector: string;
  readonly lastAppliedPosition: GlobalPosition | null;
  readonly headPosition: GlobalPosition | null;
  readonly eventsBehind: number;
  /** eventsBehind is a lower bound (counting stopped at the cap). */
  readonly eventsBehindCapped: boolean;
  readonly caughtUp: boolean;
  readonly lastBatchAt: string | null;
}

/**
 * Runs projectors from the store's global feed into the read models, each from its own
 * checkpoint (DESIGN.md §1 read side). See projection-loop.ts for the per-projector cycle.
 */
export class ProjectorRunner {
  private readonly loops: ProjectionLoop[];
  private readonly waiters = new PositionWaiters((position) => this.hasReached(position));

  constructor(private readonly options: ProjectorRunnerOptions) {
    const logger = options.logger ?? stderrLogger;
    this.loops = (options.projectors ?? ALL_PROJECTORS).map(
      (projector) =>
        new ProjectionLoop({
          db: options.db,
          store: options.eventStore,
          projector,
          notifier: options.notifier,
          logger,
          batchSize: options.batchSize ?? 500,
          maxBatchSize: Math.max(options.batchSize ?? 500, options.maxBatchSize ?? 8 * (options.batchSize ?? 500)),
          retryDelayMs: options.retryDelayMs ?? 1000,
          onAdvance: () => this.waiters.check(),
        }),
    );
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    this.waiters.releaseAll();
  }

  /** True once every projector has committed the event at `position` (false on timeout). */
  waitForPosition(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, timeoutMs);
  }

  /** The last committed position of each projector. */
  positions(): Record<string, GlobalPosition | null> {
    return Object.fromEntries(this.loops.map((loop) => [loop.name, loop.position]));
  }

  /** How far each projector trails the store's visible head; counts at most `cap` events. */
  async lag(cap = 10_000): Promise<ProjectorLag[]> {
    const from = this.slowest();
    const { positions, capped } = await positionsAfter(this.options.eventStore, from ?? undefined, cap);
    const head = positions.at(-1) ?? from;
    return this.loops.map((loop) => ({
      projector: loop.name,
      lastAppliedPosition: loop.position,
      headPosition: head ?? null,
      eventsBehind: positions.filter((position) => loop.position === null || position > loop.position).length,
      eventsBehindCapped: capped,
      caughtUp: loop.caughtUp,
      lastBatchAt: loop.lastBatchAt,
    }));
  }

  private hasReached(position: GlobalPosition): boolean {
    return this.loops.every((loop) => loop.position !== null && loop.position >= position);
  }

  private slowest(): GlobalPosition | null {
    const positions = this.loops.map((loop) => loop.position);
    if (positions.some((position) => position === null)) return null;
    return Math.min(...(positions as number[]));
  }
}
