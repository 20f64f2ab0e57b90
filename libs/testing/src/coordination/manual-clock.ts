/** A clock that moves only when told: `now` for an adapter's `now` option, `advance` for a test's `elapse`. */
export class ManualClock {
  private ms: number;

  constructor(start: string | number = '2026-01-01T00:00:00.000Z') {
    this.ms = typeof start === 'number' ? start : Date.parse(start);
  }

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }
}
