import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Plain git for the specs' own set-up and inspection (not the adapter's runner). */
export function sh(cwd: string, ...args: string[]): Promise<string> {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' };
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'commit.gpgSign=false', ...args], { cwd, env, encoding: 'utf8' }, (error, stdout, stderr) =>
      error === null ? resolve(stdout.trim()) : reject(new Error(`git ${args.join(' ')}: ${stderr}`)),
    );
  });
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${label}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

export async function write(dir: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content, 'utf8');
}

/**
 * A user's repository with a working tree: `main` (README.md, src/app.ts), a tag `v1` on its
 * first commit, a branch `feature` adding docs/feature.md, and an uncommitted change in main's
 * working tree (which a clone must neither see nor touch).
 */
export async function userRepository(dir: string): Promise<{ dir: string; first: string; main: string; feature: string }> {
  await sh(dir, 'init', '--quiet', '--initial-branch=main');
  await write(dir, 'README.md', '# App\n');
  await sh(dir, 'add', '.');
  await sh(dir, 'commit', '--quiet', '-m', 'first');
  const first = await sh(dir, 'rev-parse', 'HEAD');
  await sh(dir, 'tag', 'v1');
  await write(dir, 'src/app.ts', 'export const app = 1;\n');
  await sh(dir, 'add', '.');
  await sh(dir, 'commit', '--quiet', '-m', 'second');
  const main = await sh(dir, 'rev-parse', 'HEAD');
  await sh(dir, 'checkout', '--quiet', '-b', 'feature');
  await write(dir, 'docs/feature.md', 'feature\n');
  await sh(dir, 'add', '.');
  await sh(dir, 'commit', '--quiet', '-m', 'feature');
  const feature = await sh(dir, 'rev-parse', 'HEAD');
  await sh(dir, 'checkout', '--quiet', 'main');
  await write(dir, 'README.md', '# App (edited, not committed)\n');
  return { dir, first, main, feature };
}

/** A digest of every file under `dir`, `.git` included: any write to the repository changes it. */
export async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(relative(dir, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

/** A file's content at `ref` in the repository at `repo`. */
export function show(repo: string, ref: string, path: string): Promise<string> {
  return sh(repo, 'show', `${ref}:${path}`);
}

export function filesAt(repo: string, ref: string): Promise<string[]> {
  return sh(repo, 'ls-tree', '-r', '--name-only', ref).then((out) => out.split('\n').filter(Boolean));
}
