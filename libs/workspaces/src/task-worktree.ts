import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { git, gitLine } from './git';

/**
 * Checks out `branch` at `base` in a new worktree at `dir`. Whatever worktree still holds the
 * branch (an earlier attempt, or this one half made before a crash) is removed first: a new
 * attempt starts clean, and git allows a branch in one worktree only.
 */
export async function addWorktree(repoDir: string, dir: string, branch: string, base: string): Promise<void> {
  for (const held of await worktreesOn(repoDir, branch)) await removeWorktree(repoDir, held);
  await removeWorktree(repoDir, dir);
  await mkdir(dirname(dir), { recursive: true });
  await git(['worktree', 'add', '--quiet', '-B', branch, dir, base], { cwd: repoDir });
}

export async function removeWorktree(repoDir: string, dir: string): Promise<void> {
  await git(['worktree', 'remove', '--force', '--force', dir], { cwd: repoDir, okExitCodes: [128] });
  await rm(dir, { recursive: true, force: true });
  await git(['worktree', 'prune'], { cwd: repoDir });
}

/** The worktrees of the repository, the bare repository itself excepted. */
export async function listWorktrees(repoDir: string): Promise<{ readonly dir: string; readonly branch?: string }[]> {
  const { stdout } = await git(['worktree', 'list', '--porcelain', '-z'], { cwd: repoDir });
  const worktrees: { dir: string; branch?: string; bare: boolean }[] = [];
  for (const line of stdout.split('\0')) {
    if (line.startsWith('worktree ')) worktrees.push({ dir: line.slice('worktree '.length), bare: false });
    const current = worktrees.at(-1);
    if (current === undefined) continue;
    if (line === 'bare') current.bare = true;
    if (line.startsWith('branch refs/heads/')) current.branch = line.slice('branch refs/heads/'.length);
  }
  return worktrees.filter((w) => !w.bare).map(({ dir, branch }) => (branch === undefined ? { dir } : { dir, branch }));
}

async function worktreesOn(repoDir: string, branch: string): Promise<string[]> {
  return (await listWorktrees(repoDir)).filter((w) => w.branch === branch).map((w) => w.dir);
}

/** Commits everything in the worktree (new, changed, deleted; ignored files stay out); answers HEAD. */
export async function commitAll(dir: string, message: string): Promise<string> {
  await git(['add', '--all'], { cwd: dir });
  const staged = await git(['diff', '--cached', '--quiet'], { cwd: dir, okExitCodes: [1] });
  if (staged.exitCode === 1) await git(['commit', '--quiet', '--no-verify', '-m', message], { cwd: dir });
  return gitLine(['rev-parse', 'HEAD'], { cwd: dir });
}
