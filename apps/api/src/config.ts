import { resolve } from 'node:path';
import { parseEngineConfig, type EngineConfig } from './engine/engine-config';
import { parseLiveSettings, parseWebhookSettings, type WebhookSettings } from './live-config';
import type { LiveSettings } from './live/live-settings';
import { parseObservability, type ObservabilitySettings } from './observability/observability-config';

/** The api's one typed configuration, parsed once at boot from the environment (DESIGN.md §5). */
export type Role = 'api' | 'projector' | 'engine';
const ROLES: readonly Role[] = ['api', 'projector', 'engine'];

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  readonly eventStore: 'postgres' | 'esdb';
  readonly esdbConnectionString?: string;
  /** Unset: an embedded PostgreSQL under `dataDir/pg`. */
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  /** `REDIS_KEY_PREFIX`: separates deployments (and tests) sharing one Redis; default `orch:`. */
  readonly redisKeyPrefix: string;
  readonly roles: ReadonlySet<Role>;
  readonly bootstrapAdminKey?: string;
  readonly bootstrapTenant: string;
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  readonly live: LiveSettings;
  readonly webhooks: WebhookSettings;
  /** How long a query given `minPosition` waits for its projections before answering 503 (read-your-writes). */
  readonly readYourWritesTimeoutMs: number;
  readonly engine: EngineConfig;
  readonly observability: ObservabilitySettings;
}

export class ConfigError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const port = parsePort(env['PORT'] ?? '3000', 'PORT', problems);
  const embeddedPostgresPort = parsePort(env['EMBEDDED_PG_PORT'] ?? '54329', 'EMBEDDED_PG_PORT', problems);
  const eventStore = env['EVENT_STORE'] ?? 'postgres';
  if (eventStore !== 'postgres' && eventStore !== 'esdb') problems.push(`EVENT_STORE must be postgres or esdb, got "${eventStore}"`);
  if (eventStore === 'esdb' && !env['ESDB_CONNECTION_STRING']) problems.push('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  const roles = parseRoles(env['ROLES'], problems);
  const live = parseLiveSettings(env, problems);
  const webhooks = parseWebhookSettings(env, problems);
  const readYourWritesTimeoutMs = parseMs(env['ORCH_READ_WAIT_MS'] ?? '5000', 'ORCH_READ_WAIT_MS', 60_000, problems);
  const bootstrapAdminKey = env['ORCH_BOOTSTRAP_ADMIN_KEY'];
  if (bootstrapAdminKey !== undefined && bootstrapAdminKey.length < 24) {
    problems.push('ORCH_BOOTSTRAP_ADMIN_KEY must be at least 24 characters');
  }
  const engine = parseEngineConfig(env, !env['DATABASE_URL'], problems);
  const observability = parseObservability(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host: env['HOST'] ?? '127.0.0.1',
    port,
    eventStore: eventStore as AppConfig['eventStore'],
    ...optional('esdbConnectionString', env['ESDB_CONNECTION_STRING']),
    ...optional('databaseUrl', env['DATABASE_URL']),
    ...optional('redisUrl', env['REDIS_URL']),
    redisKeyPrefix: env['REDIS_KEY_PREFIX'] ?? 'orch:',
    roles,
    ...optional('bootstrapAdminKey', bootstrapAdminKey),
    bootstrapTenant: env['ORCH_BOOTSTRAP_TENANT'] ?? 'default',
    dataDir: resolve(env['ORCH_DATA_DIR'] ?? '.data'),
    embeddedPostgresPort,
    live,
    webhooks,
    readYourWritesTimeoutMs,
    engine,
    observability,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function parsePort(raw: string, name: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`${name} must be a port number, got "${raw}"`);
  return port;
}

function parseMs(raw: string, name: string, max: number, problems: string[]): number {
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms > max) problems.push(`${name} must be a number of milliseconds 0..${max}, got "${raw}"`);
  return ms;
}

function parseRoles(raw: string | undefined, problems: string[]): ReadonlySet<Role> {
  if (!raw) return new Set(ROLES);
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
  if (unknown.length > 0) problems.push(`ROLES has unknown roles: ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
  return new Set(names.filter((name): name is Role => (ROLES as readonly string[]).includes(name)));
}
