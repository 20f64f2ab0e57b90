import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_PREFIX } from '@orch/contracts';
import { HealthController } from '../health/health.controller';
import { configEnvVars } from '../test-support/config-env-vars';
import { at, manifestsUnder, workspaceRoot, yamlDocuments } from './manifests';

type Container = { name: string; env?: { name: string; value?: string }[]; envFrom?: Record<string, { name: string }>[]; livenessProbe?: unknown; readinessProbe?: unknown; startupProbe?: unknown; resources?: unknown; ports?: { name: string; containerPort: number }[] };

const known = configEnvVars();
const ROLES = ['api', 'projector', 'engine'];

/** The health routes as Nest maps them: the global prefix, the controller's path, each handler's path. */
function healthRoute(handler: 'live' | 'ready'): string {
  const controller = Reflect.getMetadata('path', HealthController) as string;
  const method = Reflect.getMetadata('path', HealthController.prototype[handler]) as string;
  return `${API_PREFIX}/${controller}/${method}`;
}

describe('infra/compose/docker-compose.yml', () => {
  const [compose] = yamlDocuments('infra/compose/docker-compose.yml');
  const services = (compose?.['services'] ?? {}) as Record<string, { environment?: Record<string, unknown>; build?: { dockerfile: string; context: string }; healthcheck?: { test: string[] }; profiles?: string[] }>;

  it('given the compose file, when parsed, then it has the event store, PostgreSQL, Redis and one app service per role', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'engine', 'eventstore', 'postgres', 'projector', 'redis']);
    for (const role of ROLES) expect(services[role]?.environment?.['ROLES']).toBe(role);
    expect(services['eventstore']?.profiles).toBeUndefined();
    for (const role of ROLES) expect(services[role]?.profiles).toEqual(['app']);
  });

  it('given the app services, when their environment is read, then every variable is one the configuration reads and the store is the event store service', () => {
    for (const role of ROLES) {
      const environment = services[role]?.environment ?? {};
      expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
      expect(environment['EVENT_STORE']).toBe('esdb');
      expect(String(environment['ESDB_CONNECTION_STRING'])).toContain('eventstore:2113');
      expect(String(environment['DATABASE_URL'])).toContain('@postgres:5432/');
      expect(String(environment['REDIS_URL'])).toContain('redis:6379');
    }
  });

  it('given the app services, when their health checks and build are read, then they probe the health routes and build the Dockerfile that exists', () => {
    for (const role of ROLES) {
      const probe = (services[role]?.healthcheck?.test ?? []).join(' ');
      expect([healthRoute('live'), healthRoute('ready')].some((route) => probe.includes(route))).toBe(true);
      const build = services[role]?.build;
      expect(build && existsSync(join(workspaceRoot, 'infra/compose', build.context, build.dockerfile))).toBe(true);
    }
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(workspaceRoot, 'infra/docker/Dockerfile'), 'utf8');

  it('given the Dockerfile, when read, then it starts the api entry point that exists, sets only known variables and probes the live route', () => {
    const cmd = /^CMD \[(.*)\]$/m.exec(dockerfile)?.[1] ?? '';
    const entry = /"(apps\/[^"]+\.ts)"/.exec(cmd)?.[1] ?? '';
    expect(existsSync(join(workspaceRoot, entry))).toBe(true);
    const env = /^ENV ([\s\S]*?)(?:\n(?!\s))/m.exec(dockerfile)?.[1] ?? '';
    const names = [...env.matchAll(/([A-Z_]+)=/g)].map((match) => match[1] ?? '');
    expect(names.length).toBeGreaterThan(2);
    expect(names.filter((name) => name !== 'NODE_ENV' && !known.has(name))).toEqual([]);
    expect(dockerfile).toContain(healthRoute('live'));
  });
});

