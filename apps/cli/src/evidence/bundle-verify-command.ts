import { readFile } from 'node:fs/promises';
import { flag } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { type Command } from '../command';
import { verifyBundle } from './evidence-bundle';

export const bundleVerifyCommand: Command = {
  name: 'verify',
  summary: 'check an evidence bundle offline: manifest, section hashes, the hash chain',
  flags: [{ name: 'json', kind: 'boolean' }],
  help: `Usage: cli bundle verify <file> [--json]

Checks an evidence bundle written by \`cli sessions export\` with nothing but the file: the manifest's
own sha256, each section's sha256 and count, every stream's hash chain from revision 0 to the head
the manifest names, and that each checkpoint is one the chain recorded. Needs no database or api.

Exit codes: 0 the bundle holds, 1 it does not (each problem is printed), 2 usage.
`,
  async run(args, { io }) {
    const [file, extra] = args.positionals;
    if (file === undefined) throw new UsageError('bundle verify needs the bundle file');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const verdict = verifyBundle(parsed);
    if (flag.boolean(args, 'json')) io.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
    else {
      io.stdout.write(`${verdict.ok ? 'OK' : 'BROKEN'}: ${file}, ${verdict.checkedEvents} event(s) checked\n`);
      for (const problem of verdict.problems) io.stdout.write(`  - ${problem}\n`);
    }
    return verdict.ok ? EXIT.ok : EXIT.failed;
  },
};
