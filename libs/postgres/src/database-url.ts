import { createRequire } from 'node:module';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions, type RunningPostgres } from './embedded-postgres';

/**
 * The one rule for where PostgreSQL lives (DESIGN.md §5): `DATABASE_URL` when given, otherwise an
 * embedded cluster under `./.data/pg` that stops with the process. Same `pg` code path either way.
 */
export async function resolvePostgres(
  databaseUrl: string | undefined,
  embedded: EmbeddedPostgresOptions = {},
): Promise<RunningPostgres & { readonly embedded: boolean }> {
  if (databaseUrl) {
    return { connectionString: databaseUrl, embedded: false, stop: async () => undefined };
  }
  const running = await startEmbeddedPostgres(embedded);
  return { ...running, embedded: true };
}

const EXIT_STATUS: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Runs `stop` once on SIGINT, SIGTERM or SIGHUP, then exits with the conventional signal status.
 * A second signal during the stop ends the process at once (the signal's default action), and so
 * does a stop still running after `timeoutMs` (default 25 s, inside Kubernetes' 30 s grace period).
 *
 * The process's own shutdown is the only one: embedded-postgres, loaded with this module, hooks
 * the same signals through async-exit-hook at import, stops every embedded cluster and calls
 * `process.exit` itself as soon as that is done. Left in place, it cut a graceful stop off halfway
 * (an owned OpenCode server outlived the api, a projector's batch was left unfinished), and the
 * cluster went down under the code still using it. So its signal hooks are removed here; `stop`
 * stops the cluster, last. Its `exit`/`beforeExit` hooks stay, for a process that ends otherwise.
 */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = () => undefined, timeoutMs = 25_000): void {
  releaseEmbeddedPostgresSignals();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, shutting down`);
    const status = EXIT_STATUS[signal] ?? 1;
    const deadline = setTimeout(() => {
      log(`shutdown did not finish within ${timeoutMs} ms; exiting now`);
      process.exit(status);
    }, timeoutMs);
    stop()
      .catch((error: unknown) => log(`shutdown failed: ${String(error)}`))
      .finally(() => {
        clearTimeout(deadline);
        process.exit(status);
      });
  };
  for (const signal of Object.keys(EXIT_STATUS) as NodeJS.Signals[]) process.once(signal, onSignal);
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/** The async-exit-hook instance embedded-postgres registered with (resolved from its own directory). */
function releaseEmbeddedPostgresSignals(): void {
  const hook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as Partial<AsyncExitHook>;
  if (typeof hook.hookedEvents !== 'function' || typeof hook.unhookEvent !== 'function') return;
  for (const event of hook.hookedEvents()) {
    if (event.startsWith('SIG') || event === 'message') hook.unhookEvent(event);
  }
}
