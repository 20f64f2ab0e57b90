/**
 * The authorization matrix (DESIGN.md §7): every HTTP route, socket room and stream against every
 * caller, with the answer expected. authorization-matrix.e2e.spec.ts walks the routes Nest actually
 * registered and fails when one is missing here (or listed here but gone), then calls each route as
 * each caller and checks the answer. A new route gets a row here or the build fails.
 *
 * Answers:
 *   allow   — the caller gets past authentication and authorization: anything but 401/403 (and never 5xx;
 *             a 400/404/409/422 about the request itself is still "allowed")
 *   deny    — 403 problem details
 *   unauth  — 401 problem details
 *   hidden  — another tenant's resource: 404, as if it did not exist (never its data, never a 2xx)
 */
export const CALLERS = ['admin', 'operator', 'auditor', 'integrator', 'agent', 'none', 'otherTenant'] as const;
export type Caller = (typeof CALLERS)[number];
export type Answer = 'allow' | 'deny' | 'unauth' | 'hidden';
export type Expectation = Readonly<Record<Caller, Answer>>;

export interface RouteRow {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly expect: Expectation;
}

/** `otherTenant` is an admin key of another tenant: on a resource of ours it must see nothing. */
function roles(allowed: readonly Caller[], otherTenant: 'allow' | 'hidden'): Expectation {
  const answer = (caller: Caller): Answer => (caller === 'none' ? 'unauth' : allowed.includes(caller) ? 'allow' : 'deny');
  return { admin: answer('admin'), operator: answer('operator'), auditor: answer('auditor'), integrator: answer('integrator'), agent: answer('agent'), none: 'unauth', otherTenant };
}

const COMMANDERS: Caller[] = ['admin', 'operator'];
const READERS: Caller[] = ['admin', 'operator', 'auditor', 'integrator'];
const PUBLIC: Expectation = { admin: 'allow', operator: 'allow', auditor: 'allow', integrator: 'allow', agent: 'allow', none: 'allow', otherTenant: 'allow' };

const command = (path: string, method: RouteRow['method'] = 'POST', scoped = true): RouteRow => ({ method, path, expect: roles(COMMANDERS, scoped ? 'hidden' : 'allow') });
const read = (path: string, scoped = true): RouteRow => ({ method: 'GET', path, expect: roles(READERS, scoped ? 'hidden' : 'allow') });

/** No other role may act as an agent; another tenant's admin is refused like ours. */
const agentOnly = (method: RouteRow['method'], path: string): RouteRow => ({ method, path, expect: { ...roles(['agent'], 'allow'), otherTenant: 'deny' } });

export const ROUTES: readonly RouteRow[] = [
  { method: 'GET', path: '/health/live', expect: PUBLIC },
  { method: 'GET', path: '/health/ready', expect: PUBLIC },

  // Who the caller's key is (the dashboard follows its role): every reader, about itself only.
  read('/whoami', false),
  // The engine of this process: global log positions and the caller's own tenant's queue.
  read('/engine/status', false),

  // Keys: admins only; another tenant's admin cannot revoke ours.
  { method: 'POST', path: '/keys', expect: roles(['admin'], 'allow') },
  { method: 'POST', path: '/keys/:id/revoke', expect: roles(['admin'], 'hidden') },

  // Sessions, tasks, plans and budgets: commands of admins and operators.
  command('/sessions', 'POST', false),
  command('/sessions/:id/start'),
  command('/sessions/:id/pause'),
  command('/sessions/:id/resume'),
  command('/sessions/:id/cancel'),
  command('/sessions/:id/stop'),
  command('/sessions/:id/retry'),
  command('/sessions/:id/force-complete'),
  command('/sessions/:id/inject-prompt'),
  command('/sessions/:id/plan', 'PUT'),
  command('/sessions/:id/budget', 'PUT'),
  command('/sessions/:id/tasks/:taskId/retry'),
  command('/sessions/:id/tasks/:taskId/skip'),
  command('/sessions/:id/tasks/:taskId/reassign'),
  command('/sessions/:id/tasks/:taskId/permissions/:requestId'),
  read('/sessions', false),
  read('/sessions/:id'),
  read('/sessions/:id/tasks'),
  read('/sessions/:id/timeline'),
  read('/sessions/:id/checkpoints'),
  read('/sessions/:id/state'),
  read('/sessions/:id/tasks/:taskId/output'),
  read('/sessions/:id/tasks/:taskId/diff'),

  // Agents: operators manage the fleet; an agent's key may heartbeat for its own agent only.
  command('/agents', 'POST', false),
  command('/agents/:id', 'PATCH'),
  command('/agents/:id/drain'),
  command('/agents/:id/enable'),
  command('/agents/:id/disable'),
  command('/agents/:id/rotate-token'),
  { method: 'POST', path: '/agents/:id/heartbeat', expect: roles(['admin', 'operator', 'agent'], 'hidden') },
  command('/agents/:id', 'DELETE'),
  read('/agents', false),
  read('/agents/:id'),

  // External Agent Protocol: the agent itself only (its registration token, or an agent key of that agent).
  agentOnly('GET', '/agents/:id/tasks/next'),
  agentOnly('POST', '/agents/:id/runs/:runId/progress'),
  agentOnly('POST', '/agents/:id/runs/:runId/result'),

  // Contexts: agents may write the contexts their tasks hold (PATCH), checked again by the application.
  command('/contexts', 'POST', false),
  command('/contexts/merge', 'POST', false),
  { method: 'PATCH', path: '/contexts/:id', expect: roles(['admin', 'operator', 'agent'], 'hidden') },
  command('/contexts/:id/share'),
  command('/contexts/:id/promote'),
  read('/contexts/:id'),
  read('/contexts/:id/versions'),
  read('/contexts/:id/versions/:version'),
  read('/contexts/:id/diff'),

  // The event log, the audit trail, its verification, rollups, live connections, the SSE stream.
  read('/events', false),
  read('/events/stream', false),
  read('/audit', false),
  { method: 'GET', path: '/audit/verify', expect: roles(['admin', 'auditor'], 'allow') },
  read('/rollups', false),
  read('/rollups/top', false),
  read('/live/connections', false),

  // Webhooks: integrators and admins manage them; every reader may list them.
  { method: 'POST', path: '/webhooks', expect: roles(['admin', 'integrator'], 'allow') },
  read('/webhooks', false),
  read('/webhooks/dead-letters', false),
  read('/webhooks/:id'),
  read('/webhooks/:id/deliveries'),
  { method: 'POST', path: '/webhooks/deliveries/:id/redeliver', expect: roles(['admin', 'integrator'], 'hidden') },
  { method: 'DELETE', path: '/webhooks/:id', expect: roles(['admin', 'integrator'], 'hidden') },
];

/** socket.io (`/live` namespace): the handshake, then `subscribe` to a room. */
export interface RoomRow {
  readonly room: string;
  readonly expect: Expectation;
}

/** Agent keys are refused at the handshake; another tenant cannot join our session's room. */
const LIVE_READERS: Expectation = { ...roles(READERS, 'allow'), agent: 'deny' };

export const ROOMS: readonly RoomRow[] = [
  { room: 'sessions', expect: LIVE_READERS },
  { room: 'agents', expect: LIVE_READERS },
  { room: 'events', expect: LIVE_READERS },
  { room: 'session:<id>', expect: { ...LIVE_READERS, otherTenant: 'hidden' } },
];

export function routeKey(route: { readonly method: string; readonly path: string }): string {
  return `${route.method} ${route.path}`;
}
