/** The only source of the current time for the core. */
export interface Clock {
  /** ISO 8601 UTC with milliseconds. */
  now(): string;
}
