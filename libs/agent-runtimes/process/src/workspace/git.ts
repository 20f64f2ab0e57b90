import { execFile } from 'node:child_process';

export type GitResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly message: string };

const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

/** Runs git in `cwd`; never throws (not a repository, or no git at all, is an answer). */
export function git(cwd: string, args: readonly string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...args],
      { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? cwd, ...GIT_ENV }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve(error === null ? { ok: true, stdout } : { ok: false, message: String(stderr || error.message).trim() }),
    );
  });
}

/** Paths of a `-z` listing. */
export const nulSeparated = (text: string): string[] => text.split('\0').filter((path) => path !== '');

/** `git status --porcelain=v1 -z --no-renames` entries: the path of each, the deleted ones apart. */
export function statusEntries(text: string): { readonly present: string[]; readonly deleted: string[] } {
  const present: string[] = [];
  const deleted: string[] = [];
  for (const entry of nulSeparated(text)) {
    const code = entry.slice(0, 2);
    const path = entry.slice(3);
    (code.includes('D') ? deleted : present).push(path);
  }
  return { present, deleted };
}
