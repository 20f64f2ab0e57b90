import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Endpoint, EndpointSource } from './server-connection';
import { basicAuthorization, serverEnvironment } from './server-environment';
import { isAlive, isOpencodeServer, spawnServer, stopProcess, type ServerProcess } from './server-process';

export interface OwnedServerOptions {
  /** The OpenCode config: providers (e.g. one on an OpenAI-compatible base URL), `model`, `agent`s, `permission`. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Extra environment for the server, e.g. a provider API key the config names as `{env:NAME}`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default: the pinned binary from node_modules. */
  readonly binary?: string;
  /** How long `opencode serve` may take to print its readiness line. Default 60 s (a cold start takes ~5 s). */
  readonly readyTimeoutMs?: number;
  /** Waits before each restart after a crash, the last one repeating. Default 0.5, 1, 2, 5, 10 s. */
  readonly restartDelaysMs?: readonly number[];
  /** How often the server's health is checked. Default 5 s. */
  readonly healthIntervalMs?: number;
  /** Consecutive failed health checks (each may take 10 s) before a live but unresponsive server is restarted. Default 4. */
  readonly unhealthyAfter?: number;
}

interface ServerRecord {
  readonly pid: number;
  readonly url: string;
  readonly password: string;
  readonly generation: number;
  /** sha256 of the binary path, config and extra env: a server started otherwise is not adopted. */
  readonly configHash: string;
}

/**
 * The runtime's own `opencode serve`, supervised: started on first use, restarted with backoff
 * when it exits, or when it stops answering its health check for long (a busy server on a loaded
 * machine answers slowly; restarting it would lose its runs), with the same HOME, so the restarted
 * server finds its sessions in its SQLite db. Its pid, URL and password are kept in `<home>/server.json` (0600):
 * a server left running by an engine that was killed is adopted by the next one, runs and all.
 */
export class OwnedOpencodeServer implements EndpointSource {
  private up: (Endpoint & { readonly pid: number }) | undefined;
  private starting: Promise<Endpoint> | undefined;
  private stopped = false;
  private failures = 0;
  private restarts = 0;
  private healthTimer: NodeJS.Timeout | undefined;
  private readonly recordFile: string;
  private readonly configHash: string;

  constructor(
    private readonly home: string,
    private readonly binary: string,
    private readonly options: OwnedServerOptions = {},
  ) {
    this.recordFile = join(home, 'server.json');
    this.configHash = createHash('sha256').update(JSON.stringify([binary, options.config ?? {}, options.env ?? {}])).digest('hex');
  }

  current(): Endpoint | undefined {
    return this.up;
  }

  /** A live endpoint: the running server, or the one being started or restarted. */
  ready(): Promise<Endpoint> {
    if (this.stopped) return Promise.reject(new Error('the OpenCode server was stopped'));
    if (this.up !== undefined) return Promise.resolve(this.up);
    this.starting ??= this.bringUp(0).finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** Stops the server (its process group) and forgets it; idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.healthTimer);
    await this.starting?.catch(() => undefined);
    const pid = this.up?.pid;
    this.up = undefined;
    if (pid !== undefined) await stopProcess(pid, 5_000);
    await rm(this.recordFile, { force: true });
  }

  private async bringUp(delayMs: number): Promise<Endpoint> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (this.stopped) throw new Error('the OpenCode server was stopped');
    const record = (await this.adoptable()) ?? (await this.spawn());
    const endpoint = { url: record.url, authorization: basicAuthorization(record.password), generation: record.generation, pid: record.pid };
    this.up = endpoint;
    this.scheduleHealthCheck();
    return endpoint;
  }

  private async spawn(): Promise<ServerRecord> {
    const previous = await this.readRecord();
    if (previous !== undefined && isAlive(previous.pid) && (await isOpencodeServer(previous.pid))) await stopProcess(previous.pid, 3_000);
    const password = randomBytes(24).toString('base64url');
    const env = serverEnvironment({ home: this.home, password, config: this.options.config ?? {}, extra: this.options.env ?? {} });
    await Promise.all(['home', 'xdg/config', 'xdg/data', 'xdg/cache', 'xdg/state'].map((d) => mkdir(join(this.home, d), { recursive: true })));
    const server = await spawnServer({ binary: this.binary, home: this.home, env, readyTimeoutMs: this.options.readyTimeoutMs ?? 60_000 });
    const record = { pid: server.pid, url: server.url, password, generation: (previous?.generation ?? 0) + 1, configHash: this.configHash };
    await writeFile(this.recordFile, JSON.stringify(record), { mode: 0o600 });
    void server.exited.then(() => this.lost(server));
    return record;
  }

  /** The recorded server, if it still runs with this config and answers with its password. */
  private async adoptable(): Promise<ServerRecord | undefined> {
    const record = await this.readRecord();
    if (record === undefined || record.configHash !== this.configHash || !isAlive(record.pid)) return undefined;
    return (await healthy(record.url, basicAuthorization(record.password))) ? record : undefined;
  }

  private async readRecord(): Promise<ServerRecord | undefined> {
    const text = await readFile(this.recordFile, 'utf8').catch(() => undefined);
    try {
      return text === undefined ? undefined : (JSON.parse(text) as ServerRecord);
    } catch {
      return undefined;
    }
  }

  private scheduleHealthCheck(): void {
    clearTimeout(this.healthTimer);
    this.healthTimer = setTimeout(() => void this.checkHealth(), this.options.healthIntervalMs ?? 5_000);
    this.healthTimer.unref();
  }

  private async checkHealth(): Promise<void> {
    const up = this.up;
    if (up === undefined || this.stopped) return;
    const ok = isAlive(up.pid) && (await healthy(up.url, up.authorization));
    this.failures = ok ? 0 : this.failures + 1;
    if (ok) this.restarts = 0;
    if (this.failures >= (this.options.unhealthyAfter ?? 4) || !isAlive(up.pid)) return this.restart(up.pid);
    this.scheduleHealthCheck();
  }

  private lost(server: ServerProcess): void {
    if (this.up?.pid === server.pid) void this.restart(server.pid);
  }

  private async restart(pid: number): Promise<void> {
    if (this.stopped || this.up?.pid !== pid) return;
    this.up = undefined;
    this.failures = 0;
    clearTimeout(this.healthTimer);
    if (isAlive(pid)) await stopProcess(pid, 3_000);
    await this.revive();
  }

  /** Brings the server back, waiting longer after each failed try, until it is up or stopped. */
  private async revive(): Promise<void> {
    const delays = this.options.restartDelaysMs ?? [500, 1_000, 2_000, 5_000, 10_000];
    while (!this.stopped && this.up === undefined) {
      if (this.starting === undefined) {
        const delay = delays[Math.min(this.restarts, delays.length - 1)] ?? 1_000;
        this.restarts += 1;
        this.starting = this.bringUp(delay).finally(() => (this.starting = undefined));
      }
      await this.starting.catch(() => undefined);
    }
  }
}

export async function healthy(url: string, authorization: string | undefined): Promise<boolean> {
  try {
    const response = await fetch(`${url}/global/health`, { headers: authorization === undefined ? {} : { authorization }, signal: AbortSignal.timeout(10_000) });
    return response.ok;
  } catch {
    return false;
  }
}
