import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { RunAgent, TaskRunRequest } from '@orch/application';

/** A plain request: a fresh run id and session, task `implement`, attempt 1, a roomy time limit. */
export function aRunRequest(agent: RunAgent, workingDirectory: string, overrides: Partial<TaskRunRequest> = {}): TaskRunRequest {
  return {
    runId: randomUUID(),
    tenantId: 'tenant-contract',
    sessionId: randomUUID(),
    taskId: 'implement',
    attempt: 1,
    title: 'Implement the greeting service',
    agent,
    instructions: 'Build a small greeting service.\n\nImplement the greeting service: a function that greets a user by name.',
    workingDirectory,
    limits: { maxDurationMs: 60_000 },
    ...overrides,
  };
}

/** A temp root under os.tmpdir(); every working directory of a test lives in it. */
export async function makeTempRoot(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${label}-`));
}

export async function removeTempRoot(root: string | undefined): Promise<void> {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
}

export async function makeWorkDir(root: string): Promise<string> {
  return mkdtemp(join(root, 'task-'));
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
