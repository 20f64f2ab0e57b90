import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ByteTail, LineSplitter } from './line-splitter';
import { descendants } from './process-tree';

export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface OutputHandlers {
  /** One stdout line, without its newline. */
  readonly line: (line: string) => void;
  /** A stdout line over the size limit was skipped. */
  readonly oversized: (bytes: number) => void;
}

export interface ProcessLimits {
  readonly maxLineBytes: number;
  readonly stderrTailBytes: number;
  /** SIGTERM first, SIGKILL this long after. */
  readonly killGraceMs: number;
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `stop()` was called: the signal, if any, was ours. */
  readonly stopped: boolean;
}

export type SpawnResult = { readonly ok: true; readonly process: AgentProcess } | { readonly ok: false; readonly code: string; readonly message: string };

/** How long stdout may stay open after the agent exited (a grandchild holding it) before we stop reading. */
const DRAIN_MS = 500;

/**
 * One agent process in its own process group (spawned detached, so the group id is its pid):
 * stdout read line by line as it comes, stderr kept as a bounded tail, stdin written line by line
 * and ended when the driver says so. Nothing is ever left unread, so neither side can block the
 * other. `stop` signals the whole group (the agent's shells and tools too); when the agent exits on
 * its own, whatever it left running in its group is killed as well.
 */
export class AgentProcess {
  private readonly stderr: ByteTail;
  private stopping = false;
  private inputOpen = true;
  readonly exited: Promise<ProcessExit>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    handlers: OutputHandlers,
    private readonly limits: ProcessLimits,
  ) {
    this.stderr = new ByteTail(limits.stderrTailBytes);
    const lines = new LineSplitter(limits.maxLineBytes, handlers.line, handlers.oversized);
    const drained = new Promise<void>((resolve) => child.stdout.once('close', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    // EPIPE when the agent has stopped reading: the write is lost, which the driver learns from the exit.
    child.stdin.on('error', () => undefined);
    this.exited = this.watchExit(lines, drained);
  }

  static spawn(spec: SpawnSpec, handlers: OutputHandlers, limits: ProcessLimits): Promise<SpawnResult> {
    return new Promise((resolve) => {
      const child = spawn(spec.command, [...spec.args], {
        cwd: spec.cwd,
        env: { ...spec.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: true,
        windowsHide: true,
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        resolve({ ok: false, code: error.code ?? 'SPAWN_FAILED', message: spawnMessage(spec.command, error) });
      });
      child.once('spawn', () => resolve({ ok: true, process: new AgentProcess(child, handlers, limits) }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get acceptsInput(): boolean {
    return this.inputOpen && !this.child.stdin.destroyed;
  }

  /** Writes one line to the agent's stdin; false when its input is closed. */
  write(line: string): boolean {
    if (!this.acceptsInput) return false;
    this.child.stdin.write(`${line}\n`);
    return true;
  }

  endInput(): void {
    if (!this.inputOpen) return;
    this.inputOpen = false;
    this.child.stdin.end();
  }

  stderrTail(): string {
    return this.stderr.text();
  }

  /**
   * SIGTERM to the whole group (the agents tidy up their tools themselves), then SIGKILL after the
   * grace to the group and to every descendant, in whatever session; resolves once the agent is gone.
   */
  async stop(): Promise<ProcessExit> {
    if (!this.stopping) {
      this.stopping = true;
      this.inputOpen = false;
      const seen = this.tree();
      this.signalGroup('SIGTERM');
      const timer = setTimeout(() => this.killTree(seen), this.limits.killGraceMs);
      void this.exited.then(() => clearTimeout(timer));
    }
    return this.exited;
  }

  /** For the engine's own exit: no waiting, no grace. */
  killNow(): void {
    this.stopping = true;
    this.killTree([]);
  }

  private tree(): number[] {
    return this.child.pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null ? [] : descendants(this.child.pid);
  }

  private killTree(seen: readonly number[]): void {
    const all = new Set([...seen, ...this.tree()]);
    this.signalGroup('SIGKILL');
    for (const pid of all) signal(pid, 'SIGKILL');
  }

  private async watchExit(lines: LineSplitter, drained: Promise<void>): Promise<ProcessExit> {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      this.child.once('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    const stopped = this.stopping;
    await Promise.race([drained, pause(DRAIN_MS)]);
    lines.end();
    // Shells or tools the agent left behind in its group go with it.
    this.signalGroup('SIGKILL');
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    return { code, signal, stopped };
  }

  private signalGroup(name: NodeJS.Signals): void {
    if (this.child.pid !== undefined) signal(-this.child.pid, name);
  }
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // ESRCH: already gone.
  }
}

function spawnMessage(command: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return `command not found: ${command} (is it installed and on PATH?)`;
  if (error.code === 'EACCES') return `command not executable: ${command}`;
  return `could not start ${command}: ${error.message}`;
}

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
  });
