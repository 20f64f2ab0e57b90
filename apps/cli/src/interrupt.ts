const reports = new Set<() => void>();
const cleanups = new Set<() => Promise<void>>();
/** A cleanup that hangs must not keep an interrupted CLI alive. */
const CLEANUP_TIMEOUT_MS = 10_000;

/**
 * Ctrl-C (or SIGTERM) during a command: each registered report says what state things are left
 * in, the cleanups run (stopping an embedded PostgreSQL this process started), then the process
 * exits 130 (143 for SIGTERM). The server aborts an open transaction when its connection goes,
 * so nothing half-done is committed.
 */
export function installInterruptHandler(): void {
  const handler = (signal: NodeJS.Signals): void => {
    for (const report of reports) report();
    const done = Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
    const timeout = new Promise((resolve) => setTimeout(resolve, CLEANUP_TIMEOUT_MS).unref());
    void Promise.race([done, timeout]).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

/** Registers what to say and what to undo if interrupted now; the returned function unregisters. */
export function whileRunning(hooks: { readonly report?: () => void; readonly cleanup?: () => Promise<void> }): () => void {
  if (hooks.report) reports.add(hooks.report);
  if (hooks.cleanup) cleanups.add(hooks.cleanup);
  return () => {
    if (hooks.report) reports.delete(hooks.report);
    if (hooks.cleanup) cleanups.delete(hooks.cleanup);
  };
}
