import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../app/access';
import { Link, navigate } from '../app/router';
import { RawJson } from '../ui/RawJson';
import { ago } from '../ui/format';

/** Context documents: versions, a diff between any two, and provenance (which task wrote, which read). */
export function ContextsView({ id }: { readonly id: string | null }) {
  const { queries } = useAccess();
  const sessions = useQuery(queries.sessions());
  const [input, setInput] = useState(id ?? '');
  return (
    <div className="stack" data-view="contexts">
      <section className="panel row">
        <h1>Context</h1>
        <input aria-label="context id" placeholder="context id (a session's primary context has the session's id)" value={input} onChange={(e) => setInput(e.target.value)} style={{ width: 420 }} />
        <button type="button" onClick={() => navigate(`/contexts/${input.trim()}`)} disabled={!input.trim()}>
          open
        </button>
        <span className="muted">recent sessions:</span>
        {(sessions.data?.items ?? []).slice(0, 6).map((s) => (
          <Link key={s.id} to={`/contexts/${s.id}`}>
            {s.title.slice(0, 24)}
          </Link>
        ))}
      </section>
      {id && <ContextDetail key={id} id={id} />}
    </div>
  );
}

function ContextDetail({ id }: { readonly id: string }) {
  const { queries } = useAccess();
  const context = useQuery(queries.context(id));
  const versions = useQuery(queries.contextVersions(id));
  const latest = context.data?.version ?? 1;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? Math.max(1, latest - 1);
  const b = to ?? latest;
  const diff = useQuery({ ...queries.contextDiff(id, a, b), enabled: context.isSuccess && a !== b });
  if (context.isError) return <p className="error">{(context.error as Error).message}</p>;
  if (!context.data) return <p className="muted">loading…</p>;
  const options = (versions.data?.items ?? []).map((v) => v.version);
  return (
    <div className="grid detail">
      <section className="panel stack">
        <header>
          <h2>
            {context.data.scope} context v{context.data.version}
          </h2>
          <span className="pill">{context.data.status}</span>
          <span className="spacer" />
          <RawJson value={context.data} label="context" />
        </header>
        <pre className="raw" data-testid="context-document">
          {JSON.stringify(context.data.document, null, 2)}
        </pre>
        <div className="row">
          <h2>Diff</h2>
          <select aria-label="from version" value={a} onChange={(e) => setFrom(Number(e.target.value))}>
            {options.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
          →
          <select aria-label="to version" value={b} onChange={(e) => setTo(Number(e.target.value))}>
            {options.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
          <RawJson value={diff.data} />
        </div>
        {a === b ? <p className="muted">pick two different versions</p> : <pre className="raw" data-testid="context-diff">{JSON.stringify(diff.data ?? null, null, 2)}</pre>}
      </section>
      <section className="panel">
        <header>
          <h2>Versions and provenance</h2>
          <span className="spacer" />
          <RawJson value={versions.data} />
        </header>
        <table className="dense">
          <thead>
            <tr>
              <th>v</th>
              <th>kind</th>
              <th>written by task</th>
              <th>changes</th>
              <th>actor</th>
              <th>when</th>
            </tr>
          </thead>
          <tbody>
            {(versions.data?.items ?? []).map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{v.kind}</td>
                <td>{v.source ? <Link to={`/sessions/${v.source.sessionId}`}>{`${v.source.taskId ?? '—'}#${v.source.attempt ?? ''}`}</Link> : '—'}</td>
                <td className="muted">
                  +{v.changes.added.length} ~{v.changes.modified.length} −{v.changes.deleted.length}
                </td>
                <td className="muted">{v.actor}</td>
                <td className="muted">{ago(v.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {context.data.sessionId && <ContextReads contextId={id} sessionId={context.data.sessionId} />}
      </section>
    </div>
  );
}

/** Which task read which version: each start of a task records the versions it was given (TaskStarted.contextReads). */
function ContextReads({ contextId, sessionId }: { readonly contextId: string; readonly sessionId: string }) {
  const { queries } = useAccess();
  const starts = useQuery(queries.events({ stream: `session-${sessionId}`, type: ['TaskStarted'] }));
  const reads = (starts.data?.items ?? []).flatMap((entry) => {
    const data = entry.data ?? {};
    const versions = ((data['contextReads'] as { contextId: string; version: number }[] | undefined) ?? []).filter((read) => read.contextId === contextId);
    return versions.map((read) => ({ position: entry.position, taskId: String(data['taskId'] ?? ''), attempt: Number(data['attempt'] ?? 0), version: read.version }));
  });
  return (
    <>
      <h2 style={{ marginTop: 10 }}>Read by</h2>
      <table className="dense" data-testid="context-reads">
        <thead>
          <tr>
            <th>task</th>
            <th>attempt</th>
            <th>read version</th>
          </tr>
        </thead>
        <tbody>
          {reads.map((read) => (
            <tr key={`${read.position}-${read.version}`}>
              <td>
                <Link to={`/sessions/${sessionId}`}>{read.taskId}</Link>
              </td>
              <td>{read.attempt}</td>
              <td>v{read.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {starts.isSuccess && reads.length === 0 && <p className="muted">no task has read this context yet</p>}
    </>
  );
}
