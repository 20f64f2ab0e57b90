import type { AssistantMessage, OpencodePermission, Part, SessionMessage, SessionSnapshot } from '../opencode-types';

/** Object mothers for OpenCode sessions as `GET /session/{id}/message` answers them (shapes seen on 1.18.33). */
const base = { sessionID: 'ses_1' };

export function userMessage(id: string, text: string, metadata?: Record<string, string>): SessionMessage {
  return {
    info: { ...base, id, role: 'user', time: { created: 1 }, agent: 'build', model: { providerID: 'mock', modelID: 'scripted' } },
    parts: [{ ...base, id: `${id}-text`, messageID: id, type: 'text', text, ...(metadata === undefined ? {} : { metadata }) }],
  };
}

export function assistantMessage(id: string, parts: Part[], overrides: Partial<AssistantMessage> = {}): SessionMessage {
  const info: AssistantMessage = {
    ...base,
    id,
    role: 'assistant',
    time: { created: 2, completed: 3 },
    parentID: 'msg_user',
    modelID: 'scripted',
    providerID: 'mock',
    mode: 'build',
    agent: 'build',
    path: { cwd: '/work', root: '/' },
    cost: 0,
    tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } },
    finish: 'stop',
    ...overrides,
  };
  return { info, parts };
}

export function textPart(id: string, text: string, ended = true): Part {
  return { ...base, id, messageID: 'm', type: 'text', text, time: ended ? { start: 1, end: 2 } : { start: 1 } };
}

export function toolPart(id: string, tool: string, state: Extract<Part, { type: 'tool' }>['state']): Part {
  return { ...base, id, messageID: 'm', type: 'tool', callID: `call-${id}`, tool, state };
}

export function stepFinish(id: string, input: number, output: number, cost: number, cacheRead = 0): Part {
  return { ...base, id, messageID: 'm', type: 'step-finish', reason: 'stop', cost, tokens: { input, output, reasoning: 0, cache: { read: cacheRead, write: 0 } } };
}

export function permission(id: string, filepath: string): OpencodePermission {
  return { id, sessionID: 'ses_1', permission: 'edit', patterns: ['x'], metadata: { filepath }, always: ['*'] };
}

export function snapshot(messages: SessionMessage[], overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return { messages, status: 'idle', permissions: [], ...overrides };
}
