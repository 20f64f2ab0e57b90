import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../app/access';
import { useSessionRoom } from '../live/live-provider';
import { Checkpoints } from './session/Checkpoints';
import { GraphPane } from './session/GraphPane';
import type { GraphTask } from './session/graph-layout';
import { ReplayScrubber } from './session/ReplayScrubber';
import { replayTasks } from './session/replay-tasks';
import { SessionHeader } from './session/SessionHeader';
import { SessionMetrics } from './session/SessionMetrics';
import { TimelinePane } from './session/TimelinePane';

/**
 * One session: actions, metrics, the replay scrubber, the task graph, the virtualised timeline and
 * checkpoints (one component per pane under `session/`). While the scrubber is off live, the
 * status and the graph are the session as of that event.
 */
export function SessionDetailView({ id }: { readonly id: string }) {
  const { orch, queries } = useAccess();
  useSessionRoom(orch, id);
  const session = useQuery(queries.session(id));
  const latest = useQuery(queries.state(id));
  const [at, setAt] = useState<number | null>(null);
  const replay = useQuery({ ...queries.state(id, at ?? undefined), enabled: at !== null });
  const [selectedTask, setSelectedTask] = useState<string | null>(null);

  if (!session.data)
    return (
      <p className={session.isError ? 'error' : 'muted'} data-view="session-detail">
        {session.isError ? (session.error as Error).message : 'loading session…'}
      </p>
    );
  const detail = session.data;
  const replaying = at !== null && replay.data !== undefined ? replay.data : null;
  const status = replaying ? replaying.session.status : detail.status;
  const graphTasks: GraphTask[] = replaying ? replayTasks(replaying.session) : detail.tasks.map((task) => ({ id: task.id, title: task.title, status: task.status, dependsOn: task.dependsOn }));

  return (
    <div className="stack" data-view="session-detail" data-session-id={id}>
      <SessionHeader detail={detail} status={status} replay={replaying} />
      <SessionMetrics id={id} />
      <ReplayScrubber at={at} latestRevision={latest.data?.latestRevision ?? detail.revision} replay={at === null ? undefined : replay.data} latest={latest.data} onChange={setAt} />
      <GraphPane detail={detail} graphTasks={graphTasks} selected={selectedTask} onSelect={setSelectedTask} />
      <div className="grid detail">
        <TimelinePane id={id} selectedRevision={at} onSelect={setAt} />
        <Checkpoints id={id} onSelectTask={setSelectedTask} />
      </div>
    </div>
  );
}
