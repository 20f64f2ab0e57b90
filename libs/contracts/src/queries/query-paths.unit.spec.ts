import { queryPaths, toQueryString } from './query-paths';

describe('query paths', () => {
  it('given no parameters, then no query string', () => {
    expect(toQueryString()).toBe('');
    expect(toQueryString({ status: undefined, tag: [] })).toBe('');
    expect(queryPaths.sessions()).toBe('/sessions');
  });

  it('given lists, numbers and text, then lists are comma-joined and everything is encoded', () => {
    expect(queryPaths.sessions({ status: ['running', 'paused'], priority: [0, 1], text: 'login & co', limit: 5 })).toBe(
      '/sessions?status=running%2Cpaused&priority=0%2C1&text=login%20%26%20co&limit=5',
    );
  });

  it('given ids and a cursor, then path segments and values are encoded', () => {
    expect(queryPaths.taskOutput('s/1', 'build', { after: 3 })).toBe('/sessions/s%2F1/tasks/build/output?after=3');
    expect(queryPaths.sessions({ cursor: 'ab+/=' })).toBe('/sessions?cursor=ab%2B%2F%3D');
  });

  it('given each endpoint, then its path is the one of DESIGN.md §6', () => {
    expect(queryPaths.session('s', { minPosition: 7 })).toBe('/sessions/s?minPosition=7');
    expect(queryPaths.sessionTasks('s')).toBe('/sessions/s/tasks');
    expect(queryPaths.sessionTimeline('s', { order: 'desc' })).toBe('/sessions/s/timeline?order=desc');
    expect(queryPaths.sessionCheckpoints('s')).toBe('/sessions/s/checkpoints');
    expect(queryPaths.agents({ status: ['active'] })).toBe('/agents?status=active');
    expect(queryPaths.agent('a')).toBe('/agents/a');
    expect(queryPaths.context('c')).toBe('/contexts/c');
    expect(queryPaths.contextVersions('c', { limit: 2 })).toBe('/contexts/c/versions?limit=2');
    expect(queryPaths.contextVersion('c', 3)).toBe('/contexts/c/versions/3');
    expect(queryPaths.contextDiff('c', { from: 1, to: 2 })).toBe('/contexts/c/diff?from=1&to=2');
    expect(queryPaths.events({ type: ['SessionStarted', 'SessionPaused'], after: 10 })).toBe('/events?type=SessionStarted%2CSessionPaused&after=10');
    expect(queryPaths.audit({ actor: 'user:k' })).toBe('/audit?actor=user%3Ak');
    expect(queryPaths.rollup({ scope: 'tenant' })).toBe('/rollups?scope=tenant');
    expect(queryPaths.topRollups({ scope: 'agent', limit: 3 })).toBe('/rollups/top?scope=agent&limit=3');
  });

  it('given replay and diff paths, then `at` is left out when absent and 0 is kept', () => {
    expect(queryPaths.sessionState('s-1')).toBe('/sessions/s-1/state');
    expect(queryPaths.sessionState('s-1', 0)).toBe('/sessions/s-1/state?at=0');
    expect(queryPaths.taskDiff('s-1', 'build')).toBe('/sessions/s-1/tasks/build/diff');
    expect(queryPaths.deadLetters({ limit: 5 })).toBe('/webhooks/dead-letters?limit=5');
  });
});
