import { join } from 'node:path';
import type { OpencodeRuntimeConfig } from '@orch/domain-agent';
import { pinnedOpencodeBinary } from './opencode-binary';
import { healthy, OwnedOpencodeServer, type OwnedServerOptions } from './owned-server';
import { normalBaseUrl, serverKey, type ServerRef } from './runtime-ref';
import { secretName, type SecretResolver } from './secrets';
import { ServerConnection, type ConnectionOptions, type EndpointSource } from './server-connection';
import { basicAuthorization } from './server-environment';

export class ServerUnavailable extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * The servers runs live on: the runtime's own (agents without `baseUrl`), started on first use
 * under `<dataDir>/server`, and external ones by base URL with basic auth (`passwordRef`
 * resolved through the secret resolver). One connection per server, shared by its runs.
 */
export class ServerPool {
  private readonly connections = new Map<string, ServerConnection>();
  private owned: OwnedOpencodeServer | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly ownedOptions: OwnedServerOptions | undefined,
    private readonly resolveSecret: SecretResolver,
    private readonly connectionOptions: ConnectionOptions,
  ) {}

  /** The server an agent's config names. */
  static serverOf(config: OpencodeRuntimeConfig): ServerRef {
    if (config.baseUrl === undefined) return { kind: 'owned' };
    const baseUrl = normalBaseUrl(config.baseUrl);
    if (baseUrl === undefined) throw new ServerUnavailable(`baseUrl ${config.baseUrl} is not an http(s) URL`, false);
    return { kind: 'external', baseUrl, ...(config.passwordRef === undefined ? {} : { passwordRef: config.passwordRef }) };
  }

  async connection(server: ServerRef): Promise<ServerConnection> {
    const key = serverKey(server);
    const known = this.connections.get(key);
    if (known !== undefined) return known;
    const source = server.kind === 'owned' ? this.ownedServer() : await this.external(server.baseUrl, server.passwordRef);
    const connection = this.connections.get(key) ?? new ServerConnection(key, source, this.connectionOptions);
    this.connections.set(key, connection);
    return connection;
  }

  /**
   * Liveness of the server an agent names (DOMAIN.md §4.2 health probe): `/global/health` answers.
   * The runtime's own server counts as up until first used: it is started by the first run.
   */
  async probe(server: ServerRef): Promise<{ ok: true } | { ok: false; reason: string }> {
    try {
      const source = server.kind === 'owned' ? this.owned : await this.external(server.baseUrl, server.passwordRef);
      const endpoint = source?.current();
      if (source === undefined || (server.kind === 'owned' && endpoint === undefined)) return { ok: true };
      if (endpoint === undefined) return { ok: false, reason: 'no endpoint' };
      return (await healthy(endpoint.url, endpoint.authorization)) ? { ok: true } : { ok: false, reason: `${endpoint.url}/global/health did not answer` };
    } catch (error) {
      return { ok: false, reason: String(error instanceof Error ? error.message : error) };
    }
  }

  isOwned(connection: ServerConnection): boolean {
    return connection.key === 'owned';
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close()));
    await this.owned?.stop();
  }

  private ownedServer(): OwnedOpencodeServer {
    if (this.ownedOptions === undefined) throw new ServerUnavailable('this runtime runs no OpenCode server of its own and the agent names no baseUrl', false);
    this.owned ??= new OwnedOpencodeServer(join(this.dataDir, 'server'), this.ownedOptions.binary ?? pinnedOpencodeBinary(), this.ownedOptions);
    return this.owned;
  }

  private async external(baseUrl: string, passwordRef: string | undefined): Promise<EndpointSource> {
    let authorization: string | undefined;
    if (passwordRef !== undefined) {
      const name = secretName(passwordRef);
      if (name === undefined) throw new ServerUnavailable(`passwordRef ${passwordRef} is not a secret:<name> reference`, false);
      const password = await this.resolveSecret(name);
      if (password === undefined) throw new ServerUnavailable(`secret ${name} (the OpenCode server password) is not set`, true);
      authorization = basicAuthorization(password);
    }
    const endpoint = { url: baseUrl, generation: 1, ...(authorization === undefined ? {} : { authorization }) };
    return { ready: async () => endpoint, current: () => endpoint };
  }
}
