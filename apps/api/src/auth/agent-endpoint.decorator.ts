import { SetMetadata } from '@nestjs/common';

export const AGENT_ENDPOINT_KEY = 'orch:agent-endpoint';

/**
 * The routes an http agent's registration token may call (External Agent Protocol: heartbeat,
 * tasks/next, progress, result); with that token every other route answers 403.
 */
export const AgentEndpoint = () => SetMetadata(AGENT_ENDPOINT_KEY, true);
