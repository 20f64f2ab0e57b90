import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createCoordination } from '@orch/coordination';
import { resolvePostgres, stopOnSignals } from '@orch/postgres';
import { AppModule } from './app.module';
import { ApiKeyDirectory } from './auth/api-key-directory';
import { seedBootstrapAdmin } from './auth/bootstrap-admin';
import { resolveBootstrapKey } from './bootstrap-key';
import { ConfigError, loadConfig } from './config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { strictValidationPipe } from './http/validation';
import { IdempotencyReplayInterceptor } from './http/idempotency-replay.interceptor';
import { createEventStore } from './infrastructure/event-store.factory';
import { systemClock } from './infrastructure/system-clock';
import { systemIds } from './infrastructure/uuid';
import { ReadSide } from './read-side/read-side';
import { FleetView } from '@orch/application';
import { GitWorktreeWorkspaces } from '@orch/workspaces';
import { pinoEngineLog } from './engine/engine-log';
import { startEngineRole } from './engine/engine-role';
import { LiveSocketAdapter } from './live/socket-adapter';
import { dashboardDir, serveDashboard } from './dashboard/serve-dashboard';

const log = (line: string) => process.stdout.write(`[orchestrator] ${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  log(config.databaseUrl ? 'using PostgreSQL from DATABASE_URL' : `starting embedded PostgreSQL under ${join(config.dataDir, 'pg')}`);
  const postgres = await resolvePostgres(config.databaseUrl, { dataDir: join(config.dataDir, 'pg'), port: config.embeddedPostgresPort });
  const store = await createEventStore(config, postgres.connectionString);
  const directory = new ApiKeyDirectory(store, systemIds);
  const bootstrap = resolveBootstrapKey(config);
  await seedBootstrapAdmin({ store, ids: systemIds, clock: systemClock, directory }, bootstrap.secret, config.bootstrapTenant);

  const coordination = createCoordination({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, heartbeatTtlMs: config.engine.heartbeatTimeoutMs });
  // The read models (and, with the projector role, the runner that feeds them).
  const readSide = config.roles.has('api') || config.roles.has('projector') ? await ReadSide.open(config, postgres.connectionString, store) : undefined;
  const fleet = new FleetView(store);
  const workspaces = new GitWorktreeWorkspaces({ root: join(config.dataDir, 'workspaces') });
  const runtime = { config, store, directory, coordination, readSide, fleet, workspaces, connectionString: postgres.connectionString };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), { bodyParser: false });
  // socket.io on the api's port; with REDIS_URL, its Redis adapter spans the instances.
  app.useWebSocketAdapter(new LiveSocketAdapter(app, config));
  app.useBodyParser('json', { limit: '1200kb' });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new IdempotencyReplayInterceptor());
  const dashboard = config.roles.has('api') && serveDashboard(app);
  await app.listen(config.port, config.host);

  const url = await app.getUrl();
  const engine = config.roles.has('engine')
    ? await startEngineRole({ config, store, connectionString: postgres.connectionString, leases: coordination.leases, heartbeats: coordination.heartbeats, fleet, directory, log: pinoEngineLog(), ownApiUrl: () => (config.roles.has('api') ? `${url}/api/v1` : undefined) })
    : undefined;
  log(`listening on ${url}/api/v1 (roles: ${[...config.roles].join(', ')})`);
  log(dashboard ? `dashboard on ${url}/` : `no dashboard build in ${dashboardDir()} (npm start builds it; or nx run dashboard:build)`);
  log(`bootstrap admin key (tenant ${config.bootstrapTenant}): ${bootstrap.secret}`);
  stopOnSignals(async () => {
    await engine?.stop();
    await app.close();
    await readSide?.close();
    await coordination.close();
    await store.close();
    await postgres.stop();
  }, log);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
