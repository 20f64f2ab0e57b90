import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinishTaskResult } from '@orch/application';
import { GitWorktreeWorkspaces } from './git-worktree-workspaces';
import { SessionLayout } from './session-layout';
import { filesAt, removeDir, sh, show, tempDir, write } from './testing/git-fixtures';

const TENANT = 'tenant-a';

describe('git worktree workspaces: tasks of one session', () => {
  let root: string;
  let workspaces: GitWorktreeWorkspaces;
  let sessionId: string;
  let repo: string;
  const task = (taskId: string, attempt = 1) => ({ tenantId: TENANT, sessionId, taskId, attempt });
  const finish = (taskId: string, attempt = 1, message = `Do ${taskId}`) => workspaces.finishTask({ ...task(taskId, attempt), message });
  const merged = (result: FinishTaskResult) => {
    if (!result.merged) throw new Error(`expected a merge, got ${JSON.stringify(result)}`);
    return result;
  };

  beforeEach(async () => {
    root = await tempDir('workspaces');
    workspaces = new GitWorktreeWorkspaces({ root });
    sessionId = randomUUID();
    repo = new SessionLayout(root, TENANT, sessionId).repo;
  });
  afterEach(() => removeDir(root));

  it('given a scratch session, when a task writes files and finishes, then they are committed and merged into orch/<sessionId>', async () => {
    const prepared = await workspaces.prepare({ tenantId: TENANT, sessionId });
    expect(prepared).toEqual({ branch: `orch/${sessionId}`, baseCommit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(await workspaces.prepare({ tenantId: TENANT, sessionId })).toEqual(prepared);

    const opened = await workspaces.openTask(task('api'));
    expect(opened).toEqual({ directory: expect.stringContaining(root), branch: `orch/${sessionId}.tasks/api`, baseCommit: prepared.baseCommit });
    expect(await sh(opened.directory, 'branch', '--show-current')).toBe(`orch/${sessionId}.tasks/api`);
    await write(opened.directory, 'src/api.ts', 'export const api = 1;\nexport const two = 2;\n');
    await write(opened.directory, 'docs/api.md', '# API\n');

    const result = merged(await finish('api', 1, 'Build the API\n\nAdded the handlers.'));
    expect(result).toEqual({
      merged: true,
      taskCommitSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      sessionHeadSha: result.taskCommitSha,
      changedFiles: ['docs/api.md', 'src/api.ts'],
      diffStats: { files: 2, insertions: 3, deletions: 0 },
    });
    expect(await show(repo, `orch/${sessionId}`, 'src/api.ts')).toBe('export const api = 1;\nexport const two = 2;');
    expect(await sh(repo, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%B', result.taskCommitSha)).toBe(
      'Orchestrator <orchestrator@localhost>|Orchestrator <orchestrator@localhost>|Build the API\n\nAdded the handlers.',
    );
  });

  it('given a finished attempt, when finishTask is repeated, even after later merges, then it answers the first result', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const [a, b] = [await workspaces.openTask(task('a')), await workspaces.openTask(task('b'))];
    await write(a.directory, 'a.txt', 'a\n');
    await write(b.directory, 'b.txt', 'b\n');
    const first = await finish('a');
    await write(a.directory, 'late.txt', 'written after the finish\n');
    merged(await finish('b'));

    expect(await finish('a', 1, 'another message')).toEqual(first);
    expect(await filesAt(repo, `orch/${sessionId}`)).toEqual(['a.txt', 'b.txt']);
  });

  it('given a restarted process, when it repeats the steps of the one before, then it answers as that one did', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const opened = await workspaces.openTask(task('a'));
    await write(opened.directory, 'a.txt', 'a\n');
    const finished = await finish('a');

    const restarted = new GitWorktreeWorkspaces({ root });
    expect(await restarted.openTask(task('a'))).toEqual(opened);
    expect(await restarted.finishTask({ ...task('a'), message: 'again' })).toEqual(finished);
  });

  it('given a task that finished, when a dependent task opens, then its worktree is cut from the merged head', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    await write((await workspaces.openTask(task('model'))).directory, 'model.ts', 'export type User = { id: string };\n');
    const model = merged(await finish('model'));

    const dependent = await workspaces.openTask(task('service'));
    expect(dependent.baseCommit).toBe(model.sessionHeadSha);
    expect(await readFile(join(dependent.directory, 'model.ts'), 'utf8')).toContain('User');
  });

  it('given parallel tasks, when they finish in any order, then the result branch merges both', async () => {
    const { baseCommit } = await workspaces.prepare({ tenantId: TENANT, sessionId });
    const [first, second] = [await workspaces.openTask(task('first')), await workspaces.openTask(task('second'))];
    await write(first.directory, 'first.txt', '1\n');
    await write(second.directory, 'second.txt', '2\n');

    const secondResult = merged(await finish('second'));
    const firstResult = merged(await finish('first'));

    expect(secondResult.sessionHeadSha).toBe(secondResult.taskCommitSha);
    expect(await sh(repo, 'rev-parse', `orch/${sessionId}`)).toBe(firstResult.sessionHeadSha);
    expect((await sh(repo, 'log', '-1', '--format=%P', firstResult.sessionHeadSha)).split(' ')).toEqual([secondResult.sessionHeadSha, firstResult.taskCommitSha]);
    expect(await filesAt(repo, `orch/${sessionId}`)).toEqual(['first.txt', 'second.txt']);
    expect(firstResult.changedFiles).toEqual(['first.txt']);
    expect(first.baseCommit).toBe(baseCommit);
  });

  it('given two tasks editing the same lines, when the second finishes, then it is not merged, names the files, and the result branch stays clean', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const [a, b] = [await workspaces.openTask(task('a')), await workspaces.openTask(task('b'))];
    await write(a.directory, 'README.md', 'from a\n');
    await write(a.directory, 'a-only.txt', 'a\n');
    await write(b.directory, 'README.md', 'from b\n');
    await write(b.directory, 'config.json', '{"b":1}\n');
    await write(a.directory, 'config.json', '{"a":1}\n');
    await write(b.directory, 'b-only.txt', 'b\n');
    const headAfterA = merged(await finish('a')).sessionHeadSha;

    const conflict = await finish('b');
    expect(conflict).toEqual({ merged: false, conflictFiles: ['README.md', 'config.json'], message: expect.stringContaining('README.md, config.json') });
    expect(await sh(repo, 'rev-parse', `orch/${sessionId}`)).toBe(headAfterA);
    expect(await filesAt(repo, `orch/${sessionId}`)).toEqual(['README.md', 'a-only.txt', 'config.json']);
    expect(await show(repo, `orch/${sessionId}`, 'README.md')).toBe('from a');
    expect(await finish('b')).toEqual(conflict);

    const diff = await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'b' });
    expect(diff).toMatchObject({ taskId: 'b', changedFiles: ['README.md', 'b-only.txt', 'config.json'], diffStats: { files: 3, insertions: 3, deletions: 0 } });

    const retried = await workspaces.openTask(task('b', 2));
    expect(retried.baseCommit).toBe(headAfterA);
    await write(retried.directory, 'README.md', 'from a\nand b\n');
    expect(merged(await finish('b', 2)).changedFiles).toEqual(['README.md']);
  });

  it('given an open attempt, when openTask is repeated, then it answers the same worktree with the work kept', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const opened = await workspaces.openTask(task('a'));
    await write(opened.directory, 'wip.txt', 'in progress\n');

    expect(await workspaces.openTask(task('a'))).toEqual(opened);
    expect(await readFile(join(opened.directory, 'wip.txt'), 'utf8')).toBe('in progress\n');
  });

  it('given an attempt that left work uncommitted, when the next attempt opens, then it starts clean in a new worktree', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const first = await workspaces.openTask(task('a'));
    await write(first.directory, 'half-done.txt', 'abandoned\n');

    const second = await workspaces.openTask(task('a', 2));
    expect(second.directory).not.toBe(first.directory);
    expect(second.branch).toBe(first.branch);
    await expect(stat(first.directory)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(join(second.directory, 'half-done.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    await write(second.directory, 'done.txt', 'done\n');
    expect(merged(await finish('a', 2)).changedFiles).toEqual(['done.txt']);
  });

  it('given work in progress, when a checkpoint is taken, then it is committed to the task branch and the result head is answered', async () => {
    const { baseCommit } = await workspaces.prepare({ tenantId: TENANT, sessionId });
    const opened = await workspaces.openTask(task('a'));
    await write(opened.directory, 'step-1.txt', 'one\n');

    expect(await workspaces.checkpoint({ tenantId: TENANT, sessionId, message: 'Manual checkpoint' })).toBe(baseCommit);
    expect(await sh(repo, 'log', '-1', '--format=%s', `orch/${sessionId}.tasks/a`)).toBe('Manual checkpoint');
    expect(await filesAt(repo, `orch/${sessionId}.tasks/a`)).toEqual(['step-1.txt']);
    await write(opened.directory, 'step-2.txt', 'two\n');
    expect(merged(await finish('a')).changedFiles).toEqual(['step-1.txt', 'step-2.txt']);
  });

  it('given a finished task, then taskDiff answers its unified diff and stats; null for a task that never finished', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });
    const opened = await workspaces.openTask(task('a'));
    await write(opened.directory, 'greet.ts', 'export const greet = (name: string) => `hi ${name}`;\n');
    const result = merged(await finish('a'));

    expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'a' })).toEqual({
      taskId: 'a',
      baseCommit: opened.baseCommit,
      taskCommitSha: result.taskCommitSha,
      patch: expect.stringContaining('+++ b/greet.ts\n@@ -0,0 +1 @@\n+export const greet'),
      changedFiles: ['greet.ts'],
      diffStats: { files: 1, insertions: 1, deletions: 0 },
    });
    await workspaces.openTask(task('b'));
    expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'b' })).toBeNull();
    expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'never' })).toBeNull();
  });

  it('given a task that changed nothing, when it finishes, then it is merged with its base as its commit', async () => {
    const { baseCommit } = await workspaces.prepare({ tenantId: TENANT, sessionId });
    await workspaces.openTask(task('noop'));

    expect(await finish('noop')).toEqual({
      merged: true,
      taskCommitSha: baseCommit,
      sessionHeadSha: baseCommit,
      changedFiles: [],
      diffStats: { files: 0, insertions: 0, deletions: 0 },
    });
  });

  it('given an attempt that was never opened, when it is finished, then the call is refused', async () => {
    await workspaces.prepare({ tenantId: TENANT, sessionId });

    await expect(finish('ghost')).rejects.toThrow(/never opened/);
  });
});
