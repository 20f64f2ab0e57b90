export type { CommandExecutor, ContextUseCaseDeps } from './context-deps';
export { contextTarget } from './context-streams';
export { readMergeSource } from './context-facts';
export { createContext, writeContext, mergeContexts, type CreateContextRequest, type MergeContextsRequest } from './context-commands';
export { shareContext, promoteContext, type ShareContextRequest } from './share-promote';
export * from './agent-context-access';
