import type { LiveEvent } from '@orch/contracts';
import { apiCommand, EXIT } from '../api/api-command';
import { positional, wholeNumber } from '../api/options';

const USAGE = 'orchestrator sessions tail <sessionId> [--from <position>]';

/** The session's own events that end it: tail stops after one of them. */
export const SESSION_END_EVENTS: ReadonlySet<string> = new Set([
  'SessionCompleted',
  'SessionPartiallyCompleted',
  'SessionFailed',
  'SessionCancelled',
  'SessionStopped',
  'SessionTimedOut',
  'SessionOrphaned',
]);

export const sessionTailCommand = apiCommand({
  name: 'tail',
  summary: 'follow a session live: its events and its agents\' output, from a position',
  flags: [{ name: 'from', kind: 'string' }],
  help: `Usage: ${USAGE}

Prints the session's events (stream session-<id>) and its tasks' output (sessionoutput-<id>) as
they are recorded, over the api's server-sent event feed, which resumes by itself after a drop
without a gap or a repeat. --from <p> starts after global position p (default 0: the whole
history first). Ends after the session completes (or partially), fails, is cancelled, stopped,
times out or is orphaned;
Ctrl-C ends it earlier (exit 130). With --json: one event per line (JSON lines).
`,
  async run({ args, client, io, json, log }) {
    const id = positional(args, 0, 'the session id', USAGE);
    // A missing (or another tenant's) session answers 404 here instead of a feed that never speaks.
    await client.http.request('GET', `/sessions/${encodeURIComponent(id)}/state`);
    const from = wholeNumber(args, 'from') ?? 0;
    const controller = new AbortController();
    const feed = client.events(
      { from, stream: [`session-${id}`, `sessionoutput-${id}`] },
      { signal: controller.signal, onReconnect: (attempt, lastId) => log(`reconnecting (attempt ${attempt}) after ${lastId ?? from}`) },
    );
    for await (const event of feed) {
      io.stdout.write(`${json ? JSON.stringify(event) : eventLine(event)}\n`);
      if (event.stream === `session-${id}` && SESSION_END_EVENTS.has(event.type)) {
        controller.abort();
        break;
      }
    }
    return EXIT.ok;
  },
});

export function eventLine(event: LiveEvent): string {
  const task = typeof event.data['taskId'] === 'string' ? ` [${event.data['taskId']}]` : '';
  const output = event.type === 'TaskProgressed' && typeof event.data['text'] === 'string' ? `  ${oneLine(event.data['text'])}` : '';
  const reason = typeof event.metadata['reason'] === 'string' ? `  (reason: ${oneLine(event.metadata['reason'])})` : '';
  return `${String(event.position).padStart(8)}  ${event.recordedAt}  ${event.type}${task}${output}${reason}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
