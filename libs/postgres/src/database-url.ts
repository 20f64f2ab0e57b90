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

/** Stops `running` once on SIGINT/SIGTERM, then exits with the conventional signal status. */
export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = () => undefined): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, shutting down`);
    stop()
      .catch((error: unknown) => log(`shutdown failed: ${String(error)}`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
