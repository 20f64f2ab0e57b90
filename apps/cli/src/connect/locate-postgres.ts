import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { embeddedPostgresUrl, resolvePostgres } from '@orch/postgres';
import { UsageError } from '../cli-error';
import { type CliConfig } from '../config';
import { redact } from './redact-url';

export interface LocatedPostgres {
  readonly connectionString: string;
  /** For the operator: which database this is. */
  readonly description: string;
  /** Stops the embedded cluster if this process started it; otherwise nothing. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set. Otherwise the embedded PostgreSQL that `npm start` keeps under
 * `<ORCH_DATA_DIR>/pg`: joined while `npm start` runs it, started for the command (and stopped
 * after) when it does not. With no DATABASE_URL and no embedded cluster there is nothing to
 * inspect, so that is a configuration error rather than a fresh empty database.
 */
export async function locatePostgres(config: CliConfig, log: (line: string) => void): Promise<LocatedPostgres> {
  if (config.databaseUrl) {
    return { connectionString: config.databaseUrl, description: `DATABASE_URL (${redact(config.databaseUrl)})`, stop: async () => undefined };
  }
  const dataDir = resolve(config.dataDir, 'pg');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new UsageError(
      `DATABASE_URL is not set and there is no embedded database under ${dataDir}`,
      'set DATABASE_URL to the PostgreSQL of the event store and read models (or run `npm start` once to create the embedded one)',
    );
  }
  const runningPort = runningClusterPort(dataDir);
  if (runningPort !== undefined) {
    return { connectionString: embeddedPostgresUrl(runningPort), description: `the embedded PostgreSQL of the running npm start (${dataDir}, port ${runningPort})`, stop: async () => undefined };
  }
  log(`starting the embedded PostgreSQL under ${dataDir} for this command`);
  const started = await resolvePostgres(undefined, { dataDir, port: config.embeddedPostgresPort });
  return { connectionString: started.connectionString, description: `the embedded PostgreSQL under ${dataDir} (started for this command)`, stop: () => started.stop() };
}

/** postmaster.pid names the server's pid (line 1) and port (line 4) while it runs. */
function runningClusterPort(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  if (!isAlive(Number(pid))) return undefined;
  const parsed = Number(port);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (the cluster runs as `postgres` when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
