export const AGENT_PROTOCOL = Symbol('AgentProtocol');
