import { apiCommand, EXIT } from '../api/api-command';
import { defined, positional, wholeNumber } from '../api/options';

const USAGE = 'orchestrator contexts show <contextId> [--version <v>] [--min-position p]';

export const contextShowCommand = apiCommand({
  name: 'show',
  summary: 'a context document: the current one, or as of --version',
  flags: [{ name: 'version', kind: 'string' }, { name: 'min-position', kind: 'string' }],
  help: `Usage: ${USAGE}

Prints the document (JSON) with its version, scope and open merge conflicts; with --version v,
the document as it was at that version and the operations that made it.

Options:
  --min-position <p>   answer only once the read side includes position p (a command's answer)
`,
  async run({ args, client, print }) {
    const id = positional(args, 0, 'the context id', USAGE);
    const version = wholeNumber(args, 'version');
    const consistency = defined({ minPosition: wholeNumber(args, 'min-position') });
    if (version !== undefined) {
      const view = await client.query.contextVersion(id, version, consistency);
      print(view, () => [`context ${view.contextId} version ${view.version} (${view.kind} by ${view.actor} at ${view.at})`, JSON.stringify(view, null, 2)]);
      return EXIT.ok;
    }
    const context = await client.query.context(id, consistency);
    print(context, () => [
      `context ${context.id}: ${context.scope}${context.sessionId ? ` of session ${context.sessionId}` : ''}, version ${context.version}, ${context.status}`,
      ...(context.openConflicts.length > 0 ? [`open conflicts: ${context.openConflicts.length}`] : []),
      JSON.stringify(context.document, null, 2),
    ]);
    return EXIT.ok;
  },
});
