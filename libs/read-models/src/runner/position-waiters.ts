/** Callers waiting for every projector to pass a position (read-your-writes). */
export class PositionWaiters {
  private readonly waiters = new Set<{ position: number; resolve: (reached: boolean) => void }>();

  constructor(private readonly reached: (position: number) => boolean) {}

  wait(position: number, timeoutMs: number): Promise<boolean> {
    if (this.reached(position)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Re-checks every waiter; called after each committed batch. */
  check(): void {
    for (const waiter of [...this.waiters]) if (this.reached(waiter.position)) waiter.resolve(true);
  }

  /** On stop: nobody waits forever. */
  releaseAll(): void {
    for (const waiter of [...this.waiters]) waiter.resolve(false);
  }
}
