import { type ChangeNotifier, type ChangeSubscription, type GlobalPosition } from '@orch/application';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { type ProjectionWaiter } from './projection-waiter';

export interface CheckpointWatcherOptions {
  readonly db: Kysely<Database>;
  /** Wakes the watcher after a projector commits (in another process); optional. */
  readonly notifier?: ChangeNotifier;
  /**
   * While someone waits, checkpoints are also read this often: a batch whose events changed no
   * entity publishes nothing, and notifications are at most once. Default 250 ms.
   */
  readonly fallbackPollMs?: number;
}

interface Waiter {
  readonly position: GlobalPosition;
  readonly projections: readonly string[];
  readonly resolve: (reached: boolean) => void;
}

/**
 * Read-your-writes when the projectors run in another process: waits on the stored checkpoints
 * (`projector_checkpoints`). The table is read only while someone waits: on each change
 * notification, and on a slow fallback timer; one read at a time, shared by every waiter.
 */
export class CheckpointWatcher implements ProjectionWaiter {
  private readonly waiters = new Set<Waiter>();
  private subscription: ChangeSubscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private again = false;
  private closed = false;

  constructor(private readonly options: CheckpointWatcherOptions) {}

  /** Subscribes to change notifications; without it the watcher still works on its timer. */
  async start(): Promise<void> {
    this.subscription ??= await this.options.notifier?.subscribe(() => this.wake());
  }

  async waitFor(position: GlobalPosition, projections: readonly string[], timeoutMs: number): Promise<boolean> {
    if (this.closed) return false;
    // A failed first read is not an answer: the wait goes on and the next read decides.
    const now = await this.positions().catch(() => new Map<string, GlobalPosition | null>());
    if (reached(now, position, projections)) return true;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        position,
        projections,
        resolve: (result) => {
          clearTimeout(deadline);
          this.waiters.delete(waiter);
          if (this.waiters.size === 0) this.stopTimer();
          resolve(result);
        },
      };
      const deadline = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
      this.startTimer();
      // A commit between the first read and now would have woken nobody.
      this.wake();
    });
  }

  /** The stored checkpoint of every projector (null: nothing committed yet). */
  async positions(): Promise<Map<string, GlobalPosition | null>> {
    const rows = await this.options.db.selectFrom('projector_checkpoints').select(['projector', 'position']).execute();
    return new Map(rows.map((row) => [row.projector, row.position]));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    for (const waiter of [...this.waiters]) waiter.resolve(false);
    await this.subscription?.close();
    this.subscription = undefined;
    await this.reading;
  }

  private wake(): void {
    if (this.waiters.size === 0 || this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.check().finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async check(): Promise<void> {
    let positions: Map<string, GlobalPosition | null>;
    try {
      positions = await this.positions();
    } catch {
      return; // The next notification or tick reads again; waiters time out if it never answers.
    }
    for (const waiter of [...this.waiters]) if (reached(positions, waiter.position, waiter.projections)) waiter.resolve(true);
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.wake(), this.options.fallbackPollMs ?? 250);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function reached(positions: ReadonlyMap<string, GlobalPosition | null>, position: GlobalPosition, projections: readonly string[]): boolean {
  return projections.every((projection) => {
    const committed = positions.get(projection);
    return committed !== undefined && committed !== null && committed >= position;
  });
}
