import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import type { AppConfig } from '../config';

/**
 * With `REDIS_URL`, socket.io's Redis adapter: room membership, `fetchSockets` and
 * `disconnectSockets` span every api instance (the connections listing uses it). Live messages
 * are broadcast `local`ly by each instance's own LiveHub; see live.gateway.ts. Without Redis,
 * the in-process adapter (one instance).
 */
export class LiveSocketAdapter extends IoAdapter {
  private clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: Pick<AppConfig, 'redisUrl' | 'redisKeyPrefix'>,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    if (this.config.redisUrl) {
      const pub = new Redis(this.config.redisUrl, { connectionName: 'orch-socket.io-pub', maxRetriesPerRequest: null });
      const sub = pub.duplicate({ connectionName: 'orch-socket.io-sub' });
      for (const client of [pub, sub]) client.on('error', () => undefined);
      this.clients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: `${this.config.redisKeyPrefix}socket.io`, requestsTimeout: 3_000 }));
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((client) => client.quit().catch(() => client.disconnect())));
    this.clients = [];
  }
}
