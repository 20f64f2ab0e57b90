import type { Lease } from '@orch/application';

/** The lease an acquire (or renew) was expected to give; throws, failing the test, when it gave none. */
export function mustHold(lease: Lease | null): Lease {
  if (lease === null) throw new Error('expected the lease to be held');
  return lease;
}
