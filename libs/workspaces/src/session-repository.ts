import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { git, gitLine, ORCHESTRATOR_IDENTITY } from './git';
import type { RepositorySource } from './repository-source';

/**
 * Makes the session's own bare repository at `repoDir` once: a clone of the source (read only,
 * objects copied, never hard-linked, so nothing we do can reach the user's repository) or an empty
 * scratch repository with one initial commit. Built under a temp name and renamed, so a crash
 * mid-clone leaves no half repository behind.
 */
export async function ensureRepository(repoDir: string, source: RepositorySource | undefined, cloneTimeoutMs: number): Promise<void> {
  if (await exists(join(repoDir, 'HEAD'))) return;
  const parent = dirname(repoDir);
  await mkdir(parent, { recursive: true });
  await removeStalePartials(parent, basename(repoDir));
  const partial = `${repoDir}.partial-${randomBytes(6).toString('hex')}`;
  try {
    if (source === undefined) await initScratch(partial, parent);
    else await git(['clone', '--bare', '--no-hardlinks', '--quiet', '--', source.source, partial], { cwd: parent, timeoutMs: cloneTimeoutMs });
    await configure(partial);
    await rename(partial, repoDir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function initScratch(dir: string, cwd: string): Promise<void> {
  await git(['init', '--bare', '--quiet', '--initial-branch=main', dir], { cwd });
  const emptyTree = await gitLine(['hash-object', '-t', 'tree', '/dev/null'], { cwd: dir });
  const initial = await gitLine(['commit-tree', emptyTree, '-m', 'Initial commit (scratch repository)'], { cwd: dir });
  await git(['update-ref', 'refs/heads/main', initial], { cwd: dir });
}

/** Commits made in worktrees (ours and the agent's) are the orchestrator's, unsigned, with no hooks run. */
async function configure(dir: string): Promise<void> {
  const settings: [string, string][] = [
    ['user.name', ORCHESTRATOR_IDENTITY.name],
    ['user.email', ORCHESTRATOR_IDENTITY.email],
    ['core.hooksPath', '/dev/null'],
    ['commit.gpgSign', 'false'],
  ];
  for (const [key, value] of settings) await git(['config', key, value], { cwd: dir });
}

/**
 * The commit `ref` names in the session's repository. A ref the clone did not bring (a commit
 * only reachable from elsewhere, `refs/pull/…`) is fetched from the source once.
 */
export async function resolveCommit(repoDir: string, ref: string, fetchable: boolean): Promise<string> {
  const found = await revParse(repoDir, ref);
  if (found !== undefined) return found;
  if (fetchable) {
    const fetched = await git(['fetch', '--quiet', 'origin', ref], { cwd: repoDir, okExitCodes: [128, 1] });
    const commit = fetched.exitCode === 0 ? await revParse(repoDir, 'FETCH_HEAD') : undefined;
    if (commit !== undefined) return commit;
  }
  throw new Error(`${ref} names no commit in the session's repository`);
}

export async function revParse(repoDir: string, ref: string): Promise<string | undefined> {
  const result = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd: repoDir, okExitCodes: [1, 128] });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** Points `refs/heads/<branch>` at `commit`. */
export async function setBranch(repoDir: string, branch: string, commit: string): Promise<void> {
  await git(['update-ref', `refs/heads/${branch}`, commit], { cwd: repoDir });
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function removeStalePartials(parent: string, name: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    if (entry.startsWith(`${name}.partial-`)) await rm(join(parent, entry), { recursive: true, force: true });
  }
}
