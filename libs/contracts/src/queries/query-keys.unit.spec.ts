import { agentKeys, auditKeys, contextKeys, eventKeys, metricKeys, sessionKeys } from './query-keys';

/** A key is under a prefix when it starts with it: what react-query's partial matching does on invalidate. */
const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, index) => JSON.stringify(key[index]) === JSON.stringify(part));

describe('query-key factories', () => {
  it('given the session keys, then every key of a session sits under its detail, and every detail under all', () => {
    const id = 's-1';
    const keys = [
      sessionKeys.tasks(id),
      sessionKeys.timeline(id, 'desc'),
      sessionKeys.checkpoints(id),
      sessionKeys.output(id, 'build', { attempt: 2 }),
      sessionKeys.state(id, 3),
    ];
    for (const key of keys) expect(startsWith(key, sessionKeys.detail(id))).toBe(true);
    expect(startsWith(sessionKeys.detail(id), sessionKeys.details())).toBe(true);
    expect(startsWith(sessionKeys.details(), sessionKeys.all)).toBe(true);
    expect(startsWith(sessionKeys.list({ status: ['running'] }), sessionKeys.lists())).toBe(true);
  });

  it('given two sessions, when one detail is invalidated, then the other session and the lists are not under it', () => {
    expect(startsWith(sessionKeys.tasks('s-2'), sessionKeys.detail('s-1'))).toBe(false);
    expect(startsWith(sessionKeys.list(), sessionKeys.details())).toBe(false);
    expect(startsWith(sessionKeys.detail('s-1'), sessionKeys.lists())).toBe(false);
  });

  it('given list filters, then the filters are the last part of the key, and different filters make different keys', () => {
    expect(sessionKeys.list({ status: ['running'], tag: ['web'] })).toEqual(['sessions', 'list', { status: ['running'], tag: ['web'] }]);
    expect(sessionKeys.list({ text: 'login' })).not.toEqual(sessionKeys.list({ text: 'logout' }));
    expect(sessionKeys.list()).toEqual(['sessions', 'list', {}]);
  });

  it('given the state of a session, then a past revision and the latest state are different keys', () => {
    expect(sessionKeys.state('s', 1)).toEqual(['sessions', 'detail', 's', 'state', 1]);
    expect(sessionKeys.state('s')).toEqual(['sessions', 'detail', 's', 'state', 'latest']);
  });

  it('given each feature, then its keys are rooted in its own name and never in another feature', () => {
    const roots = [sessionKeys.all, agentKeys.all, contextKeys.all, eventKeys.all, auditKeys.all, metricKeys.all].map((key) => key[0]);
    expect(new Set(roots).size).toBe(6);
    expect(agentKeys.detail('a')).toEqual(['agents', 'detail', 'a']);
    expect(startsWith(agentKeys.list({ status: ['active'] }), agentKeys.lists())).toBe(true);
    expect(startsWith(agentKeys.detail('a'), sessionKeys.all)).toBe(false);
  });

  it('given a context, then its versions, one version and a diff all sit under its detail', () => {
    const id = 'c-1';
    expect(startsWith(contextKeys.version(id, 3), contextKeys.versions(id))).toBe(true);
    expect(startsWith(contextKeys.versions(id), contextKeys.detail(id))).toBe(true);
    expect(startsWith(contextKeys.diff(id, 1, 3), contextKeys.detail(id))).toBe(true);
    expect(contextKeys.diff(id, 1, 3)).not.toEqual(contextKeys.diff(id, 3, 1));
  });

  it('given the event log and the audit trail, then the order is part of the key (asc and desc pages differ)', () => {
    expect(eventKeys.list({ category: 'session' })).toEqual(['events', 'list', { category: 'session' }, 'asc']);
    expect(eventKeys.list({}, 'desc')).not.toEqual(eventKeys.list({}, 'asc'));
    expect(startsWith(auditKeys.list({ actor: 'user:k' }, 'desc'), auditKeys.lists())).toBe(true);
  });

  it('given roll-ups, then one scope and id per key, the own tenant by default, and top lists apart', () => {
    expect(metricKeys.rollup('tenant')).toEqual(['metrics', 'rollup', 'tenant', 'own']);
    expect(metricKeys.rollup('session', 's')).toEqual(['metrics', 'rollup', 'session', 's']);
    expect(startsWith(metricKeys.rollup('agent', 'a'), metricKeys.rollups())).toBe(true);
    expect(startsWith(metricKeys.top('agent'), metricKeys.rollups())).toBe(false);
    expect(metricKeys.top('session', 5)).toEqual(['metrics', 'top', 'session', 5]);
  });
});
