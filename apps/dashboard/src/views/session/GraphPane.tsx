import type { SessionDetail, TaskView } from '@orch/contracts';
import { RawJson } from '../../ui/RawJson';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration } from '../../ui/format';
import type { GraphTask } from './graph-layout';
import { TaskGraph } from './TaskGraph';
import { TaskPanel } from './TaskPanel';

/** The task graph (as of the replayed event while replaying) beside the selected task, or the task list. */
export function GraphPane({
  detail,
  graphTasks,
  selected,
  onSelect,
}: {
  readonly detail: SessionDetail;
  readonly graphTasks: readonly GraphTask[];
  readonly selected: string | null;
  readonly onSelect: (taskId: string) => void;
}) {
  const task = detail.tasks.find((t) => t.id === selected) ?? null;
  return (
    <div className="grid detail">
      <section className="panel">
        <header>
          <h2>Task graph</h2>
          <span className="muted">{graphTasks.length} tasks</span>
          <span className="spacer" />
          <RawJson value={detail.tasks} label="tasks" />
        </header>
        <TaskGraph tasks={graphTasks} selected={selected} onSelect={onSelect} />
      </section>
      {task ? <TaskPanel session={detail} task={task} /> : <TaskList tasks={detail.tasks} onSelect={onSelect} />}
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
