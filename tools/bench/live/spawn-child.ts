import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const OUTPUT_KEPT = 64 * 1024;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Child {
  readonly origin: string;
  readonly pid: number;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** A TypeScript entry point of the workspace as its own process, ready once it prints `ready`. */
export async function startChild(entry: string, env: Record<string, string>, ready: RegExp): Promise<Child> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', './tools/runtime/register.js', entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The child's output for error messages: its last OUTPUT_KEPT characters. A busy api logs every
  // request; keeping (and searching) all of it would cost this process more and more CPU as a run
  // goes on, CPU the measured clients share.
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 90 s:\n${output}`)), 90_000);
    const onData = () => {
      if (!ready.test(output)) return;
      child.stdout?.off('data', onData);
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
