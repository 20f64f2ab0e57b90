/** Injection tokens binding the core's ports to adapters (Symbols, never classes). */
export const EVENT_STORE = Symbol('EventStore');
export const CLOCK = Symbol('Clock');
export const IDS = Symbol('Ids');
export const APP_CONFIG = Symbol('AppConfig');
export const API_KEY_DIRECTORY = Symbol('ApiKeyDirectory');
export const FLEET_QUERIES = Symbol('FleetQueries');
export const HEARTBEATS = Symbol('Heartbeats');
export const LEASES = Symbol('Leases');
export const READ_SIDE = Symbol('ReadSide');
export const WORKSPACES = Symbol('Workspaces');
export const AGENT_TOKEN_DIRECTORY = Symbol('AgentTokenDirectory');
export const AGENT_SIGNING = Symbol('AgentSigning');
/** What the command handlers run with (ApiCommandDeps): the store, ids, fleet, and the process's stream queue and cache. */
export const COMMAND_DEPS = Symbol('CommandDeps');
export const ENGINE_STATUS = Symbol('EngineStatus');
