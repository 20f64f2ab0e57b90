import type { GlobalPosition } from '../ports/event-store.port';
import type { Timers } from '../ports/timers.port';

/**
 * Moves a stored checkpoint from `expected` to `position` in one statement; false when the stored
 * value was not `expected` (a rebuild swap or another instance moved it).
 */
export type MoveCheckpoint = (expected: GlobalPosition | null, position: GlobalPosition) => Promise<boolean>;

export interface DeferredCheckpointOptions {
  readonly move: MoveCheckpoint;
  readonly timers: Timers;
  /** Longest time skipped progress stays in memory only. */
  readonly flushMs: number;
  /** The stored checkpoint moved under us: the subscriber must start again from it. */
  readonly onStale: () => void;
  readonly onError: (error: unknown) => void;
}

/**
 * A subscriber's checkpoint when most events need nothing from it (a projector that does not
 * handle the event, a fan-out with no matching webhook): `skip` moves the position in memory and
 * stores it at most every `flushMs` in one UPDATE, instead of a transaction per event. A crash
 * replays at most that much of what it ignores anyway. Batches that do write go through
 * `exclusive` and store their checkpoint themselves (`committed`), so a flush never races them.
 */
export class DeferredCheckpoint {
  private storedPosition: GlobalPosition | null = null;
  private appliedPosition: GlobalPosition | null = null;
  private cancelTimer: (() => void) | undefined;
  private serial: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: DeferredCheckpointOptions) {}

  /** What is stored: the expected value of the next write. */
  get stored(): GlobalPosition | null {
    return this.storedPosition;
  }

  /** Everything up to here is applied (stored, or skipped and not stored yet). */
  get position(): GlobalPosition | null {
    return this.appliedPosition;
  }

  /** After (re)subscribing from the stored checkpoint: skipped progress not stored is forgotten. */
  reset(stored: GlobalPosition | null): void {
    this.cancel();
    this.storedPosition = stored;
    this.appliedPosition = stored;
  }

  /** Events up to `position` need nothing: remember it, store it within `flushMs`. */
  skip(position: GlobalPosition): void {
    if (this.appliedPosition !== null && position <= this.appliedPosition) return;
    this.appliedPosition = position;
    this.schedule();
  }

  /** A batch transaction stored `position` itself (expected: `stored`). */
  committed(position: GlobalPosition): void {
    this.storedPosition = position;
    if (this.appliedPosition === null || position > this.appliedPosition) this.appliedPosition = position;
    if (this.appliedPosition === this.storedPosition) this.cancel();
  }

  /** Runs `work` with no flush in between (batch writes read `stored` and call `committed`). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** Stores skipped progress now (a timer does this by itself). */
  flush(): Promise<void> {
    return this.exclusive(async () => {
      const target = this.appliedPosition;
      if (target === null || target === this.storedPosition) return;
      try {
        if (await this.options.move(this.storedPosition, target)) this.storedPosition = target;
        else this.options.onStale();
      } catch (error) {
        this.options.onError(error);
        this.schedule();
      }
    });
  }

  /** On stop (for good): no timer left behind; skipped progress is stored if the store answers. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancel();
    await this.flush();
  }

  private schedule(): void {
    if (this.closed) return;
    this.cancelTimer ??= this.options.timers.after(this.options.flushMs, () => {
      this.cancelTimer = undefined;
      void this.flush();
    });
  }

  private cancel(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
