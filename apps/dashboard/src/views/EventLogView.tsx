import type { AuditFilters, EventLogFilters } from '@orch/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccess } from '../app/access';
import { RawJson } from '../ui/RawJson';
import { time } from '../ui/format';

type Tab = 'audit' | 'events';
const EVENT_FIELDS = ['stream', 'category', 'type', 'actor', 'actorKind', 'correlationId', 'since', 'until'] as const;
const AUDIT_FIELDS = ['actor', 'apiKeyId', 'commandType', 'stream', 'since', 'until'] as const;

function compact<T extends object>(values: Record<string, string>, lists: readonly string[] = []): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const v = value.trim();
    if (v) out[key] = lists.includes(key) ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
  }
  return out as T;
}

/** For auditors: the audit trail of operator actions and the whole event log, every filter, JSON-lines export, chain status. */
export function EventLogView() {
  const [tab, setTab] = useState<Tab>('audit');
  return (
    <div className="stack" data-view="event-log">
      <section className="panel row">
        <h1>Event log</h1>
        <button type="button" className={tab === 'audit' ? 'primary' : undefined} onClick={() => setTab('audit')}>
          audit trail
        </button>
        <button type="button" className={tab === 'events' ? 'primary' : undefined} onClick={() => setTab('events')}>
          all events
        </button>
        <span className="spacer" style={{ flex: 1 }} />
        <ChainStatus />
      </section>
      {tab === 'audit' ? <AuditTrail /> : <Events />}
    </div>
  );
}

function ChainStatus() {
  const { queries } = useAccess();
  const verify = useQuery(queries.auditVerify());
  if (verify.isPending) return <span className="muted">chain: checking…</span>;
  if (verify.isError) return <span className="error">chain: {(verify.error as Error).message}</span>;
  if (!verify.data.available)
    return (
      <span className="muted" data-testid="chain-status">
        chain verification: unavailable on this api
      </span>
    );
  const ok = verify.data.body['ok'] ?? verify.data.body['valid'] ?? verify.data.body['status'];
  return (
    <span data-testid="chain-status" style={{ color: ok === true || ok === 'ok' || ok === 'valid' ? 'var(--accent)' : 'var(--bad)' }}>
      chain: {String(ok)} <RawJson value={verify.data.body} />
    </span>
  );
}

function Filters({ fields, values, onChange }: { readonly fields: readonly string[]; readonly values: Record<string, string>; readonly onChange: (v: Record<string, string>) => void }) {
  return (
    <div className="row">
      {fields.map((field) => (
        <input key={field} aria-label={field} placeholder={field} value={values[field] ?? ''} onChange={(e) => onChange({ ...values, [field]: e.target.value })} style={{ width: 150 }} />
      ))}
    </div>
  );
}

function AuditTrail() {
  const { queries, orch } = useAccess();
  const [values, setValues] = useState<Record<string, string>>({});
  const filters = compact<AuditFilters>(values);
  const trail = useQuery(queries.audit(filters));
  return (
    <section className="panel" data-testid="audit-trail">
      <header>
        <h2>Operator actions</h2>
        <span className="spacer" />
        <ExportButton name="audit" fetchPage={(after) => orch.query.audit({ ...filters, order: 'asc', limit: 500, ...(after === undefined ? {} : { after }) })} />
        <RawJson value={trail.data} />
      </header>
      <Filters fields={AUDIT_FIELDS} values={values} onChange={setValues} />
      <table className="dense">
        <thead>
          <tr>
            <th>pos</th>
            <th>at</th>
            <th>actor</th>
            <th>command</th>
            <th>event</th>
            <th>reason</th>
            <th>stream</th>
            <th>client</th>
          </tr>
        </thead>
        <tbody>
          {(trail.data?.items ?? []).map((entry) => (
            <tr key={`${entry.position}`} data-command={entry.commandType ?? ''}>
              <td className="muted">{entry.position}</td>
              <td className="muted">{time(entry.at)}</td>
              <td>{entry.actor}</td>
              <td>{entry.commandType ?? '—'}</td>
              <td>{entry.eventType}</td>
              <td data-testid="audit-reason">{entry.reason ?? ''}</td>
              <td className="muted">{entry.streamName}</td>
              <td className="muted">{entry.client.ip ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Events() {
  const { queries, orch } = useAccess();
  const [values, setValues] = useState<Record<string, string>>({});
  const filters = compact<EventLogFilters>(values, ['type']);
  const events = useQuery(queries.events(filters));
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="panel">
      <header>
        <h2>Events (newest first)</h2>
        <span className="spacer" />
        <ExportButton name="events" fetchPage={(after) => orch.query.events({ ...filters, order: 'asc', limit: 500, ...(after === undefined ? {} : { after }) })} />
        <RawJson value={events.data} />
      </header>
      <Filters fields={EVENT_FIELDS} values={values} onChange={setValues} />
      <table className="dense">
        <thead>
          <tr>
            <th>pos</th>
            <th>recorded</th>
            <th>type</th>
            <th>stream</th>
            <th>rev</th>
            <th>actor</th>
            <th>correlation</th>
          </tr>
        </thead>
        <tbody>
          {(events.data?.items ?? []).map((entry) => (
            <>
              <tr key={entry.position} onClick={() => setOpen(open === entry.position ? null : entry.position)} style={{ cursor: 'pointer' }}>
                <td className="muted">{entry.position}</td>
                <td className="muted">{time(entry.recordedAt)}</td>
                <td>{entry.type}</td>
                <td className="muted">{entry.streamName}</td>
                <td>{entry.revision}</td>
                <td>
                  {entry.actor} <span className="pill">{entry.actorKind}</span>
                </td>
                <td className="muted">{entry.correlationId ?? ''}</td>
              </tr>
              {open === entry.position && (
                <tr key={`${entry.position}-raw`}>
                  <td colSpan={7}>
                    <pre className="raw">{JSON.stringify(entry, null, 2)}</pre>
                  </td>
                </tr>
              )}
            </>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every matching entry, oldest first, one JSON object a line, as a download. */
function ExportButton({ name, fetchPage }: { readonly name: string; readonly fetchPage: (after?: number) => Promise<{ items: readonly unknown[]; next: number | null }> }) {
  const [busy, setBusy] = useState<number | null>(null);
  async function run() {
    const lines: string[] = [];
    let after: number | undefined;
    setBusy(0);
    for (;;) {
      const page = await fetchPage(after);
      for (const item of page.items) lines.push(JSON.stringify(item));
      setBusy(lines.length);
      if (page.next === null) break;
      after = page.next;
    }
    const url = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'application/x-ndjson' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${name}-${new Date().toISOString().slice(0, 19)}.jsonl`;
    link.click();
    URL.revokeObjectURL(url);
    setBusy(null);
  }
  return (
    <button type="button" onClick={() => void run()} disabled={busy !== null}>
      {busy === null ? 'export jsonl' : `exporting ${busy}…`}
    </button>
  );
}
