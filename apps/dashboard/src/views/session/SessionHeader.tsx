import { sessionActions, type OperatorSessionAction, type SessionDetail, type SessionStateView } from '@orch/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { Link } from '../../app/router';
import { ActionButton } from '../../ui/ActionButton';
import { RawJson } from '../../ui/RawJson';
import { StatusBadge } from '../../ui/StatusBadge';

const LABELS: Record<OperatorSessionAction, string> = {
  start: 'start',
  pause: 'pause',
  resume: 'resume',
  cancel: 'cancel',
  stop: 'stop',
  retry: 'retry',
  'force-complete': 'force complete',
  'inject-prompt': 'inject prompt',
};
const DANGER: readonly OperatorSessionAction[] = ['cancel', 'stop', 'force-complete'];

/** The session's title, status (as of the replayed event while replaying), failure, and the operator's session actions. */
export function SessionHeader({ detail, status, replay }: { readonly detail: SessionDetail; readonly status: string; readonly replay: SessionStateView | null }) {
  const { orch, queries, canCommand } = useAccess();
  const queryClient = useQueryClient();
  const id = detail.id;
  const facts = { status: detail.status, retryCount: detail.retryCount, completedTasks: detail.taskCounts.completed ?? 0, spentUsd: detail.usage.costUsd, budgetUsd: detail.budgetUsd };
  return (
    <section className="panel">
      <header>
        <Link to="/sessions">← sessions</Link>
        <h1>{detail.title}</h1>
        <span data-testid="session-status" data-status={status}>
          <StatusBadge status={status} />
        </span>
        {replay && (
          <span className="pill" style={{ color: 'var(--warn)', borderColor: 'var(--warn)' }} data-testid="replay-banner">
            replay @ #{replay.revision} {replay.eventType}
          </span>
        )}
        <span className="spacer" />
        <span className="muted">
          {detail.sessionType} · P{detail.priority} · plan v{detail.plan.version} {detail.plan.template ?? detail.plan.source ?? ''}
        </span>
        <RawJson value={detail} label="session" />
      </header>
      {detail.failure && (
        <p className="error">
          {detail.failure.code}: {detail.failure.message}
        </p>
      )}
      {canCommand && (
        <div className="row" data-testid="session-actions">
          {sessionActions(facts).map((state) => (
            <ActionButton
              key={state.action}
              label={LABELS[state.action]}
              state={state}
              danger={DANGER.includes(state.action)}
              {...(state.action === 'inject-prompt' ? { fields: [{ name: 'text', label: 'Prompt text', required: true, multiline: true }] } : {})}
              run={async (reason, fields) => {
                if (state.action === 'inject-prompt') await orch.sessions.injectPrompt(id, { reason, text: fields['text'] ?? '' });
                else await orch.sessions.act(id, state.action, { reason });
                await queryClient.invalidateQueries({ queryKey: queries.session(id).queryKey, exact: true });
              }}
            />
          ))}
        </div>
      )}
    </section>
  );
}
