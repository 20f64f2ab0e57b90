import { agentSigningSecret } from '@orch/agent-runtime-http';
import type { AgentSigning } from '../agents/agent-token';
import type { AppConfig } from '../config';
import { resolveEngineSecret } from '../engine/engine-secret';

/**
 * Push-mode signing secrets from the engine secret (ORCH_ENGINE_SECRET, or the one kept in the data
 * dir): the api hands them out at registration, the engine's http runtime signs with the same ones.
 * Processes of one deployment with separate roles must share ORCH_ENGINE_SECRET.
 */
export function agentSigningFor(config: AppConfig): AgentSigning {
  let secret: string | undefined;
  return (agentId, tokenHash) => agentSigningSecret((secret ??= resolveEngineSecret(config)), agentId, tokenHash);
}
