import type { DiffStats } from '@orch/application';
import { git } from './git';

export interface Changes {
  /** `/`-separated, sorted. */
  readonly changedFiles: string[];
  readonly diffStats: DiffStats;
}

// Renames count as a deletion and an addition, so both paths are listed as changed.
const DIFF_FLAGS = ['--no-renames', '--no-color', '--no-ext-diff'];

/** The files and line counts `to` changes against `from` (binary files count no lines). */
export async function changesBetween(repoDir: string, from: string, to: string): Promise<Changes> {
  const { stdout } = await git(['diff', ...DIFF_FLAGS, '--numstat', '-z', from, to, '--'], { cwd: repoDir });
  const files: string[] = [];
  let insertions = 0;
  let deletions = 0;
  for (const record of stdout.split('\0')) {
    const match = /^(-|\d+)\t(-|\d+)\t(.+)$/s.exec(record);
    if (match === null) continue;
    insertions += match[1] === '-' ? 0 : Number(match[1]);
    deletions += match[2] === '-' ? 0 : Number(match[2]);
    files.push(match[3] ?? '');
  }
  const changedFiles = [...new Set(files)].sort();
  return { changedFiles, diffStats: { files: changedFiles.length, insertions, deletions } };
}

/** Unified diff of `to` against `from`. */
export async function patchBetween(repoDir: string, from: string, to: string): Promise<string> {
  return (await git(['diff', ...DIFF_FLAGS, '--patch', from, to, '--'], { cwd: repoDir })).stdout;
}
