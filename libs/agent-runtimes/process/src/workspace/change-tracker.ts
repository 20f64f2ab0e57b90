import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { git, nulSeparated, statusEntries } from './git';

/** What a run changed in its working directory: paths relative to it, `/`-separated, sorted, each an existing file. */
export interface ChangeReport {
  readonly files: readonly string[];
  /** HEAD, when the agent committed its work itself and left nothing uncommitted. */
  readonly commitSha?: string;
}

export interface ChangeTracker {
  report(): Promise<ChangeReport>;
}

/** Files past this many are not compared (a working directory is a checkout, not a disk). */
const MAX_SNAPSHOT_ENTRIES = 100_000;

/**
 * Takes a baseline of `dir` before the agent starts. In a git worktree the report is git's view:
 * commits made since the baseline plus what `git status` shows now, minus files that were already
 * dirty and did not change (ignored files are not reported). Elsewhere it compares a snapshot of
 * sizes and modification times.
 */
export async function trackChanges(dir: string): Promise<ChangeTracker> {
  const inRepo = await git(dir, ['rev-parse', '--show-prefix']);
  return inRepo.ok ? gitTracker(dir, inRepo.stdout.trim()) : snapshotTracker(dir);
}

async function gitTracker(dir: string, prefix: string): Promise<ChangeTracker> {
  const headStart = await head(dir);
  const dirtyStart = await fingerprints(dir, await dirtyFiles(dir, prefix));
  return {
    report: async () => {
      const headNow = await head(dir);
      const committed = await committedSince(dir, headStart, headNow);
      const dirty = await dirtyFiles(dir, prefix);
      const now = await fingerprints(dir, dirty);
      const changedDirty = dirty.filter((path) => dirtyStart.get(path) !== now.get(path));
      const files = await existingFiles(dir, [...committed, ...changedDirty]);
      const moved = headNow !== undefined && headNow !== headStart;
      return moved && changedDirty.length === 0 ? { files, commitSha: headNow } : { files };
    },
  };
}

async function head(dir: string): Promise<string | undefined> {
  const result = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  return result.ok ? result.stdout.trim() : undefined;
}

async function committedSince(dir: string, from: string | undefined, to: string | undefined): Promise<string[]> {
  if (to === undefined || to === from) return [];
  const listing =
    from === undefined
      ? await git(dir, ['ls-tree', '-r', '-z', '--name-only', to, '--', '.'])
      : await git(dir, ['diff', '--relative', '--name-only', '-z', '--no-renames', from, to, '--', '.']);
  return listing.ok ? nulSeparated(listing.stdout) : [];
}

/** What `git status` lists under `dir`, relative to it (porcelain paths are relative to the repository root). */
async function dirtyFiles(dir: string, prefix: string): Promise<string[]> {
  const status = await git(dir, ['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all', '--', '.']);
  if (!status.ok) return [];
  return statusEntries(status.stdout)
    .present.filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length));
}

async function fingerprints(dir: string, paths: readonly string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(paths.map(async (path) => [path, await fingerprint(join(dir, path))] as const));
  return new Map(entries);
}

async function fingerprint(path: string): Promise<string> {
  const stats = await lstat(path).catch(() => undefined);
  return stats === undefined ? 'missing' : `${stats.size}:${stats.mtimeMs}`;
}

async function existingFiles(dir: string, paths: readonly string[]): Promise<string[]> {
  const unique = [...new Set(paths)];
  const kept = await Promise.all(unique.map(async (path) => ((await lstat(join(dir, path)).catch(() => undefined))?.isFile() ? path : undefined)));
  return kept.filter((path): path is string => path !== undefined).sort();
}

async function snapshotTracker(dir: string): Promise<ChangeTracker> {
  const before = await snapshot(dir);
  return {
    report: async () => {
      const after = await snapshot(dir);
      return { files: [...after].filter(([path, print]) => before.get(path) !== print).map(([path]) => path).sort() };
    },
  };
}

/** Every regular file under `dir` (`.git` aside) → size and mtime, as `/`-separated relative paths. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries.slice(0, MAX_SNAPSHOT_ENTRIES)) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path === '.git' || path.startsWith('.git/')) continue;
    files.set(path, await fingerprint(join(dir, path)));
  }
  return files;
}
