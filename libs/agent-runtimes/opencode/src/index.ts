export { OpencodeAgentRuntime, type OpencodeRuntimeOptions } from './opencode-runtime';
export type { OwnedServerOptions } from './owned-server';
export type { RunTiming } from './opencode-run';
export { environmentSecrets, type SecretResolver } from './secrets';
export { pinnedOpencodeBinary } from './opencode-binary';
export { OwnedOpencodeServer } from './owned-server';
