import type { AgentAction, AgentSummary } from '@orch/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../app/access';
import { ActionButton } from '../ui/ActionButton';
import { Gauge } from '../ui/Gauge';
import { RawJson } from '../ui/RawJson';
import { StatusBadge } from '../ui/StatusBadge';
import { ago, duration, short } from '../ui/format';

/** DOMAIN.md §4.3: drain from active; enable from draining or disabled. */
const AGENT_ACTIONS: Record<'drain' | 'enable', { readonly from: readonly string[]; readonly effect: string }> = {
  drain: { from: ['active'], effect: 'The agent finishes the tasks it holds and takes no new ones.' },
  enable: { from: ['draining', 'disabled'], effect: 'The agent takes tasks again.' },
};

function agentAction(action: 'drain' | 'enable', agent: AgentSummary) {
  const rule = AGENT_ACTIONS[action];
  const allowed = rule.from.includes(agent.status);
  return { allowed, reason: allowed ? null : `not allowed while ${agent.status} (only from ${rule.from.join(', ')})`, effect: rule.effect };
}

/** The fleet: registry, load gauges, performance tier, heartbeats; drain and enable. */
export function AgentsView() {
  const { queries, orch, canCommand } = useAccess();
  const agents = useQuery(queries.agents());
  const [selected, setSelected] = useState<string | null>(null);
  const detail = useQuery({ ...queries.agent(selected ?? ''), enabled: selected !== null });
  const queryClient = useQueryClient();
  const act = async (id: string, action: AgentAction, reason: string) => {
    await orch.agents.act(id, action, { reason });
    await queryClient.invalidateQueries({ queryKey: queries.agents().queryKey.slice(0, 1) });
  };
  return (
    <div className="agents-layout" data-view="agents">
      <section className="panel">
        <header>
          <h1>Agents</h1>
          <span className="spacer" />
          <RawJson value={agents.data} />
        </header>
        <table className="dense">
          <thead>
            <tr>
              <th>name</th>
              <th>type</th>
              <th>status</th>
              <th>tier</th>
              <th>load</th>
              <th>held</th>
              <th>success</th>
              <th>runtime</th>
              {canCommand && <th>actions</th>}
            </tr>
          </thead>
          <tbody>
            {(agents.data?.items ?? []).map((agent) => (
              <tr key={agent.id} className={selected === agent.id ? 'selected' : undefined} onClick={() => setSelected(agent.id)} style={{ cursor: 'pointer' }}>
                <td>{agent.name}</td>
                <td>{agent.agentType}</td>
                <td>
                  <StatusBadge status={agent.status} />
                </td>
                <td>{agent.tier}</td>
                <td style={{ width: 120 }}>
                  <Gauge value={agent.load.utilisation} />
                </td>
                <td>
                  {agent.load.held}/{agent.load.capacity}
                </td>
                <td>{agent.successRate === null ? '—' : `${Math.round(agent.successRate * 100)} %`}</td>
                <td className="muted">{agent.runtimeKind}</td>
                {canCommand && (
                  <td className="actions" onClick={(e) => e.stopPropagation()}>
                    <span className="row">
                      <ActionButton label="drain" state={agentAction('drain', agent)} run={(reason) => act(agent.id, 'drain', reason)} />
                      <ActionButton label="enable" state={agentAction('enable', agent)} run={(reason) => act(agent.id, 'enable', reason)} />
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel stack">
        {!detail.data && <p className="muted">Select an agent for its capabilities, outcomes and heartbeats.</p>}
        {detail.data && (
          <>
            <header>
              <h1>{detail.data.name}</h1>
              <StatusBadge status={detail.data.status} />
              <span className="muted">{short(detail.data.id)}</span>
              <span className="spacer" />
              <RawJson value={detail.data} label="agent" />
            </header>
            <div className="grid cols-2">
              <div>
                <h3>last heartbeat</h3>
                {ago(detail.data.liveness.lastHeartbeatAt)}
              </div>
              <div>
                <h3>last seen · offline cause</h3>
                {ago(detail.data.liveness.lastSeenAt)} · {detail.data.liveness.offlineCause ?? 'none'}
              </div>
              <div>
                <h3>outcomes ok / failed / lost</h3>
                {detail.data.outcomes.succeeded} / {detail.data.outcomes.failed} / {detail.data.outcomes.lost}
              </div>
              <div>
                <h3>mean duration</h3>
                {duration(detail.data.outcomes.meanDurationMs)}
              </div>
            </div>
            <table className="dense">
              <thead>
                <tr>
                  <th>capability</th>
                  <th>ok / total</th>
                  <th>rate</th>
                </tr>
              </thead>
              <tbody>
                {detail.data.capabilities.map((c) => (
                  <tr key={c.capability}>
                    <td>{c.capability}</td>
                    <td>
                      {c.succeeded}/{c.total}
                    </td>
                    <td>{c.successRate === null ? '—' : `${Math.round(c.successRate * 100)} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>held slots</h3>
            <pre className="raw">{JSON.stringify(detail.data.load.heldSlots, null, 2)}</pre>
          </>
        )}
      </section>
    </div>
  );
}
