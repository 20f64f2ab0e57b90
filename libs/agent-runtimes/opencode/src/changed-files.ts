import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Part } from './opencode-types';

/**
 * The files a run changed that exist now, relative to its working directory, `/`-separated,
 * sorted: what `git status` lists there (a task worktree), plus every file the agent's edit tools
 * named (which also covers a directory that is not a repository).
 */
export async function changedFiles(directory: string, parts: readonly Part[]): Promise<string[]> {
  const candidates = new Set<string>([...(await gitChanges(directory)), ...toolPaths(parts).map((p) => resolve(directory, p))]);
  const files: string[] = [];
  for (const file of candidates) {
    const inside = relative(directory, file);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('.git')) continue;
    if (await stat(file).then((s) => s.isFile(), () => false)) files.push(inside.split(sep).join('/'));
  }
  return [...new Set(files)].sort();
}

/** Paths the edit tools wrote (`write`, `edit`, `multiedit`: `filePath`; patches: their files). */
function toolPaths(parts: readonly Part[]): string[] {
  return parts.flatMap((part) => {
    if (part.type === 'patch') return part.files;
    if (part.type !== 'tool' || part.state.status !== 'completed') return [];
    const path = part.state.input['filePath'];
    return typeof path === 'string' ? [path] : [];
  });
}

async function gitChanges(directory: string): Promise<string[]> {
  const root = await git(directory, ['rev-parse', '--show-toplevel']);
  if (root === undefined) return [];
  const status = await git(directory, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (status === undefined) return [];
  const paths: string[] = [];
  const records = status.split('\0');
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] ?? '';
    if (record.length < 4) continue;
    paths.push(join(root.trim(), record.slice(3)));
    // A rename or copy is followed by its source path, which is gone.
    if (record[0] === 'R' || record[0] === 'C') i += 1;
  }
  return paths;
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30_000 }, (error, stdout) => done(error === null ? stdout : undefined));
  });
}
