import { UsageError } from '../cli-error';
import { apiCommand, EXIT } from '../api/api-command';
import { defined, positional, wholeNumber } from '../api/options';

const USAGE = 'orchestrator contexts diff <contextId> --from <v> --to <v>';

export const contextDiffCommand = apiCommand({
  name: 'diff',
  summary: 'the difference between two versions of a context, by leaf path',
  flags: [{ name: 'from', kind: 'string' }, { name: 'to', kind: 'string' }, { name: 'min-position', kind: 'string' }],
  help: `Usage: ${USAGE}

Lines: "+ path value" added, "- path value" deleted, "~ path from → to" modified.
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the context id', USAGE);
    const from = wholeNumber(args, 'from');
    const to = wholeNumber(args, 'to');
    if (from === undefined || to === undefined) throw new UsageError('--from and --to are required', `usage: ${USAGE}`);
    const diff = await client.query.contextDiff(id, defined({ from, to, minPosition: wholeNumber(args, 'min-position') }));
    print(diff, () => {
      const lines = [
        ...diff.added.map((leaf) => `+ ${leaf.path} ${JSON.stringify(leaf.value)}`),
        ...diff.deleted.map((leaf) => `- ${leaf.path} ${JSON.stringify(leaf.value)}`),
        ...diff.modified.map((leaf) => `~ ${leaf.path} ${JSON.stringify(leaf.from)} → ${JSON.stringify(leaf.to)}`),
      ];
      return [`context ${diff.contextId}: version ${diff.from} → ${diff.to}`, ...(lines.length > 0 ? lines : ['no differences'])];
    });
    return EXIT.ok;
  },
});
