import { git, gitLine, nulSeparated } from './git';

export type MergeOutcome = { readonly merged: true; readonly head: string } | { readonly merged: false; readonly conflictFiles: string[] };

/**
 * Merges `commit` into `branch` without a worktree of the result branch: already contained → as
 * is; the branch not moved since → fast-forward; otherwise `git merge-tree --write-tree` and a
 * merge commit. A conflict writes nothing, so the result branch stays clean. The ref moves with
 * compare-and-swap on the head read, so a concurrent writer is caught rather than overwritten.
 */
export async function mergeIntoBranch(repoDir: string, branch: string, commit: string, message: string): Promise<MergeOutcome> {
  const ref = `refs/heads/${branch}`;
  const head = await gitLine(['rev-parse', '--verify', `${ref}^{commit}`], { cwd: repoDir });
  if (await isAncestor(repoDir, commit, head)) return { merged: true, head };
  if (await isAncestor(repoDir, head, commit)) {
    await git(['update-ref', ref, commit, head], { cwd: repoDir });
    return { merged: true, head: commit };
  }
  const merge = await git(['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', head, commit], { cwd: repoDir, okExitCodes: [1] });
  const [tree, ...conflicts] = nulSeparated(merge.stdout);
  if (merge.exitCode === 1) return { merged: false, conflictFiles: [...new Set(conflicts)].sort() };
  if (tree === undefined) throw new Error('git merge-tree answered no tree');
  const mergeCommit = await gitLine(['commit-tree', tree, '-p', head, '-p', commit, '-m', message], { cwd: repoDir });
  await git(['update-ref', ref, mergeCommit, head], { cwd: repoDir });
  return { merged: true, head: mergeCommit };
}

export async function isAncestor(repoDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await git(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: repoDir, okExitCodes: [1] });
  return result.exitCode === 0;
}
