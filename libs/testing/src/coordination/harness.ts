import type { Heartbeats, Leases } from '@orch/application';

/** What one adapter gives the leases contract for one test. Adapter differences are options here. */
export interface LeasesUnderTest {
  readonly leases: Leases;
  /**
   * Another client of the same store, as a second engine holds it (Redis: its own connection;
   * in-process: the same instance, since that store is one node). `dispose` closes it.
   */
  peer(): Promise<Leases>;
  /** The adapter's clock in ms since the epoch: the one `expiresAt` is meant to be read against. */
  now(): number;
  /** Lets `ms` pass for the adapter: a test clock is moved, or real time passes. */
  elapse(ms: number): Promise<void>;
  /** Closes the leases and every peer, and removes what the test wrote (its keys). */
  dispose(): Promise<void>;
}

export interface LeasesContractOptions {
  /** A TTL the tests let lapse with `elapse`: short where real time has to pass. */
  readonly shortTtlMs: number;
  /** A TTL that outlives any test; default 60 s. */
  readonly longTtlMs?: number;
  /** Jest timeout of each test; default 20 s. */
  readonly testTimeoutMs?: number;
}

/** What each part of the leases contract gets. */
export interface LeasesContractContext {
  subject(): LeasesUnderTest;
  leases(): Leases;
  /** A key no other test (or run) uses. */
  key(): string;
  readonly shortTtlMs: number;
  readonly longTtlMs: number;
}

/** What one adapter gives the heartbeats contract for one test. */
export interface HeartbeatsUnderTest {
  readonly heartbeats: Heartbeats;
  /** Lets `ms` pass for the adapter: a test clock is moved, or real time passes. */
  elapse(ms: number): Promise<void>;
  /** Closes the heartbeats and removes what the test wrote. */
  dispose(): Promise<void>;
}

export interface HeartbeatsContractOptions {
  /** The TTL the adapter was made with: HEARTBEAT_TTL_MS, or a shorter one where real time has to pass. */
  readonly ttlMs: number;
  /** Jest timeout of each test; default 20 s. */
  readonly testTimeoutMs?: number;
}