describe('infra/k8s', () => {
  const manifests = manifestsUnder('infra/k8s').filter(({ file }) => file !== 'kustomization.yaml');
  const byKind = (kind: string) => manifests.map(({ doc }) => doc).filter((doc) => doc['kind'] === kind);
  const deployments = byKind('Deployment');
  const container = (deployment: Record<string, unknown>) => (at(deployment, 'spec.template.spec.containers') as Container[])[0] as Container;

  it('given the manifests, when parsed, then there is a Deployment per role, the api Service and HPA, the config, the secret and the workspaces claim', () => {
    expect(deployments.map((d) => at(d, 'metadata.name')).sort()).toEqual(['orchestrator-api', 'orchestrator-engine', 'orchestrator-projector']);
    expect(byKind('Service').map((s) => at(s, 'metadata.name'))).toEqual(['orchestrator-api']);
    expect(byKind('HorizontalPodAutoscaler').map((h) => at(h, 'spec.scaleTargetRef.name'))).toEqual(['orchestrator-api']);
    expect(byKind('ConfigMap')).toHaveLength(1);
    expect(byKind('Secret')).toHaveLength(1);
    expect(at(byKind('PersistentVolumeClaim')[0], 'spec.accessModes')).toEqual(['ReadWriteMany']);
  });

  it('given each Deployment, when its container is read, then it runs its role, takes the shared config and secret, probes the health routes and has resources', () => {
    const configName = at(byKind('ConfigMap')[0], 'metadata.name');
    const secretName = at(byKind('Secret')[0], 'metadata.name');
    for (const deployment of deployments) {
      const role = (at(deployment, 'metadata.labels') as Record<string, string>)['app.kubernetes.io/component'];
      const spec = container(deployment);
      expect(ROLES).toContain(role);
      expect(spec.env).toEqual([{ name: 'ROLES', value: role }]);
      expect(spec.envFrom).toEqual([{ configMapRef: { name: configName } }, { secretRef: { name: secretName } }]);
      expect(at(spec, 'livenessProbe.httpGet.path')).toBe(healthRoute('live'));
      expect(at(spec, 'readinessProbe.httpGet.path')).toBe(healthRoute('ready'));
      expect(at(spec, 'startupProbe.httpGet.path')).toBe(healthRoute('live'));
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) expect(spec.ports?.map((p) => p.name)).toContain(at(spec, `${probe}.httpGet.port`));
      expect(at(spec, 'resources.requests.cpu')).toBeDefined();
      expect(at(spec, 'resources.limits.memory')).toBeDefined();
      expect(at(deployment, 'spec.selector.matchLabels')).toEqual(at(deployment, 'spec.template.metadata.labels'));
    }
  });

  it('given the ConfigMap and the Secret, when their keys are read, then every one is a variable the configuration reads', () => {
    const keys = [...Object.keys(at(byKind('ConfigMap')[0], 'data') as object), ...Object.keys(at(byKind('Secret')[0], 'stringData') as object)];
    expect(keys.filter((name) => !known.has(name))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'EVENT_STORE', 'ESDB_CONNECTION_STRING', 'ORCH_BOOTSTRAP_ADMIN_KEY', 'ORCH_ENGINE_SECRET', 'ORCH_SECRET_KEY']));
  });

  it('given the api Service, when its selector and ports are read, then it selects the api pods on their named port', () => {
    const service = byKind('Service')[0];
    const api = deployments.find((d) => at(d, 'metadata.name') === 'orchestrator-api');
    expect(at(service, 'spec.selector')).toEqual(at(api, 'spec.selector.matchLabels'));
    expect(container(api ?? {}).ports?.map((p) => p.name)).toContain((at(service, 'spec.ports') as { targetPort: string }[])[0]?.targetPort);
  });

  it('given the kustomization, when read, then it lists every manifest of the directory', () => {
    const [kustomization] = yamlDocuments('infra/k8s/kustomization.yaml');
    expect([...((kustomization?.['resources'] as string[]) ?? [])].sort()).toEqual([...new Set(manifests.map(({ file }) => file))].sort());
  });
});
