import { SESSION_STATUS_LIST, type SessionListFilters } from '@orch/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useAccess } from '../app/access';
import { navigate } from '../app/router';
import { RawJson } from '../ui/RawJson';
import { StatusBadge } from '../ui/StatusBadge';
import { SessionTable } from './ControlRoom';

const TEMPLATES = ['feature', 'microservice', 'crud', 'security', 'ui', 'refactoring', 'auto'] as const;

/** Every session of the tenant: status, priority and tag filters, word search; live through the sessions room. */
export function SessionsView() {
  const { queries, canCommand } = useAccess();
  const [statuses, setStatuses] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [tag, setTag] = useState('');
  const [priority, setPriority] = useState('');
  const filters: SessionListFilters = {
    ...(statuses.length ? { status: statuses as SessionListFilters['status'] } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
    ...(tag.trim() ? { tag: [tag.trim()] } : {}),
    ...(priority ? { priority: [Number(priority)] } : {}),
  };
  const sessions = useQuery(queries.sessions(filters));
  const toggle = (status: string) => setStatuses(statuses.includes(status) ? statuses.filter((s) => s !== status) : [...statuses, status]);
  return (
    <div className="stack" data-view="sessions">
      {canCommand && <NewSession />}
      <section className="panel">
        <header>
          <h1>Sessions</h1>
          <span className="spacer" />
          <input placeholder="search title, description, prompt" aria-label="search" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 300 }} />
          <input placeholder="tag" aria-label="tag" value={tag} onChange={(e) => setTag(e.target.value)} style={{ width: 100 }} />
          <select aria-label="priority" value={priority} onChange={(e) => setPriority(e.target.value)}>
            <option value="">any priority</option>
            {[0, 1, 2, 3, 4].map((p) => (
              <option key={p} value={p}>
                P{p}
              </option>
            ))}
          </select>
          <RawJson value={sessions.data} />
        </header>
        <div className="row" style={{ marginBottom: 6 }}>
          {SESSION_STATUS_LIST.map((status) => (
            <label key={status} className="row" style={{ gap: 3, opacity: statuses.length === 0 || statuses.includes(status) ? 1 : 0.45 }}>
              <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggle(status)} aria-label={`filter ${status}`} />
              <StatusBadge status={status} />
            </label>
          ))}
        </div>
        {sessions.isError && <p className="error">{(sessions.error as Error).message}</p>}
        <SessionTable items={sessions.data?.items ?? []} />
        <p className="muted">{sessions.data ? `${sessions.data.items.length} sessions${sessions.data.nextCursor ? ' (first 200)' : ''}` : 'loading…'}</p>
      </section>
    </div>
  );
}

function NewSession() {
  const { orch, queries } = useAccess();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [template, setTemplate] = useState<(typeof TEMPLATES)[number]>('feature');
  const [priority, setPriority] = useState(2);
  const [error, setError] = useState<string | null>(null);
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const answer = await orch.sessions.create({ title: title.trim(), prompt: prompt.trim(), priority, planning: { mode: 'template', template } });
      // Read-your-writes: the detail opens once the read models hold the new session (or after the
      // api's bounded wait; the live layer fills in whatever was not projected yet).
      await orch.query
        .session(answer.id, answer.position === null ? {} : { minPosition: answer.position })
        .then((detail) => queryClient.setQueryData(queries.session(answer.id).queryKey, detail))
        .catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: queries.sessions().queryKey.slice(0, 2) });
      navigate(`/sessions/${answer.id}`);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return (
    <form className="panel row" onSubmit={create} data-testid="new-session">
      <h2>New session</h2>
      <input aria-label="title" placeholder="title" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 260 }} />
      <input aria-label="prompt" placeholder="prompt: what should the agents do?" value={prompt} onChange={(e) => setPrompt(e.target.value)} style={{ flex: 1, minWidth: 260 }} />
      <select aria-label="template" value={template} onChange={(e) => setTemplate(e.target.value as (typeof TEMPLATES)[number])}>
        {TEMPLATES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      <select aria-label="new priority" value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
        {[0, 1, 2, 3, 4].map((p) => (
          <option key={p} value={p}>
            P{p}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={!title.trim() || !prompt.trim()}>
        create
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
