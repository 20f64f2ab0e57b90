/** Exit codes: 0 done, 1 the work failed, 2 the command line or the configuration is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** A mistake of the caller (arguments, names, environment): exit 2 with the message and a hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
