import type { ChainReport } from '@orch/event-store';
import { verifyStoredChain } from '@orch/event-store';
import { flag, type ParsedArgs } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { type Command, logTo } from '../command';
import { withStores } from '../connect/open-stores';
import { apiClient, getOk } from './api-client';
import { chainReportLines } from './chain-report-lines';

const STREAM = /^[a-z][a-z0-9]*-[A-Za-z0-9._:-]{1,200}$/;

export const eventsVerifyCommand: Command = {
  name: 'verify',
  summary: 'recompute the tamper-evidence hash chain and name the first broken link',
  flags: [
    { name: 'stream', kind: 'string' },
    { name: 'tenant', kind: 'string' },
    { name: 'api', kind: 'string' },
    { name: 'json', kind: 'boolean' },
  ],
  help: `Usage: cli events verify [--stream <name>] [--tenant <id>] [--api <url>] [--json]

Recomputes every event's hash chain (metadata.chain, see docs/evidence-bundle.md) and names the first
broken link: stream, revision, event id, what the chain expected and what was found.

Direct (default): reads the event store the api uses (DATABASE_URL / EVENT_STORE, as \`projections\`
does), every tenant unless --tenant is given. With --api <url> (e.g. http://127.0.0.1:3000/api/v1) it
asks the api's GET /audit/verify instead, with the admin or auditor key in ORCH_API_KEY (that key's
tenant only).

Options:
  --stream <name>   one stream (e.g. session-<uuid>); prints its head revision and hash
  --tenant <id>     direct mode: one tenant's events only
  --api <url>       verify through the api instead of the store
  --json            the report as JSON on stdout

Exit codes: 0 the chain holds, 1 a link is broken (or the check failed), 2 usage.
`,
  async run(args, { io, config }) {
    const stream = stringFlag(args, 'stream');
    if (stream !== undefined && !STREAM.test(stream)) throw new UsageError(`--stream must be a stream name like session-<uuid>, got "${stream}"`);
    const tenant = stringFlag(args, 'tenant');
    const api = stringFlag(args, 'api');
    let report: ChainReport;
    if (api !== undefined) {
      if (tenant !== undefined) throw new UsageError('--tenant is for direct mode; through --api the key decides the tenant');
      report = await getOk<ChainReport>(apiClient(api, process.env), `/audit/verify${stream === undefined ? '' : `?stream=${encodeURIComponent(stream)}`}`);
    } else {
      const log = logTo(io);
      report = await withStores(config(), log, ({ eventStore }) =>
        verifyStoredChain(eventStore, {
          ...(tenant === undefined ? {} : { tenantId: tenant }),
          ...(stream === undefined ? {} : { streamName: stream }),
          onPage: (checked) => {
            if (io.stderr.isTTY) io.stderr.write(`\rchecked ${checked}`);
          },
        }),
      );
      if (io.stderr.isTTY) io.stderr.write('\n');
    }
    io.stdout.write(`${flag.boolean(args, 'json') ? JSON.stringify(report, null, 2) : chainReportLines(report).join('\n')}\n`);
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}
