import { ConnectionBadge } from '../ui/ConnectionBadge';
import { AgentsView } from '../views/AgentsView';
import { ContextsView } from '../views/ContextsView';
import { ControlRoom } from '../views/ControlRoom';
import { EventLogView } from '../views/EventLogView';
import { IntegrationsView } from '../views/IntegrationsView';
import { SessionDetailView } from '../views/SessionDetailView';
import { SessionsView } from '../views/SessionsView';
import { useAccess } from './access';
import { Link, matchRoute, usePath, type Route } from './router';

const NAV: readonly { readonly to: string; readonly label: string; readonly views: readonly Route['view'][] }[] = [
  { to: '/', label: 'Control room', views: ['control'] },
  { to: '/sessions', label: 'Sessions', views: ['sessions', 'session'] },
  { to: '/agents', label: 'Agents', views: ['agents'] },
  { to: '/contexts', label: 'Context', views: ['contexts'] },
  { to: '/events', label: 'Event log', views: ['events'] },
  { to: '/integrations', label: 'Integrations', views: ['integrations'] },
];

export function Shell() {
  const { me, signOut, canCommand } = useAccess();
  const route = matchRoute(usePath());
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">▌ORCHESTRATOR · CONTROL ROOM</span>
        <span className="spacer" />
        <ConnectionBadge />
        <span className="pill" data-testid="role">
          {me.role}
        </span>
        {!canCommand && <span className="pill">read only</span>}
        <span className="muted" title={me.apiKeyId}>
          tenant {me.tenantId}
        </span>
        <button type="button" onClick={signOut}>
          sign out
        </button>
      </header>
      <nav className="nav">
        {NAV.map((item) => (
          <Link key={item.to} to={item.to} className={item.views.includes(route.view) ? 'active' : undefined}>
            {item.label}
          </Link>
        ))}
      </nav>
      <main className="main">{view(route)}</main>
    </div>
  );
}

function view(route: Route) {
  switch (route.view) {
    case 'control':
      return <ControlRoom />;
    case 'sessions':
      return <SessionsView />;
    case 'session':
      return <SessionDetailView key={route.id} id={route.id} />;
    case 'agents':
      return <AgentsView />;
    case 'contexts':
      return <ContextsView id={route.id} />;
    case 'events':
      return <EventLogView />;
    case 'integrations':
      return <IntegrationsView />;
  }
}
