export { ProcessAgentRuntime, type ProcessRuntimeOptions } from './process-runtime';
export { DEFAULT_INHERITED_ENV, envSecretResolver, type SecretResolver } from './process/child-env';
export type { PriceTable, TokenPrice } from './usage';
