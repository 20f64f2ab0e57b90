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
/** The process's StreamQueue: its commands on one stream run one at a time. */
export const STREAM_QUEUE = Symbol('StreamQueue');
/** The process's StreamCache: commands read a stream forward from what they last read of it. */
export const STREAM_CACHE = Symbol('StreamCache');
export const ENGINE_STATUS = Symbol('EngineStatus');
