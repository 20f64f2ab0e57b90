import { execFile } from 'node:child_process';

/** Environment variables that would point git at another repository than the one we name. */
const LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

/**
 * Only the transports a session's `source` may name (DOMAIN.md §2.1): `ext::` and other remote
 * helpers could run commands, so everything else is refused by git itself.
 */
const PROTOCOLS = ['protocol.allow=never', 'protocol.file.allow=always', 'protocol.https.allow=always', 'protocol.http.allow=always', 'protocol.ssh.allow=always', 'protocol.git.allow=always'];

export const ORCHESTRATOR_IDENTITY = { name: 'Orchestrator', email: 'orchestrator@localhost' } as const;

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    super(`git ${args.slice(0, 2).join(' ')} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
  }
}

export interface GitOptions {
  /** Directory git runs in (a worktree, or the bare repository). */
  readonly cwd: string;
  /** Exit codes that are answers rather than failures (e.g. 1 for `merge-base --is-ancestor`). */
  readonly okExitCodes?: readonly number[];
  readonly timeoutMs?: number;
}

export interface GitResult {
  readonly stdout: string;
  readonly exitCode: number;
}

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of LOCATION_VARIABLES) delete env[name];
  return {
    ...env,
    // Never wait for a password or a host-key answer: a clone that needs one fails instead.
    GIT_TERMINAL_PROMPT: '0',
    GIT_SSH_COMMAND: env['GIT_SSH_COMMAND'] ?? 'ssh -o BatchMode=yes',
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: ORCHESTRATOR_IDENTITY.name,
    GIT_AUTHOR_EMAIL: ORCHESTRATOR_IDENTITY.email,
    GIT_COMMITTER_NAME: ORCHESTRATOR_IDENTITY.name,
    GIT_COMMITTER_EMAIL: ORCHESTRATOR_IDENTITY.email,
  };
}

/** Runs `git <args>` with an argument array (never a shell), answering stdout. */
export function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const fullArgs = [...PROTOCOLS.flatMap((setting) => ['-c', setting]), '-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false', ...args];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      fullArgs,
      { cwd: options.cwd, env: gitEnvironment(), maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs ?? 10 * 60_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ stdout, exitCode: 0 });
        const exitCode = typeof error.code === 'number' ? error.code : null;
        if (exitCode !== null && (options.okExitCodes ?? []).includes(exitCode)) return resolve({ stdout, exitCode });
        reject(new GitError(args, exitCode, stderr, stdout));
      },
    );
  });
}

/** `git <args>` trimmed stdout. */
export async function gitLine(args: readonly string[], options: GitOptions): Promise<string> {
  return (await git(args, options)).stdout.trim();
}

/** NUL-separated output as a list, without the empty tail. */
export function nulSeparated(output: string): string[] {
  return output.split('\0').filter((item) => item.length > 0);
}
