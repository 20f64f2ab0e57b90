import type { ContextOperation, JsonValue } from '@orch/contracts';
import { UsageError } from '../cli-error';
import { answerLines, apiCommand, EXIT } from '../api/api-command';
import { json, positional, text, wholeNumber } from '../api/options';

const USAGE = 'orchestrator contexts patch <contextId> (--ops <json|@file> | --set <path>=<json> | --delete <path>) [--expected-version v]';

export const contextPatchCommand = apiCommand({
  name: 'patch',
  summary: 'write to a context: set, merge or delete paths, against an expected version',
  flags: [
    { name: 'ops', kind: 'string' },
    { name: 'set', kind: 'string' },
    { name: 'delete', kind: 'string' },
    { name: 'expected-version', kind: 'string' },
    { name: 'idempotency-key', kind: 'string' },
  ],
  help: `Usage: ${USAGE}

Applies operations to the document as one new version:
  --ops <json|@file>       [{ "op": "set"|"merge"|"delete", "path": "a.b", "value"? }]
  --set <path>=<json>      one set, e.g. --set 'decisions.db="postgres"' (paths are dot-separated keys)
  --delete <path>          one delete
  --expected-version <v>   the version you read (default: the current one, read first); a write
                           made in between answers 409 CONTEXT.VERSION_CONFLICT instead of being lost
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the context id', USAGE);
    const operations = operationsFrom(json(args, 'ops'), text(args, 'set'), text(args, 'delete'));
    const expectedVersion = wholeNumber(args, 'expected-version') ?? (await client.query.context(id)).version;
    const key = text(args, 'idempotency-key');
    const answer = await client.contexts.write(id, { expectedVersion, operations }, key ? { idempotencyKey: key } : {});
    print(answer, () => answerLines(`context written over version ${expectedVersion}`, answer));
    return EXIT.ok;
  },
});

function operationsFrom(ops: unknown, set: string | undefined, remove: string | undefined): ContextOperation[] {
  const operations: ContextOperation[] = [];
  if (ops !== undefined) {
    if (!Array.isArray(ops)) throw new UsageError('--ops must be a JSON array of operations');
    operations.push(...(ops as ContextOperation[]));
  }
  if (set !== undefined) {
    const at = set.indexOf('=');
    if (at <= 0) throw new UsageError('--set needs <path>=<json value>', `e.g. --set 'plan.owner="alice"'`);
    let value: JsonValue;
    try {
      value = JSON.parse(set.slice(at + 1)) as JsonValue;
    } catch {
      throw new UsageError(`--set: the value after "=" must be JSON (strings in double quotes), got ${set.slice(at + 1)}`);
    }
    operations.push({ op: 'set', path: set.slice(0, at), value });
  }
  if (remove !== undefined) operations.push({ op: 'delete', path: remove });
  if (operations.length === 0) throw new UsageError('nothing to write: give --ops, --set or --delete', `usage: ${USAGE}`);
  return operations;
}
