import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunAgent, TaskRun, TaskRunRequest } from '@orch/application';
import type { ProcessRuntimeConfig } from '@orch/domain-agent';
import { allEvents, aRunRequest, firstEvent, isProgress, startedRun } from '@orch/testing';
import { ProcessAgentRuntime, type ProcessRuntimeOptions } from './process-runtime';

const GENERIC = join(__dirname, 'test-fixtures', 'generic-agent.mjs');
const agent = (config: Partial<ProcessRuntimeConfig> = {}): RunAgent => ({
  agentId: 'agent-generic',
  agentType: 'implementer',
  runtime: { kind: 'process', config: { preset: 'generic', command: GENERIC, args: [], env: {}, ...config } },
});

/** Alive and not a zombie (a container's init may be slow to reap). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

async function progressMatching(run: TaskRun, pattern: RegExp): Promise<RegExpExecArray> {
  const event = await firstEvent(run, (e): e is Extract<typeof e, { type: 'progress' }> => isProgress(e) && pattern.test(e.text));
  return pattern.exec(event.text) as RegExpExecArray;
}

describe('ProcessAgentRuntime', () => {
  let dir: string;
  let runtime: ProcessAgentRuntime;
  const request = (behaviour: string, overrides: Partial<TaskRunRequest> = {}, config: Partial<ProcessRuntimeConfig> = {}): TaskRunRequest =>
    aRunRequest(agent(config), dir, { instructions: `Build the greeting service. [agent:${behaviour}]`, ...overrides });
  const make = (options: ProcessRuntimeOptions = {}): ProcessAgentRuntime => (runtime = new ProcessAgentRuntime({ killGraceMs: 300, ...options }));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'process-runtime-'));
    make();
  });
  afterEach(async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start a missing binary: TASK.START_FAILED, not retryable, naming the command', async () => {
    const start = await runtime.start(aRunRequest({ ...agent(), runtime: { kind: 'process', config: { preset: 'claude-code', command: '/nowhere/claude', args: [], env: {} } } }, dir));

    expect(start).toEqual({ started: false, failure: { code: 'TASK.START_FAILED', message: expect.stringContaining('/nowhere/claude'), retryable: false } });
  });

  it('resolves secret references into the child environment, keeps the engine environment out, and never shows a secret', async () => {
    make({
      baseEnv: { PATH: process.env['PATH'], HOME: '/home/engine', DATABASE_URL: 'postgres://engine', ORCH_SECRET_TOKEN: 'from-env' },
      secrets: (name) => (name === 'gh.token' ? 'ghp_s3cr3t-value' : undefined),
    });
    const config = { env: { GH_TOKEN: 'secret:gh.token', MODE: 'plain' }, args: ['--dir', '{{workingDirectory}}', '--task={{taskId}}'] };

    const run = startedRun(await runtime.start(request('env', {}, config)));
    const [shownText] = await progressMatching(run, /^\{"argv"[\s\S]*$/);
    const shown = JSON.parse(shownText) as { argv: string[]; env: Record<string, string> };
    const missing = await runtime.start(request('env', {}, { env: { API_KEY: 'secret:nope' } }));

    expect(shown.argv).toEqual(['--dir', dir, '--task=implement']);
    expect(shown.env).toMatchObject({ GH_TOKEN: '[secret]', MODE: 'plain', HOME: '/home/engine' });
    expect(shown.env).not.toHaveProperty('DATABASE_URL');
    expect(shown.env).not.toHaveProperty('ORCH_SECRET_TOKEN');
    expect(JSON.stringify(await allEvents(run))).not.toContain('ghp_s3cr3t-value');
    expect(missing).toEqual({ started: false, failure: { code: 'TASK.START_FAILED', message: 'secret secret:nope (for API_KEY) is not set', retryable: false } });
  });

  it('reads the default secrets from ORCH_SECRET_<NAME>', async () => {
    make({ baseEnv: { PATH: process.env['PATH'], ORCH_SECRET_GH_TOKEN: 'env-secret-value' } });
    const run = startedRun(await runtime.start(request('env', {}, { env: { GH_TOKEN: 'secret:gh.token' } })));
    await run.outcome();

    expect((await allEvents(run)).find((e) => isProgress(e) && e.text.startsWith('{"argv"'))).toMatchObject({ text: expect.stringContaining('"GH_TOKEN":"[secret]"') });
  });

  it('ends as TASK.RUN_LOST, retryable, when something else kills the agent', async () => {
    const run = startedRun(await runtime.start(request('hangs')));
    const [, pid] = await progressMatching(run, /\(pid (\d+)\)/);
    process.kill(Number(pid), 'SIGKILL');

    expect(await run.outcome()).toMatchObject({ status: 'failed', code: 'TASK.RUN_LOST', retryable: true, message: expect.stringContaining('SIGKILL') });
  });

  it('reports an exit without a result as TASK.AGENT_ERROR with the exit code and the tail of stderr', async () => {
    const run = startedRun(await runtime.start(request('crash')));

    expect(await run.outcome()).toMatchObject({
      status: 'failed',
      code: 'TASK.AGENT_ERROR',
      retryable: true,
      message: expect.stringMatching(/exited with code 3 without a result: boom: the agent fell over/),
    });
  });

  it('skips an oversized line, joins a line written in pieces, and shows plain text as text', async () => {
    make({ maxLineBytes: 1024 * 1024 });
    const run = startedRun(await runtime.start(request('noisy')));
    await run.outcome();
    const texts = (await allEvents(run)).filter(isProgress).map((e) => e.text);

    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/wrote a \d{7}-byte line, over the limit; it was skipped/), 'written in three pieces', 'plain text, not JSON']));
    expect((await run.outcome()).status).toBe('completed');
  });

  it('writes a large task to stdin without blocking on it', async () => {
    const instructions = `${'Build the greeting service with care. '.repeat(60_000)} [agent:completes]`;
    const run = startedRun(await runtime.start(request('completes', { instructions })));

    expect(await run.outcome()).toMatchObject({ status: 'completed' });
  });

  it('stops an agent that ignores SIGTERM, and its grandchild in a session of its own, with SIGKILL after the grace', async () => {
    const run = startedRun(await runtime.start(request('stubborn')));
    const [, pid] = await progressMatching(run, /\(pid (\d+)\)/);
    const [, grandchild] = await progressMatching(run, /grandchild (\d+)/);
    expect([alive(Number(pid)), alive(Number(grandchild))]).toEqual([true, true]);

    const startedAt = Date.now();
    expect(await run.abort('operator stop')).toMatchObject({ status: 'aborted', reason: 'operator stop' });

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect([alive(Number(pid)), alive(Number(grandchild))]).toEqual([false, false]);
  });

  describe('in a git worktree', () => {
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.test', ...args], { cwd: dir, encoding: 'utf8' }).trim();

    beforeEach(async () => {
      git('init', '-q');
      await writeFile(join(dir, 'README.md'), '# repo\n');
      await writeFile(join(dir, '.gitignore'), 'build/\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      await writeFile(join(dir, 'dirty-before.txt'), 'left by someone else\n');
    });

    it('reports what git sees changed since the start, not files already dirty that it left alone', async () => {
      const run = startedRun(await runtime.start(request('completes')));

      expect(await run.outcome()).toMatchObject({ status: 'completed', changedFiles: ['notes/implement.md', 'src/greeting.ts'] });
      expect(await run.outcome()).not.toHaveProperty('commitSha');
    });

    it('reports the commit when the agent committed its work itself', async () => {
      await rm(join(dir, 'dirty-before.txt'));
      const run = startedRun(await runtime.start(request('commits')));
      const outcome = await run.outcome();

      expect(outcome).toMatchObject({ status: 'completed', changedFiles: ['src/committed.ts'], commitSha: git('rev-parse', 'HEAD') });
      expect(await readFile(join(dir, 'src/committed.ts'), 'utf8')).toBe('export const committed = true;\n');
    });
  });
});
