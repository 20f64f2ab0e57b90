import { createHmac } from 'node:crypto';

/**
 * The HMAC secret a push-mode agent verifies `X-Orch-Signature` with: derived from the engine
 * secret, the agent and its current token hash, so it is stored nowhere, is the same on every
 * engine of a deployment, is returned with the token (once, at registration or rotation), and
 * changes when the token is rotated.
 */
export function agentSigningSecret(engineSecret: string, agentId: string, tokenHash: string): string {
  return `orch_sig_${createHmac('sha256', engineSecret).update(`agent-signing/${agentId}/${tokenHash}`).digest('base64url')}`;
}
