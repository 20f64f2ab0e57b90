import { randomBytes } from 'node:crypto';

/** The token an http agent presents (External Agent Protocol); shown once, stored as sha256. */
export function newAgentToken(agentId: string): string {
  return `orch_agent_${agentId.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
}

/** The HMAC secret of an http agent's pushed tasks, from its id and token hash (agentSigningSecret). */
export type AgentSigning = (agentId: string, tokenHash: string) => string;
