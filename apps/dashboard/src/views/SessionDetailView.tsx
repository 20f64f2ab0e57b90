import { sessionActions, type OperatorSessionAction, type TaskView, type TimelineEntry } from '@orch/contracts';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAccess } from '../app/access';
import { Link } from '../app/router';
import { useSessionRoom } from '../live/live-provider';
import { ActionButton } from '../ui/ActionButton';
import { RawJson } from '../ui/RawJson';
import { StatusBadge } from '../ui/StatusBadge';
import { duration, time, usd } from '../ui/format';
import type { GraphTask } from './session/graph-layout';
import { TaskGraph } from './session/TaskGraph';
import { TaskPanel } from './session/TaskPanel';
import { Timeline } from './session/Timeline';

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

/** One session: actions, metrics, the task graph, the replay scrubber, the virtualised timeline and checkpoints. */
export function SessionDetailView({ id }: { readonly id: string }) {
  const { orch, queries, canCommand } = useAccess();
  useSessionRoom(orch, id);
  const session = useQuery(queries.session(id));
  const latest = useQuery(queries.state(id));
  const [at, setAt] = useState<number | null>(null);
  const replay = useQuery({ ...queries.state(id, at ?? undefined), enabled: at !== null });
  const [selectedTask, setSelectedTask] = useState<string | null>(null);
  const timeline = useTimeline(id);
  const checkpoints = useQuery(queries.checkpoints(id));
  const queryClient = useQueryClient();

  if (!session.data)
    return (
      <p className={session.isError ? 'error' : 'muted'} data-view="session-detail">
        {session.isError ? (session.error as Error).message : 'loading session…'}
      </p>
    );
  const detail = session.data;
  const replaying = at !== null && replay.data !== undefined;
  const status = replaying ? replay.data.session.status : detail.status;
  const graphTasks: GraphTask[] = replaying ? replayTasks(replay.data.session) : detail.tasks.map((task) => ({ id: task.id, title: task.title, status: task.status, dependsOn: task.dependsOn }));
  const task = detail.tasks.find((t) => t.id === selectedTask) ?? null;
  const latestRevision = latest.data?.latestRevision ?? detail.revision;
  const facts = { status: detail.status, retryCount: detail.retryCount, completedTasks: detail.taskCounts.completed ?? 0, spentUsd: detail.usage.costUsd, budgetUsd: detail.budgetUsd };

  return (
    <div className="stack" data-view="session-detail" data-session-id={id}>
      <section className="panel">
        <header>
          <Link to="/sessions">← sessions</Link>
          <h1>{detail.title}</h1>
          <span data-testid="session-status" data-status={status}>
            <StatusBadge status={status} />
          </span>
          {replaying && (
            <span className="pill" style={{ color: 'var(--warn)', borderColor: 'var(--warn)' }} data-testid="replay-banner">
              replay @ #{replay.data.revision} {replay.data.eventType}
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

      <Metrics id={id} />

      <section className="panel">
        <header>
          <h2>Replay</h2>
          <span className="spacer" />
          {at !== null && (
            <button type="button" onClick={() => setAt(null)}>
              back to live
            </button>
          )}
          <RawJson value={replay.data ?? latest.data} label="state" />
        </header>
        <div className="scrubber">
          <span className="muted">#0</span>
          <input
            type="range"
            min={0}
            max={latestRevision}
            value={at ?? latestRevision}
            aria-label="replay revision"
            data-testid="scrubber"
            onChange={(e) => setAt(Number(e.target.value) === latestRevision && at === null ? null : Number(e.target.value))}
          />
          <span className="muted">#{latestRevision}</span>
          <span data-testid="scrubber-position">{at === null ? 'live' : `#${at}`}</span>
        </div>
        {replaying && replay.data.context && <RawJson value={replay.data.context} label={`context as of #${replay.data.revision}`} />}
      </section>

      <div className="grid detail">
        <section className="panel">
          <header>
            <h2>Task graph</h2>
            <span className="muted">{graphTasks.length} tasks</span>
            <span className="spacer" />
            <RawJson value={detail.tasks} label="tasks" />
          </header>
          <TaskGraph tasks={graphTasks} selected={selectedTask} onSelect={setSelectedTask} />
        </section>
        {task ? <TaskPanel session={detail} task={task} /> : <TaskList tasks={detail.tasks} onSelect={setSelectedTask} />}
      </div>

      <div className="grid detail">
        <section className="panel">
          <header>
            <h2>Timeline</h2>
            <span className="muted" data-testid="timeline-count">
              {timeline.entries.length} events{timeline.loading ? ' (loading…)' : ''}
            </span>
            <span className="spacer" />
            <span className="muted">click an event to replay to it</span>
          </header>
          <Timeline entries={timeline.entries} selectedRevision={at} onSelect={setAt} onFirstRender={timeline.onFirstRender} />
        </section>
        <section className="panel">
          <header>
            <h2>Checkpoints</h2>
            <span className="spacer" />
            <RawJson value={checkpoints.data} />
          </header>
          <table className="dense">
            <thead>
              <tr>
                <th>#</th>
                <th>trigger</th>
                <th>task</th>
                <th>commit</th>
                <th>context</th>
                <th>at</th>
              </tr>
            </thead>
            <tbody>
              {(checkpoints.data ?? []).map((checkpoint) => (
                <tr key={checkpoint.sequence}>
                  <td>{checkpoint.sequence}</td>
                  <td>{checkpoint.trigger}</td>
                  <td>
                    {checkpoint.taskId ? (
                      <a href="#task" onClick={(e) => (e.preventDefault(), setSelectedTask(checkpoint.taskId))}>
                        {checkpoint.taskId}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="muted">{checkpoint.commitSha.slice(0, 10)}</td>
                  <td>
                    {checkpoint.contextVersions.map((v) => (
                      <Link key={v.contextId} to={`/contexts/${v.contextId}`}>
                        v{v.version}{' '}
                      </Link>
                    ))}
                  </td>
                  <td className="muted">{time(checkpoint.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Click a checkpoint's task for the diff it made.</p>
        </section>
      </div>
    </div>
  );
}

function TaskList({ tasks, onSelect }: { readonly tasks: readonly TaskView[]; readonly onSelect: (id: string) => void }) {
  return (
    <section className="panel">
      <h2>Tasks (click one)</h2>
      <table className="dense">
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} onClick={() => onSelect(task.id)} style={{ cursor: 'pointer' }}>
              <td>{task.id}</td>
              <td>
                <StatusBadge status={task.status} />
              </td>
              <td className="muted">{task.agentId ?? '—'}</td>
              <td className="muted">{duration(task.timings.runMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Metrics({ id }: { readonly id: string }) {
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

interface ReplayTask {
  readonly status: string;
  readonly spec: { readonly id: string; readonly title: string; readonly dependsOn?: readonly ({ readonly taskId: string; readonly optional?: boolean } | string)[] };
}

function replayTasks(session: object): GraphTask[] {
  // An absent session (revision before creation) has no tasks.
  const { tasks = {}, taskOrder = [] } = session as { tasks?: Readonly<Record<string, unknown>>; taskOrder?: readonly string[] };
  return taskOrder.map((taskId) => {
    const task = tasks[taskId] as ReplayTask;
    const dependsOn = (task.spec.dependsOn ?? []).map((d) => (typeof d === 'string' ? { taskId: d, optional: false } : { taskId: d.taskId, optional: d.optional ?? false }));
    return { id: taskId, title: task.spec.title, status: task.status, dependsOn };
  });
}

/** Loads every page of the timeline (500 a page) and marks how long the first rows and the whole took. */
function useTimeline(id: string) {
  const { queries } = useAccess();
  const query = useInfiniteQuery(queries.timeline(id));
  const started = useRef(performance.now());
  const entries = useMemo<TimelineEntry[]>(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const complete = query.isSuccess && !hasNextPage;
  const marked = useRef(false);
  useEffect(() => {
    if (complete && !marked.current && entries.length > 0) {
      marked.current = true;
      requestAnimationFrame(() => {
        performance.measure('orch:timeline-complete', { start: started.current, end: performance.now(), detail: { count: entries.length } });
      });
    }
  }, [complete, entries.length]);
  const onFirstRender = (count: number) => {
    performance.measure('orch:timeline-first-render', { start: started.current, end: performance.now(), detail: { count } });
  };
  return { entries, loading: !complete, onFirstRender };
}

