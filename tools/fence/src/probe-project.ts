import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const workspaceRoot = join(__dirname, '..', '..', '..');

export interface LintOutcome {
  readonly passed: boolean;
  readonly output: string;
}

/** A throw-away Nx project tagged as domain code, linted through `nx lint` like any real lib. */
export class ProbeProject {
  readonly name: string;
  readonly root: string;

  constructor(label: string) {
    this.name = `fence-probe-${label}-${process.pid}`;
    this.root = join(workspaceRoot, 'tools', 'fence', this.name);
  }

  create(files: Record<string, string>): void {
    mkdirSync(join(this.root, 'src'), { recursive: true });
    const project = { name: this.name, sourceRoot: `tools/fence/${this.name}/src`, tags: ['type:domain'] };
    writeFileSync(join(this.root, 'project.json'), JSON.stringify(project));
    writeFileSync(
      join(this.root, 'eslint.config.mjs'),
      "import base from '../../../eslint.config.mjs';\nimport pure from '../../../tools/eslint/pure.mjs';\nexport default [...base, ...pure];\n",
    );
    for (const [file, text] of Object.entries(files)) writeFileSync(join(this.root, 'src', file), text);
  }

  async lint(): Promise<LintOutcome> {
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };
    try {
      const { stdout, stderr } = await run('npx', ['nx', 'lint', this.name, '--skip-nx-cache', '--output-style=static'], {
        cwd: workspaceRoot,
        env,
        maxBuffer: 10 * 1024 * 1024,
      });
      return { passed: true, output: stdout + stderr };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { passed: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
