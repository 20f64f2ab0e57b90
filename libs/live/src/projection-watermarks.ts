import type { ChangeNotifier, ChangeSubscription, GlobalPosition, ProjectionChange } from '@orch/application';

/** Reads every projector's committed checkpoint (libs/read-models `projector_checkpoints`). */
export type ReadCheckpoints = () => Promise<Readonly<Record<string, GlobalPosition | null>>>;

export interface WatermarkOptions {
  readonly readCheckpoints: ReadCheckpoints;
  /** Pushes "committed up to here" as soon as a projector publishes its batch. */
  readonly notifier?: ChangeNotifier;
  /** How often checkpoints are read while something waits. Default 50 ms. */
  readonly pollMs?: number;
}

interface Waiting {
  readonly projector: string;
  readonly position: GlobalPosition;
  readonly resolve: () => void;
}

/** Entities each projector publishes (libs/read-models): a change at p means it committed p. */
const PROJECTOR_OF_ENTITY: Readonly<Record<string, string>> = {
  session: 'sessions',
  task: 'sessions',
  checkpoint: 'sessions',
  agent: 'agents',
  context: 'contexts',
  event: 'event-log',
  metric: 'metrics',
};

/**
 * How far each projector has committed, wherever it runs. Published changes move it at once; an
 * event a projector skips publishes nothing, so while anyone waits the checkpoints are also read
 * from the table every `pollMs`. Positions only move forward here.
 */
export class ProjectionWatermarks {
  private readonly committed = new Map<string, GlobalPosition>();
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private subscription: ChangeSubscription | undefined;
  private closed = false;

  constructor(private readonly options: WatermarkOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    this.subscription = await this.options.notifier?.subscribe((changes) => this.observe(changes));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    for (const waiting of this.waiting) waiting.resolve();
    this.waiting = [];
    await this.subscription?.close();
  }

  has(projector: string, position: GlobalPosition): boolean {
    return (this.committed.get(projector) ?? -1) >= position;
  }

  /** Resolves once `projector` has committed `position` (or on close / abort). */
  reach(projector: string, position: GlobalPosition, signal?: AbortSignal): Promise<void> | undefined {
    if (this.has(projector, position) || this.closed) return undefined;
    return new Promise((resolve) => {
      // The feed's signal lives as long as the feed: each wait removes its listener when it ends.
      const onAbort = (): void => {
        this.waiting = this.waiting.filter((other) => other !== waiting);
        resolve();
      };
      const waiting = {
        projector,
        position,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.waiting.push(waiting);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.schedule();
    });
  }

  observe(changes: readonly ProjectionChange[]): void {
    for (const change of changes) {
      const projector = PROJECTOR_OF_ENTITY[change.entity];
      if (projector) this.advance(projector, change.position);
    }
    this.release();
  }

  private advance(projector: string, position: GlobalPosition | null): void {
    if (position !== null && position > (this.committed.get(projector) ?? -1)) this.committed.set(projector, position);
  }

  private release(): void {
    if (this.waiting.length === 0) return;
    const still: Waiting[] = [];
    for (const waiting of this.waiting) {
      if (this.has(waiting.projector, waiting.position)) waiting.resolve();
      else still.push(waiting);
    }
    this.waiting = still;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh().finally(() => {
        if (this.waiting.length > 0) this.schedule();
      });
    }, this.options.pollMs ?? 50);
  }

  private async refresh(): Promise<void> {
    if (this.reading || this.closed) return;
    this.reading = true;
    try {
      const positions = await this.options.readCheckpoints();
      for (const [projector, position] of Object.entries(positions)) this.advance(projector, position);
      this.release();
    } catch {
      // The table may not exist yet (no projector has run); the next poll tries again.
    } finally {
      this.reading = false;
    }
  }
}
