import { UsageError } from './cli-error';

/**
 * The CLI's one typed configuration, read once from the environment: the same variables as the
 * api (DESIGN.md §5), so an operator points both at the same databases the same way.
 */
export interface CliConfig {
  /** Unset: the embedded PostgreSQL of `npm start` under `dataDir/pg` (see connect/locate-postgres.ts). */
  readonly databaseUrl?: string;
  readonly eventStore: 'postgres' | 'esdb';
  readonly esdbConnectionString?: string;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const problems: string[] = [];
  const eventStore = env['EVENT_STORE'] || 'postgres';
  if (eventStore !== 'postgres' && eventStore !== 'esdb') problems.push(`EVENT_STORE must be postgres or esdb, got "${eventStore}"`);
  const esdbConnectionString = env['ESDB_CONNECTION_STRING'] || undefined;
  if (eventStore === 'esdb' && !esdbConnectionString) problems.push('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  const rawPort = env['EMBEDDED_PG_PORT'] || '54329';
  const embeddedPostgresPort = Number(rawPort);
  if (!Number.isInteger(embeddedPostgresPort) || embeddedPostgresPort <= 0 || embeddedPostgresPort > 65535) {
    problems.push(`EMBEDDED_PG_PORT must be a port number, got "${rawPort}"`);
  }
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  if (problems.length > 0) throw new UsageError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    eventStore: eventStore as CliConfig['eventStore'],
    ...(esdbConnectionString ? { esdbConnectionString } : {}),
    dataDir: env['ORCH_DATA_DIR'] || '.data',
    embeddedPostgresPort,
  };
}
