import { randomBytes } from 'node:crypto';

/** The token an http agent presents (External Agent Protocol); shown once, stored as sha256. */
export function newAgentToken(agentId: string): string {
  return `orch_agent_${agentId.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
}
