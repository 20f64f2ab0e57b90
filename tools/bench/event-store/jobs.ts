/** What the orchestrator asks a worker process to run, and what it sends back. */

export type TargetName = 'plain' | 'orch' | 'emmett';
export type Mode = 'single' | 'batch';

export interface ThroughputJob {
  readonly kind: 'throughput';
  readonly target: TargetName;
  readonly mode: Mode;
  readonly connectionString: string;
  readonly events: number;
  readonly warmupEvents: number;
  readonly writers: number;
  /** Events per append call: 1 for single appends. */
  readonly perAppend: number;
  readonly streamsPerWriter: number;
  /** The run stops issuing appends after this, even if not all events were written. */
  readonly maxSeconds: number;
}

export interface LagJob {
  readonly kind: 'lag';
  readonly connectionString: string;
  readonly ratePerSecond: number;
  readonly tickMs: number;
  readonly durationMs: number;
  /** Events per append call: ratePerSecond × tickMs / 1000 per tick, split into appends of this size. */
  readonly eventsPerAppend: number;
  readonly streams: number;
  readonly warmupEvents: number;
  readonly drainTimeoutMs: number;
}

export type Job = ThroughputJob | LagJob;

export interface ThroughputResult {
  readonly kind: 'throughput';
  /** Events written in the timed part: all of the plan, or fewer when maxSeconds ran out. */
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface LagResult {
  readonly kind: 'lag';
  readonly eventsPerAppend: number;
  readonly sent: number;
  readonly delivered: number;
  /** Events committed per second, from the first tick to the last commit: below the target rate, the writer was saturated. */
  readonly eventsPerSecond: number;
  /** Receive time − the moment the writer saw its append commit, in ms. */
  readonly commitToReceive: Percentiles;
  /** Receive time − the send time carried in the event's data, in ms (includes the append itself). */
  readonly sendToReceive: Percentiles;
}

export type JobResult = ThroughputResult | LagResult;
