import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FinishTaskResult } from '@orch/application';
import { GitWorktreeWorkspaces } from './git-worktree-workspaces';
import { SessionLayout } from './session-layout';
import { filesAt, removeDir, sh, show, tempDir, treeDigest, userRepository, write } from './testing/git-fixtures';
import { InvalidWorkspaceRequest } from './workspace-ids';

const TENANT = 'tenant-a';

function merged(result: FinishTaskResult): Extract<FinishTaskResult, { merged: true }> {
  if (!result.merged) throw new Error(`expected a merge, got ${JSON.stringify(result)}`);
  return result;
}

describe('git worktree workspaces: sessions', () => {
  let root: string;
  let userDir: string;
  let workspaces: GitWorktreeWorkspaces;
  let sessionId: string;
  const task = (taskId: string, attempt = 1) => ({ tenantId: TENANT, sessionId, taskId, attempt });
  const repo = () => new SessionLayout(root, TENANT, sessionId).repo;

  beforeEach(async () => {
    [root, userDir] = await Promise.all([tempDir('workspaces'), tempDir('user-repo')]);
    workspaces = new GitWorktreeWorkspaces({ root });
    sessionId = randomUUID();
  });
  afterEach(() => Promise.all([removeDir(root), removeDir(userDir)]));

  describe('sources', () => {
    it('given a local repository, when a session works on a clone of it, then the source is left exactly as it was', async () => {
      const user = await userRepository(userDir);
      const before = await treeDigest(user.dir);

      const prepared = await workspaces.prepare({ tenantId: TENANT, sessionId, repository: { source: user.dir, baseRef: 'feature' } });
      expect(prepared.baseCommit).toBe(user.feature);
      const opened = await workspaces.openTask(task('docs'));
      expect(await readFile(join(opened.directory, 'docs/feature.md'), 'utf8')).toBe('feature\n');
      expect(await readFile(join(opened.directory, 'README.md'), 'utf8')).toBe('# App\n');
      await write(opened.directory, 'README.md', '# App, documented\n');
      merged(await workspaces.finishTask({ ...task('docs'), message: 'Document' }));
      await workspaces.checkpoint({ tenantId: TENANT, sessionId, message: 'checkpoint' });
      await workspaces.release({ tenantId: TENANT, sessionId });

      expect(await treeDigest(user.dir)).toBe(before);
      expect(await sh(user.dir, 'branch', '--list', 'orch*')).toBe('');
      expect(await show(repo(), `orch/${sessionId}`, 'README.md')).toBe('# App, documented');
    });

    it('given a file:// URL and a tag, then the result branch starts at the tagged commit', async () => {
      const user = await userRepository(userDir);

      const prepared = await workspaces.prepare({ tenantId: TENANT, sessionId, repository: { source: `file://${user.dir}`, baseRef: 'v1' } });

      expect(prepared).toEqual({ branch: `orch/${sessionId}`, baseCommit: user.first });
      expect(await filesAt(repo(), `orch/${sessionId}`)).toEqual(['README.md']);
    });

    it('given a commit id or HEAD as baseRef, then the result branch starts there', async () => {
      const user = await userRepository(userDir);
      const other = randomUUID();

      expect((await workspaces.prepare({ tenantId: TENANT, sessionId, repository: { source: user.dir, baseRef: user.first } })).baseCommit).toBe(user.first);
      expect((await workspaces.prepare({ tenantId: TENANT, sessionId: other, repository: { source: user.dir, baseRef: 'HEAD' } })).baseCommit).toBe(user.main);
    });

    it('given a source that cannot be cloned or a ref it lacks, then prepare fails and leaves no repository behind', async () => {
      const user = await userRepository(userDir);
      const missing = { tenantId: TENANT, sessionId, repository: { source: join(userDir, 'missing'), baseRef: 'HEAD' } };

      await expect(workspaces.prepare(missing)).rejects.toThrow(/clone/);
      expect(await readdir(join(root, TENANT, sessionId))).toEqual([]);
      await expect(workspaces.prepare({ ...missing, repository: { source: user.dir, baseRef: 'no-such-branch' } })).rejects.toThrow(/no-such-branch/);
    });

    it.each([
      ['a transport helper', { source: 'ext::sh -c touch% /tmp/pwned', baseRef: 'HEAD' }],
      ['an option', { source: '--upload-pack=touch /tmp/pwned', baseRef: 'HEAD' }],
      ['a relative path', { source: '../elsewhere', baseRef: 'HEAD' }],
      ['a path with ..', { source: '/tmp/../etc', baseRef: 'HEAD' }],
      ['a baseRef that is an option', { source: '/tmp', baseRef: '--output=/tmp/pwned' }],
    ])('given %s as the repository, then prepare refuses it before running git', async (_label, repository) => {
      await expect(workspaces.prepare({ tenantId: TENANT, sessionId, repository })).rejects.toBeInstanceOf(InvalidWorkspaceRequest);
      expect(await readdir(root)).toEqual([]);
    });
  });

  describe('ids', () => {
    it.each([
      ['a tenant id that climbs out', { tenantId: '..', sessionId: 'fine' }],
      ['a tenant id with a slash', { tenantId: 'a/b', sessionId: 'fine' }],
      ['a session id that climbs out', { tenantId: TENANT, sessionId: '../../etc' }],
      ['a session id that is an option', { tenantId: TENANT, sessionId: '-x' }],
    ])('given %s, then prepare refuses it and creates nothing', async (_label, ids) => {
      await expect(workspaces.prepare(ids)).rejects.toBeInstanceOf(InvalidWorkspaceRequest);
      expect(await readdir(root)).toEqual([]);
    });

    it('given a task id or attempt that is not one, then openTask refuses it', async () => {
      await workspaces.prepare({ tenantId: TENANT, sessionId });

      await expect(workspaces.openTask(task('../../x'))).rejects.toBeInstanceOf(InvalidWorkspaceRequest);
      await expect(workspaces.openTask(task('a', 0))).rejects.toBeInstanceOf(InvalidWorkspaceRequest);
      await expect(workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'A/..' })).rejects.toBeInstanceOf(InvalidWorkspaceRequest);
    });
  });

  describe('retry', () => {
    it('given a retry from a restore commit, then the result branch restarts there and reset tasks start from attempt 1 afresh', async () => {
      await workspaces.prepare({ tenantId: TENANT, sessionId });
      await write((await workspaces.openTask(task('kept'))).directory, 'kept.txt', 'kept\n');
      const kept = merged(await workspaces.finishTask({ ...task('kept'), message: 'kept' }));
      const firstRun = await workspaces.openTask(task('redo'));
      await write(firstRun.directory, 'redo.txt', 'first run\n');
      merged(await workspaces.finishTask({ ...task('redo'), message: 'redo, first run' }));

      const retried = await workspaces.prepare({ tenantId: TENANT, sessionId, restoreCommit: kept.sessionHeadSha });
      expect(retried).toEqual({ branch: `orch/${sessionId}`, baseCommit: kept.sessionHeadSha });
      expect(await workspaces.prepare({ tenantId: TENANT, sessionId, restoreCommit: kept.sessionHeadSha })).toEqual(retried);
      expect(await filesAt(repo(), `orch/${sessionId}`)).toEqual(['kept.txt']);
      await expect(stat(firstRun.directory)).rejects.toMatchObject({ code: 'ENOENT' });

      const secondRun = await workspaces.openTask(task('redo'));
      expect(secondRun.directory).not.toBe(firstRun.directory);
      expect(secondRun.baseCommit).toBe(kept.sessionHeadSha);
      await write(secondRun.directory, 'redo.txt', 'second run\n');
      const redone = merged(await workspaces.finishTask({ ...task('redo'), message: 'redo, second run' }));
      expect(await show(repo(), `orch/${sessionId}`, 'redo.txt')).toBe('second run');
      expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'kept' })).toMatchObject({ taskCommitSha: kept.taskCommitSha });
      expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'redo' })).toMatchObject({ taskCommitSha: redone.taskCommitSha });
    });
  });

  describe('concurrency', () => {
    it('given many tasks of one session opened, written and finished at once, then every one merges and repeats answer the same', async () => {
      await workspaces.prepare({ tenantId: TENANT, sessionId });
      const ids = ['t1', 't2', 't3', 't4', 't5', 't6'];
      const opened = await Promise.all(ids.map((id) => workspaces.openTask(task(id))));
      await Promise.all(opened.map((o, i) => write(o.directory, `${ids[i]}/file.txt`, `${ids[i]}\n`)));

      const finish = () => Promise.all(ids.map((id) => workspaces.finishTask({ ...task(id), message: `task ${id}` })));
      const results = (await finish()).map(merged);
      expect(await finish()).toEqual(results);

      expect(await filesAt(repo(), `orch/${sessionId}`)).toEqual(ids.map((id) => `${id}/file.txt`));
      expect(new Set(results.map((r) => r.sessionHeadSha)).size).toBe(ids.length);
      expect(await sh(repo(), 'rev-parse', `orch/${sessionId}`)).toBe(results.at(-1)?.sessionHeadSha);
    });
  });

  describe('release', () => {
    it('given a session released, then its worktrees are gone, and its diffs and finished results stay', async () => {
      await workspaces.prepare({ tenantId: TENANT, sessionId });
      const opened = await workspaces.openTask(task('a'));
      await write(opened.directory, 'a.txt', 'a\n');
      const result = await workspaces.finishTask({ ...task('a'), message: 'a' });
      await workspaces.openTask(task('b'));

      await workspaces.release({ tenantId: TENANT, sessionId });
      await workspaces.release({ tenantId: TENANT, sessionId });

      await expect(stat(opened.directory)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await sh(repo(), 'worktree', 'list', '--porcelain')).toBe(`worktree ${repo()}\nbare`);
      expect(await workspaces.finishTask({ ...task('a'), message: 'a' })).toEqual(result);
      expect(await workspaces.taskDiff({ tenantId: TENANT, sessionId, taskId: 'a' })).toMatchObject({ changedFiles: ['a.txt'] });
      await workspaces.release({ tenantId: TENANT, sessionId: randomUUID() });
    });
  });
});
