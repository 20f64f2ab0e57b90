import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';

const READY_LINE = /opencode server listening on (http:\/\/\S+)/;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

export interface ServerProcessOptions {
  readonly binary: string;
  /** The server's own directory: log, HOME and XDG dirs (so its SQLite db and config are its own). */
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly readyTimeoutMs: number;
}

export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  /** Settles when the process exits (with its code, or null after a signal). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `opencode serve --hostname 127.0.0.1 --port 0` in its own process group, output to
 * `<home>/server.log` (not a pipe: the server must be able to outlive an engine that is killed, so
 * that the next engine adopts it), and resolves once the log shows the readiness line.
 */
export async function spawnServer(options: ServerProcessOptions): Promise<ServerProcess> {
  const log = join(options.home, 'server.log');
  await mkdir(join(options.home, 'work'), { recursive: true });
  await rotate(log);
  const offset = await stat(log).then((s) => s.size, () => 0);
  const fd = openSync(log, 'a');
  const child = spawn(options.binary, ['serve', '--hostname', '127.0.0.1', '--port', '0'], {
    cwd: join(options.home, 'work'),
    env: options.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  child.unref();
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.binary}`);
  try {
    const url = await readyUrl(log, offset, options.readyTimeoutMs, exited);
    return { pid, url, exited };
  } catch (error) {
    await stopProcess(pid, 2_000);
    throw error;
  }
}

async function readyUrl(log: string, offset: number, timeoutMs: number, exited: Promise<number | null>): Promise<string> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const text = await readFrom(log, offset);
    const match = READY_LINE.exec(text);
    if (match?.[1] !== undefined) return match[1];
    if (gone !== undefined) throw new Error(`opencode serve exited (code ${String(gone)}) before it was ready: ${lastLines(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`opencode serve was not ready within ${timeoutMs} ms: ${lastLines(await readFrom(log, offset))}`);
}

async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ').slice(0, 1000) || 'no output';
}

async function rotate(log: string): Promise<void> {
  const size = await stat(log).then((s) => s.size, () => 0);
  if (size > LOG_ROTATE_BYTES) await rename(log, `${log}.1`);
}

/**
 * Whether `pid` still runs: signal 0 reaches it and it is not a zombie. A server adopted after its
 * engine died is init's child; init reaps it when it likes (seconds later here, never when the
 * api itself is PID 1 in a container), and until then signal 0 still reaches the exited process.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !exited(pid);
}

/** Linux: the process is a zombie, or gone since the signal. Elsewhere (no /proc): unknown, so false. */
function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) === 'Z';
  } catch {
    return existsSync('/proc/self/stat');
  }
}

/** Whether `pid` is an `opencode serve` (before signalling a pid read from a file: it may have been reused). */
export async function isOpencodeServer(pid: number): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = cmdline.split('\0');
  return args.some((arg) => /opencode/.test(arg)) && args.includes('serve');
}

/** SIGTERM to the server's process group (its tools' children too), SIGKILL after `graceMs`. */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  signal(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  if (isAlive(pid)) signal(pid, 'SIGKILL');
  while (isAlive(pid) && Date.now() < until + 2_000) await new Promise((resolve) => setTimeout(resolve, 50));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}
