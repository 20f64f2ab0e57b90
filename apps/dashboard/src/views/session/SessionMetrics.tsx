import { useQuery } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { duration, usd } from '../../ui/format';

/** Tokens, cost against budget, durations, and the task roll-up of one session. */
export function SessionMetrics({ id }: { readonly id: string }) {
  const { queries } = useAccess();
  const session = useQuery(queries.session(id));
  const rollup = useQuery(queries.sessionRollup(id));
  const s = session.data;
  if (!s) return null;
  return (
    <section className="panel grid cols-4" data-testid="metrics">
      <div>
        <h3>tokens in / out</h3>
        <div className="kpi small">
          {s.usage.tokensIn} / {s.usage.tokensOut}
        </div>
      </div>
      <div>
        <h3>cost / budget</h3>
        <div className="kpi small">
          {usd(s.usage.costUsd)} / {s.budgetUsd === null ? '∞' : usd(s.budgetUsd)}
        </div>
      </div>
      <div>
        <h3>active · queued · remaining</h3>
        <div className="kpi small">
          {duration(s.activeMs)} · {duration(s.queueMs)} · {duration(s.remainingMs)}
        </div>
      </div>
      <div>
        <h3>tasks ok / failed · run time</h3>
        <div className="kpi small">
          {rollup.data?.tasksSucceeded ?? s.taskCounts.completed ?? 0} / {rollup.data?.tasksFailed ?? s.taskCounts.failed ?? 0} · {duration(rollup.data?.taskRunMs ?? 0)}
        </div>
      </div>
    </section>
  );
}
