import type { EngineStatusView } from '@orch/contracts';
import { useQuery } from '@tanstack/react-query';
import { useAccess } from '../app/access';
import { Link } from '../app/router';
import { useLive } from '../live/live-provider';
import { RawJson } from '../ui/RawJson';
import { StatusBadge } from '../ui/StatusBadge';
import { ago, duration, short, usd } from '../ui/format';
import { Gauge } from '../ui/Gauge';

const ACTIVE = ['running', 'degraded', 'paused', 'queued'] as const;
const FAILED = ['failed', 'timeout', 'orphaned'] as const;

/** The first screen: what runs, how loaded the fleet is, what failed, and whether the read side keeps up. */
export function ControlRoom() {
  const { queries } = useAccess();
  const { eventsPerMinute } = useLive();
  const active = useQuery(queries.sessions({ status: [...ACTIVE] }));
  const failed = useQuery(queries.sessions({ status: [...FAILED] }));
  const agents = useQuery(queries.agents());
  const rollup = useQuery(queries.tenantRollup());
  const ready = useQuery(queries.ready());
  const engine = useQuery(queries.engineStatus());
  const fleet = (agents.data?.items ?? []).filter((agent) => agent.status !== 'deregistered');
  const held = fleet.reduce((sum, agent) => sum + agent.load.held, 0);
  const capacity = fleet.filter((agent) => agent.status === 'active').reduce((sum, agent) => sum + agent.load.capacity, 0);
  const projectors = ready.data?.readModels?.projectors ?? [];
  const worstLag = projectors.reduce((max, p) => Math.max(max, p.eventsBehind), 0);
  return (
    <div className="stack" data-view="control-room">
      <div className="grid cols-4">
        <section className="panel">
          <h2>Active sessions</h2>
          <div className="kpi" data-testid="kpi-active">
            {active.data?.items.length ?? '…'}
          </div>
          <span className="muted">running · degraded · paused · queued</span>
        </section>
        <section className="panel">
          <h2>Fleet load</h2>
          <div className="kpi">
            {held}/{capacity}
          </div>
          <Gauge value={capacity === 0 ? 0 : held / capacity} />
          <span className="muted">{fleet.filter((a) => a.status === 'active').length} active agents</span>
        </section>
        <section className="panel">
          <h2>Throughput</h2>
          <div className="kpi">{eventsPerMinute}</div>
          <span className="muted">events / min (live) · {rollup.data?.tasksSucceeded ?? 0} tasks ok · {rollup.data?.tasksFailed ?? 0} failed · {usd(rollup.data?.costUsd ?? 0)}</span>
        </section>
        <section className="panel">
          <h2>Lag</h2>
          <div className="kpi" style={{ color: worstLag > 100 ? 'var(--bad)' : worstLag > 0 ? 'var(--warn)' : 'var(--accent)' }} data-testid="kpi-lag">
            {ready.data ? worstLag : '…'}
          </div>
          <div className="muted">events behind (worst projector) · {ready.data?.status ?? 'checking'}</div>
          <div className="muted" data-testid="kpi-engine-lag">
            engine: {engine.data ? (engine.data.running ? `${engine.data.eventsBehind}${engine.data.eventsBehindCapped ? '+' : ''} events behind` : 'not in this process') : '…'}
          </div>
        </section>
      </div>
      <div className="grid cols-2">
        <section className="panel">
          <header>
            <h2>Active sessions</h2>
            <span className="spacer" />
            <RawJson value={active.data} />
          </header>
          <SessionTable items={active.data?.items ?? []} />
        </section>
        <section className="panel">
          <header>
            <h2>Recent failures</h2>
            <span className="spacer" />
            <RawJson value={failed.data} />
          </header>
          <table className="dense">
            <thead>
              <tr>
                <th>session</th>
                <th>status</th>
                <th>code</th>
                <th>when</th>
              </tr>
            </thead>
            <tbody>
              {(failed.data?.items ?? []).slice(0, 15).map((session) => (
                <tr key={session.id}>
                  <td>
                    <Link to={`/sessions/${session.id}`}>{session.title}</Link>
                  </td>
                  <td>
                    <StatusBadge status={session.status} />
                  </td>
                  <td className="error">{session.failure?.code ?? session.statusCause ?? '—'}</td>
                  <td className="muted">{ago(session.statusChangedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {failed.data?.items.length === 0 && <p className="muted">no failed sessions</p>}
        </section>
      </div>
      <div className="grid cols-2">
        <section className="panel">
          <header>
            <h2>Projectors and engine</h2>
            <span className="spacer" />
            <RawJson value={ready.data} label="projectors" />
            <RawJson value={engine.data} label="engine" />
          </header>
          <table className="dense">
            <thead>
              <tr>
                <th>projector</th>
                <th>applied</th>
                <th>head</th>
                <th>behind</th>
                <th>last batch</th>
              </tr>
            </thead>
            <tbody>
              {projectors.map((p) => (
                <tr key={p.projector}>
                  <td>{p.projector}</td>
                  <td>{p.lastAppliedPosition ?? '—'}</td>
                  <td>{p.headPosition ?? '—'}</td>
                  <td style={{ color: p.eventsBehind > 0 ? 'var(--warn)' : 'var(--accent)' }}>
                    {p.eventsBehind}
                    {p.eventsBehindCapped ? '+' : ''}
                  </td>
                  <td className="muted">{ago(p.lastBatchAt ?? null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <EngineTable status={engine.data} error={engine.isError ? (engine.error as Error).message : null} />
        </section>
        <section className="panel">
          <header>
            <h2>Fleet</h2>
            <span className="spacer" />
            <Link to="/agents">all agents →</Link>
          </header>
          <table className="dense">
            <tbody>
              {fleet.map((agent) => (
                <tr key={agent.id}>
                  <td>{agent.name}</td>
                  <td>
                    <StatusBadge status={agent.status} />
                  </td>
                  <td style={{ width: 140 }}>
                    <Gauge value={agent.load.utilisation} />
                  </td>
                  <td className="muted">
                    {agent.load.held}/{agent.load.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

/** The engine of the api process: how far it trails the session and agent events, and the tenant's queue. */
function EngineTable({ status, error }: { readonly status: EngineStatusView | undefined; readonly error: string | null }) {
  if (error) return <p className="error">engine: {error}</p>;
  if (!status) return <p className="muted">engine: checking…</p>;
  const queue = status.queue ? `${status.queue.queuedSessions} sessions queued · ${status.queue.readyTasks} tasks ready` : 'queue unknown (no read models here)';
  return (
    <table className="dense" data-testid="engine-status" data-running={String(status.running)}>
      <thead>
        <tr>
          <th>engine</th>
          <th>applied</th>
          <th>head</th>
          <th>behind</th>
          <th>queue</th>
        </tr>
      </thead>
      <tbody>
        {status.running ? (
          <tr>
            <td>
              {status.caughtUp ? 'following' : 'catching up'}
              {status.coordinationHealthy ? '' : ' · coordination down'}
            </td>
            <td>{status.position ?? '—'}</td>
            <td>{status.headPosition ?? '—'}</td>
            <td data-testid="engine-lag" style={{ color: status.eventsBehind > 0 ? 'var(--warn)' : 'var(--accent)' }}>
              {status.eventsBehind}
              {status.eventsBehindCapped ? '+' : ''}
            </td>
            <td className="muted">{queue}</td>
          </tr>
        ) : (
          <tr>
            <td colSpan={4} className="muted">
              not running here: {status.reason}
            </td>
            <td className="muted">{queue}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function SessionTable({ items }: { readonly items: readonly import('@orch/contracts').SessionSummary[] }) {
  return (
    <table className="dense" data-testid="session-table">
      <thead>
        <tr>
          <th>id</th>
          <th>title</th>
          <th>status</th>
          <th>tasks</th>
          <th>prio</th>
          <th>cost</th>
          <th>active</th>
          <th>updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((session) => (
          <tr key={session.id} data-session-id={session.id}>
            <td className="muted">{short(session.id)}</td>
            <td>
              <Link to={`/sessions/${session.id}`}>{session.title}</Link>
            </td>
            <td>
              <StatusBadge status={session.status} />
            </td>
            <td>
              {session.taskCounts.completed ?? 0}/{session.tasksTotal}
            </td>
            <td>P{session.priority}</td>
            <td>{usd(session.usage.costUsd)}</td>
            <td className="muted">{duration(session.startedAt ? (session.endedAt ? Date.parse(session.endedAt) : Date.now()) - Date.parse(session.startedAt) : null)}</td>
            <td className="muted">{ago(session.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
