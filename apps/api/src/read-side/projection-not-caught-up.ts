/** Read-your-writes gave up: the projections serving a query had not committed `minPosition` in time. */
export class ProjectionNotCaughtUp extends Error {
  readonly code = 'PROJECTION.NOT_CAUGHT_UP';

  constructor(
    readonly minPosition: number,
    readonly projections: readonly string[],
    /** Seconds a client should wait before asking again (the `Retry-After` header). */
    readonly retryAfterSeconds = 1,
  ) {
    super(`The read models (${projections.join(', ')}) have not reached position ${minPosition} yet; retry shortly`);
    this.name = 'ProjectionNotCaughtUp';
  }
}
