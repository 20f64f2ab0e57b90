import { writeFile } from 'node:fs/promises';
import { EXIT, UsageError } from '../cli-error';
import { type Command, logTo } from '../command';
import { apiClient, getOk, type ApiClient } from './api-client';
import { buildBundle, type BundleDiff, type BundleEvent } from './evidence-bundle';
import { stringFlag } from './events-verify-command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE = 500;

interface LogEntry {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly data: Record<string, unknown> | null;
  readonly metadata: Record<string, unknown> | null;
}

export const sessionExportCommand: Command = {
  name: 'export',
  summary: "write a session's evidence bundle (events, chain, checkpoints, task diffs, manifest)",
  flags: [
    { name: 'out', kind: 'string' },
    { name: 'api', kind: 'string' },
  ],
  help: `Usage: cli sessions export <session-id> --out <file> --api <url>

Writes the session's evidence bundle (docs/evidence-bundle.md) to <file>: every event of its
session-<id> and sessionoutput-<id> streams with their hash chain, its checkpoints, its tasks and
each task's diff, and a manifest of sha256 hashes over all of it. \`cli bundle verify <file>\`
checks it offline; compare the manifest's stream heads with \`cli events verify --stream\`.

Reads through the api (--api, e.g. http://127.0.0.1:3000/api/v1) with a reader key of the session's
tenant in ORCH_API_KEY (admin, operator, auditor or integrator).
`,
  async run(args, { io }) {
    const [sessionId, extra] = args.positionals;
    if (sessionId === undefined || !UUID.test(sessionId)) throw new UsageError('sessions export needs the session id (a lowercase uuid)');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const out = stringFlag(args, 'out');
    if (out === undefined) throw new UsageError('--out <file> is required');
    const source = stringFlag(args, 'api');
    if (source === undefined) throw new UsageError('--api <url> is required (the bundle is read through the api)');
    const api = apiClient(source, process.env);
    const log = logTo(io);
    await getOk(api, `/sessions/${sessionId}`);
    const events = [...(await streamEvents(api, `session-${sessionId}`)), ...(await streamEvents(api, `sessionoutput-${sessionId}`))];
    const checkpoints = await getOk<{ sequence: number }[]>(api, `/sessions/${sessionId}/checkpoints`);
    const tasks = await getOk<{ id: string }[]>(api, `/sessions/${sessionId}/tasks`);
    const diffs: BundleDiff[] = [];
    for (const task of tasks) diffs.push(await taskDiff(api, sessionId, task.id));
    const bundle = buildBundle(sessionId, source, { events, checkpoints, tasks, diffs }, new Date());
    await writeFile(out, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
    log(`wrote ${out}: ${events.length} event(s), ${checkpoints.length} checkpoint(s), ${tasks.length} task(s), manifest ${bundle.manifestSha256}`);
    return EXIT.ok;
  },
};

async function streamEvents(api: ApiClient, stream: string): Promise<BundleEvent[]> {
  const events: BundleEvent[] = [];
  for (let after: number | null = null; ; ) {
    const query: string = `/events?stream=${encodeURIComponent(stream)}&limit=${PAGE}${after === null ? '' : `&after=${after}`}`;
    const page = await getOk<{ items: LogEntry[]; next: number | null }>(api, query);
    for (const entry of page.items) {
      if (entry.data === null || entry.metadata === null) throw new Error(`${stream}@${entry.revision} is no longer in the store (truncated or deleted)`);
      const { id, type, streamName, revision, position, recordedAt, data, metadata } = entry;
      events.push({ id, type, streamName, revision, position, recordedAt, data, metadata: metadata as BundleEvent['metadata'] });
    }
    if (page.next === null) return events;
    after = page.next;
  }
}

async function taskDiff(api: ApiClient, sessionId: string, taskId: string): Promise<BundleDiff> {
  const { status, body } = await api.get<Record<string, unknown>>(`/sessions/${sessionId}/tasks/${encodeURIComponent(taskId)}/diff`);
  if (status === 200) return { taskId, diff: body };
  if (status === 404) return { taskId, diff: null, unavailable: String(body?.['detail'] ?? 'no finished work') };
  throw new Error(`GET diff of task ${taskId} answered ${status}`);
}
