import type { LiveRoom } from '@orch/contracts';

/** socket.io room names: every live room is per tenant; keys and tenants get their own. */
export function tenantRoom(tenantId: string, room: LiveRoom): string {
  return `t:${encodeURIComponent(tenantId)}:${room}`;
}

export function keyRoom(apiKeyId: string): string {
  return `key:${apiKeyId}`;
}

export function tenantMembers(tenantId: string): string {
  return `tenant:${encodeURIComponent(tenantId)}`;
}
