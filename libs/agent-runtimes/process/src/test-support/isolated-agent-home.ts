import { mkdir, mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The repository root, for the CLIs installed in node_modules/.bin. */
export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..', '..');
export const binary = (name: string): string => join(WORKSPACE_ROOT, 'node_modules', '.bin', name);

/** A throwaway HOME and working directory per test: a real CLI reads and writes only there. */
export interface AgentSandbox {
  readonly root: string;
  readonly home: string;
  readonly work: string;
  remove(): Promise<void>;
}

export async function agentSandbox(label: string): Promise<AgentSandbox> {
  const root = await mkdtemp(join(tmpdir(), `${label}-`));
  const home = join(root, 'home');
  const work = join(root, 'work');
  await Promise.all([mkdir(home), mkdir(work)]);
  return { root, home, work, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Processes whose working directory is `dir` or below it: what a stopped run must not leave behind. */
export async function processesIn(dir: string): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const inside = await Promise.all(
    pids.map(async (pid) => {
      const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
      return cwd === dir || cwd.startsWith(`${dir}/`) ? Number(pid) : undefined;
    }),
  );
  return inside.filter((pid): pid is number => pid !== undefined);
}
