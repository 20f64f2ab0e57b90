import { taskActions, type EventLogEntry, type SessionDetail, type TaskView } from '@orch/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { ActionButton } from '../../ui/ActionButton';
import { RawJson } from '../../ui/RawJson';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration, usd } from '../../ui/format';
import { DiffView } from '../../ui/DiffView';

const LABELS = { retry: 'retry task', skip: 'skip task', reassign: 'reassign task' } as const;

/** One task: its agent output, why it was routed where it was, its diff, and the operator's task actions. */
export function TaskPanel({ session, task }: { readonly session: SessionDetail; readonly task: TaskView }) {
  const { orch, queries, canCommand } = useAccess();
  const queryClient = useQueryClient();
  const output = useQuery(queries.output(session.id, task.id));
  const diff = useQuery(queries.diff(session.id, task.id));
  const routed = useQuery({
    ...queries.events({ stream: `session-${session.id}`, type: ['TaskRouted', 'TaskRoutingDeferred'] }),
    select: (page) => page.items.filter((entry: EventLogEntry) => entry.data?.['taskId'] === task.id),
  });
  const lastRouting = routed.data?.[0]?.data ?? null;
  return (
    <section className="panel stack" data-testid="task-panel" data-task-id={task.id}>
      <header>
        <h1>{task.id}</h1>
        <StatusBadge status={task.status} />
        <span className="muted">{task.title}</span>
        <span className="spacer" />
        <RawJson value={task} label="task" />
      </header>
      <div className="grid cols-4">
        <div>
          <h3>agent</h3>
          {task.agentId ?? task.routing.agentId ?? '—'}
        </div>
        <div>
          <h3>attempt</h3>
          {task.attempt} ({task.attemptsUsed} used)
        </div>
        <div>
          <h3>run</h3>
          {duration(task.timings.runMs)} · wait {duration(task.timings.waitMs)}
        </div>
        <div>
          <h3>usage</h3>
          {task.usage.tokensIn + task.usage.tokensOut} tok · {usd(task.usage.costUsd)}
        </div>
      </div>
      {task.failure && (
        <p className="error">
          {task.failure.code}: {task.failure.message}
        </p>
      )}
      {canCommand && (
        <div className="row" data-testid="task-actions">
          {taskActions(session.status, task.status).map((state) => (
            <ActionButton
              key={state.action}
              label={LABELS[state.action]}
              state={state}
              danger={state.action === 'skip'}
              {...(state.action === 'reassign' ? { fields: [{ name: 'agentId', label: 'Pin to agent id (optional; empty: exclude the current agent)' }] } : {})}
              run={async (reason, fields) => {
                const body = state.action === 'reassign' && fields['agentId']?.trim() ? { reason, agentId: fields['agentId'].trim() } : { reason };
                await orch.sessions.task(session.id, task.id, state.action, body);
                await queryClient.invalidateQueries({ queryKey: queries.tasks(session.id).queryKey });
              }}
            />
          ))}
        </div>
      )}
      <div>
        <header className="row">
          <h2>Routing</h2>
          <RawJson value={routed.data} label="routing events" />
        </header>
        <p className="muted">
          score {task.routing.score ?? '—'} · pinned {task.routing.pinnedAgentId ?? 'no'} · excluded {task.routing.excludedAgentIds.join(', ') || 'none'}
        </p>
        {lastRouting && (
          <pre className="raw" data-testid="routing-reasons">
            {JSON.stringify({ agentId: lastRouting['agentId'], breakdown: lastRouting['breakdown'], alternatives: lastRouting['alternatives'], cause: lastRouting['cause'] }, null, 2)}
          </pre>
        )}
      </div>
      <div>
        <header className="row">
          <h2>Agent output</h2>
          <RawJson value={output.data} />
        </header>
        <pre className="raw" data-testid="task-output">
          {(output.data?.items ?? []).map((entry) => `[${entry.kind}${entry.tool ? ` ${entry.tool.name}:${entry.tool.status}` : ''}] ${entry.text}`).join('\n') || 'no output yet'}
        </pre>
      </div>
      <div>
        <header className="row">
          <h2>Diff</h2>
          {diff.data && (
            <span className="muted">
              {diff.data.changedFiles.length} files · {diff.data.taskCommitSha.slice(0, 10)}
            </span>
          )}
          <RawJson value={diff.data} />
        </header>
        {diff.data ? <DiffView patch={diff.data.patch} /> : <p className="muted">no finished work yet</p>}
      </div>
    </section>
  );
}
