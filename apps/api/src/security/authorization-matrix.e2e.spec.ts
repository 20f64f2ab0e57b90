import { registeredRoutes } from '../e2e/registered-routes';
import { CALLERS, ROOMS, ROUTES, routeKey, type Answer, type Caller, type RouteRow } from './authorization-matrix';
import { callRoute, joinRoom, securityWorld, type SecurityWorld } from './security-fixture';

/** Destructive calls last, and the allowed callers after the refused ones, so a delete never hides a later check. */
const ORDER: readonly Caller[] = ['none', 'otherTenant', 'agent', 'integrator', 'auditor', 'operator', 'admin'];
const byDestructiveness = (row: RouteRow) => (row.method === 'DELETE' ? 2 : /revoke|rotate-token|cancel|stop|force-complete/.test(row.path) ? 1 : 0);

function conforms(answer: Answer, status: number, missingStatus: number): boolean {
  switch (answer) {
    case 'allow':
      return status !== 401 && status !== 403 && status < 500;
    case 'deny':
      return status === 403;
    case 'unauth':
      return status === 401;
    case 'hidden':
      // Exactly what a resource that does not exist answers: nothing to tell the two apart.
      return status === missingStatus && (status === 404 || status === 400);
  }
}

describe('given the api with a key of every role, no key, and another tenant’s admin key (the authorization matrix)', () => {
  let world: SecurityWorld;

  beforeAll(async () => {
    world = await securityWorld();
  }, 180_000);

  afterAll(async () => {
    await world?.api.stop();
  }, 60_000);

  it('when the routes Nest registered are compared with the matrix, then every route has a row and every row a route', () => {
    const served = registeredRoutes(world.api.output()).map(routeKey).sort();
    const listed = ROUTES.map(routeKey).sort();
    expect(served.length).toBeGreaterThanOrEqual(60);
    expect({ missingFromMatrix: served.filter((route) => !listed.includes(route)), notServed: listed.filter((route) => !served.includes(route)) }).toEqual({
      missingFromMatrix: [],
      notServed: [],
    });
  });

  it('when every route is called as every caller, then each answer is the one in the matrix', async () => {
    const mismatches: string[] = [];
    const rows = [...ROUTES].sort((a, b) => byDestructiveness(a) - byDestructiveness(b));
    for (const row of rows) {
      for (const caller of ORDER) {
        const expected = row.expect[caller];
        const status = await callRoute(world, caller, row.method, row.path, world.params(row.path));
        const missingStatus = expected === 'hidden' ? await callRoute(world, caller, row.method, row.path, world.missing(row.path)) : 0;
        if (!conforms(expected, status, missingStatus)) {
          mismatches.push(`${routeKey(row)} as ${caller}: expected ${expected}, got ${status}${expected === 'hidden' ? ` (a missing resource answers ${missingStatus})` : ''}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('when every caller joins every socket room, then each answer is the one in the matrix', async () => {
    const mismatches: string[] = [];
    for (const row of ROOMS) {
      for (const caller of CALLERS) {
        const expected = row.expect[caller];
        const room = row.room.replace('<id>', world.sessionId);
        const joined = await joinRoom(world, caller, room);
        joined.close();
        const wanted = { allow: 200, deny: 403, unauth: 401, hidden: 404 }[expected];
        if (joined.status !== wanted) mismatches.push(`room ${row.room} as ${caller}: expected ${expected} (${wanted}), got ${joined.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
