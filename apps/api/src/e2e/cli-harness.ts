import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from './api-child';
import { startApi, type RunningApi } from './api-process';
import { openEventLog, type StoredEvent } from './event-count';

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type Answer = { id: string; revision: number; position: number };

/** `npx orchestrator …`: the bin launcher as a child process, with only the given environment on top of PATH and HOME. */
export function orchestrator(args: readonly string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, [join(workspaceRoot, 'tools', 'bin', 'orchestrator.js'), ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ORCH_DATA_DIR: join(tmpdir(), 'orch-cli-e2e-no-data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A plan for `sessions create --tasks`: each task needs code generation; `dependsOn` names task ids. */
export const plan = (...tasks: { id: string; description?: string; dependsOn?: string[] }[]) =>
  JSON.stringify(tasks.map((task) => ({ id: task.id, title: `Build ${task.id}`, capabilities: ['code_generation'], ...(task.description ? { description: task.description } : {}), dependsOn: (task.dependsOn ?? []).map((taskId) => ({ taskId })) })));

export interface CliWorld {
  readonly api: RunningApi;
  readonly log: Awaited<ReturnType<typeof openEventLog>>;
  /** The api's origin (ORCH_API_URL): no /api/v1. */
  readonly origin: string;
  /** Runs the CLI as the admin (or with `key`). */
  run(args: readonly string[], key?: string): Promise<Run>;
  /** Runs it with `--json`, fails on a non-zero exit, and answers the parsed output. */
  ok<T = Answer>(args: readonly string[], key?: string): Promise<T>;
  sessionEvents(id: string): Promise<StoredEvent[]>;
  /** Polls a stream until an event passes `test`. */
  waitFor(stream: string, test: (event: StoredEvent) => boolean): Promise<StoredEvent>;
  /** The event an action appended carries its reason and the operator as actor: the audit trail (the engine may append the same type on its own). */
  actionRecorded(id: string, before: number, type: string, reason: string): Promise<void>;
  createSession(title: string, tasks: string): Promise<Answer>;
  /** `agents register`: a scripted agent for code generation and testing, 5 slots. */
  registerAgent(): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * The api the CLI specs run against: the engine with fast scripted agents (none registered by
 * default), webhooks that give up after one attempt, reads that wait for their projections as
 * long as the api allows (on a loaded machine 5 s is not always enough).
 */
export async function cliWorld(): Promise<CliWorld> {
  const api = await startApi({ ORCH_SCRIPTED_STEP_MS: '30', ORCH_SCRIPTED_AGENTS: 'false', WEBHOOK_MAX_ATTEMPTS: '1', ORCH_READ_WAIT_MS: '60000' });
  const origin = api.baseUrl.replace(/\/api\/v1$/, '');
  const log = await openEventLog(api.databaseUrl);
  const run = (args: readonly string[], key?: string) => orchestrator(args, { ORCH_API_URL: origin, ORCH_API_KEY: key ?? api.adminKey });
  async function ok<T = Answer>(args: readonly string[], key?: string): Promise<T> {
    const result = await run([...args, '--json'], key);
    if (result.code !== 0) throw new Error(`orchestrator ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
    return JSON.parse(result.stdout) as T;
  }
  const sessionEvents = (id: string) => log.stream(`session-${id}`);
  return {
    api,
    log,
    origin,
    run,
    ok,
    sessionEvents,
    async waitFor(stream, test) {
      for (;;) {
        const found = (await log.stream(stream)).find(test);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async actionRecorded(id, before, type, reason) {
      const appended = (await sessionEvents(id)).slice(before).filter((event) => event.type === type);
      expect(appended.map((event) => event.metadata)).toContainEqual(expect.objectContaining({ reason, actor: expect.stringMatching(/^user:/) }));
    },
    createSession: (title, tasks) => ok(['sessions', 'create', '--title', title, '--prompt', 'Limit login attempts per IP', '--tasks', tasks]),
    registerAgent: () => ok(['agents', 'register', '--name', 'builder', '--type', 'implementer', '--capabilities', 'code_generation,testing', '--runtime', 'scripted', '--runtime-config', '{"scenario":"default"}', '--capacity', '5']),
    async close() {
      await log.close();
      await api.stop();
    },
  };
}
