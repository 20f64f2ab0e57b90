import 'reflect-metadata';
import { tracing } from './observability/tracing-preload';
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
import { storableJson } from './http/storable-json';
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
import { EngineStatusSource } from './engine/engine-status';
import { LiveSocketAdapter } from './live/socket-adapter';
import { dashboardDir, serveDashboard } from './dashboard/serve-dashboard';
import { Metrics } from './observability/metrics';
import { instrumentEventStore } from './observability/instrument-event-store';
import { instrumentCommandBus } from './observability/instrument-command-bus';
import { serveMetrics } from './observability/metrics-endpoint';
import { databaseSamples } from './observability/database-samples';
import { requestLogging } from './observability/request-logging';
import { serveOpenApi } from './openapi/openapi';
import { LiveNamespace } from './live/live-namespace';

const log = (line: string) => process.stdout.write(`[orchestrator] ${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  log(config.databaseUrl ? 'using PostgreSQL from DATABASE_URL' : `starting embedded PostgreSQL under ${join(config.dataDir, 'pg')}`);
  const postgres = await resolvePostgres(config.databaseUrl, { dataDir: join(config.dataDir, 'pg'), port: config.embeddedPostgresPort });
  const metrics = new Metrics();
  const store = instrumentEventStore(await createEventStore(config, postgres.connectionString), metrics);
  const directory = new ApiKeyDirectory(store, systemIds);
  const bootstrap = resolveBootstrapKey(config);
  await seedBootstrapAdmin({ store, ids: systemIds, clock: systemClock, directory }, bootstrap.secret, config.bootstrapTenant);

  const coordination = createCoordination({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, heartbeatTtlMs: config.engine.heartbeatTimeoutMs });
  // The read models (and, with the projector role, the runner that feeds them).
  const readSide = config.roles.has('api') || config.roles.has('projector') ? await ReadSide.open(config, postgres.connectionString, store) : undefined;
  const fleet = new FleetView(store);
  const workspaces = new GitWorktreeWorkspaces({ root: join(config.dataDir, 'workspaces') });
  const engineStatus = new EngineStatusSource();
  const runtime = { config, store, directory, coordination, readSide, fleet, workspaces, connectionString: postgres.connectionString, engineStatus };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), { bodyParser: false });
  // socket.io on the api's port; with REDIS_URL, its Redis adapter spans the instances.
  app.useWebSocketAdapter(new LiveSocketAdapter(app, config));
  app.use(requestLogging(config.observability.logLevel));
  app.useBodyParser('json', { limit: '1200kb', reviver: storableJson });
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalInterceptors(new IdempotencyReplayInterceptor());
  instrumentCommandBus(app, metrics);
  serveMetrics(app, metrics);
  if (config.roles.has('api')) serveOpenApi(app);
  // Last: its SPA fallback answers only what nothing above claimed.
  const dashboard = config.roles.has('api') && serveDashboard(app);
  await app.listen(config.port, config.host);

  const url = await app.getUrl();
  if (config.roles.has('engine')) engineStatus.notRunning = 'the engine role is starting';
  const engine = config.roles.has('engine')
    ? await startEngineRole({ config, store, connectionString: postgres.connectionString, leases: coordination.leases, heartbeats: coordination.heartbeats, fleet, directory, log: pinoEngineLog(), ownApiUrl: () => (config.roles.has('api') ? `${url}/api/v1` : undefined) })
    : undefined;
  if (engine) engineStatus.current = () => engine.status();
  const samples = databaseSamples(postgres.connectionString);
  Object.assign(metrics.sources, {
    ...(readSide ? { projectorLag: async () => (await readSide.readiness()).projectors } : {}),
    ...(engine ? { engine: () => engine.status() } : {}),
    ...(config.roles.has('api') ? { socketClients: () => app.get(LiveNamespace).current?.sockets.size ?? 0, webhookBacklog: samples.webhookBacklog } : {}),
    queueDepth: samples.queueDepth,
    agentSlots: samples.agentSlots,
  });
  log(`listening on ${url}/api/v1 (roles: ${[...config.roles].join(', ')})`);
  log(dashboard ? `dashboard on ${url}/` : `no dashboard build in ${dashboardDir()} (npm start builds it; or nx run dashboard:build)`);
  log(`bootstrap admin key (tenant ${config.bootstrapTenant}): ${bootstrap.secret}`);
  stopOnSignals(async () => {
    engineStatus.current = undefined;
    engineStatus.notRunning = 'the engine role is stopping';
    await engine?.stop();
    await app.close();
    await samples.close();
    await tracing?.shutdown();
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
