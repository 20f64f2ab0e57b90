import { useQuery } from '@tanstack/react-query';
import { useAccess } from '../../app/access';
import { Link } from '../../app/router';
import { RawJson } from '../../ui/RawJson';
import { time } from '../../ui/format';

/** The session's checkpoints: trigger, task (click for its diff), commit, the context versions it pinned. */
export function Checkpoints({ id, onSelectTask }: { readonly id: string; readonly onSelectTask: (taskId: string) => void }) {
  const { queries } = useAccess();
  const checkpoints = useQuery(queries.checkpoints(id));
  return (
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
                  <a href="#task" onClick={(e) => (e.preventDefault(), checkpoint.taskId && onSelectTask(checkpoint.taskId))}>
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
  );
}
