import { Controller, Get, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { READERS, Roles } from '../auth/roles.decorator';
import { LiveNamespace } from './live-namespace';
import { tenantMembers } from './room-keys';

export interface LiveConnection {
  readonly socketId: string;
  readonly apiKeyId: string;
  readonly role: string;
  readonly rooms: readonly string[];
}

/** `GET /live/connections`: the tenant's sockets on every instance (via the Redis adapter). */
@Controller('live')
@Roles(...READERS)
export class LiveConnectionsController {
  constructor(private readonly live: LiveNamespace) {}

  @Get('connections')
  async connections(@Req() request: AuthenticatedRequest): Promise<{ items: LiveConnection[] }> {
    const namespace = this.live.current;
    if (!namespace) return { items: [] };
    const { tenantId } = request.principal;
    const prefix = `t:${encodeURIComponent(tenantId)}:`;
    const sockets = await namespace.in(tenantMembers(tenantId)).fetchSockets();
    const items = sockets.map((socket) => {
      const principal = (socket.data as { principal?: { apiKeyId: string; role: string } }).principal;
      return {
        socketId: socket.id,
        apiKeyId: principal?.apiKeyId ?? '',
        role: principal?.role ?? '',
        rooms: [...socket.rooms].filter((room) => room.startsWith(prefix)).map((room) => room.slice(prefix.length)),
      };
    });
    return { items };
  }
}
