import type {
  AgentAction,
  AgentAnswer,
  ChangeBudgetRequest,
  CommandAnswer,
  CreateContextRequest,
  CreateSessionRequest,
  InjectPromptRequest,
  IssuedKey,
  IssueKeyRequest,
  MergeContextsRequest,
  ReasonRequest,
  ReassignTaskRequest,
  RegisterAgentRequest,
  ReplacePlanRequest,
  SessionAction,
  ShareContextRequest,
  TaskAction,
  UpdateAgentRequest,
  WriteContextRequest,
} from '@orch/contracts';
import type { RequestOptions, Transport } from './transport';

const seg = encodeURIComponent;

/** Session and task commands (DESIGN.md §6); each answers `{ id, revision, position }`. */
export function sessionCommands(http: Transport) {
  return {
    create: (body: CreateSessionRequest, options?: RequestOptions) => http.request<CommandAnswer>('POST', '/sessions', body, options),
    act: (sessionId: string, action: SessionAction, body: ReasonRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('POST', `/sessions/${seg(sessionId)}/${action}`, body, options),
    injectPrompt: (sessionId: string, body: InjectPromptRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('POST', `/sessions/${seg(sessionId)}/inject-prompt`, body, options),
    replacePlan: (sessionId: string, body: ReplacePlanRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('PUT', `/sessions/${seg(sessionId)}/plan`, body, options),
    changeBudget: (sessionId: string, body: ChangeBudgetRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('PUT', `/sessions/${seg(sessionId)}/budget`, body, options),
    task: (sessionId: string, taskId: string, action: TaskAction, body: ReasonRequest | ReassignTaskRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('POST', `/sessions/${seg(sessionId)}/tasks/${seg(taskId)}/${action}`, body, options),
  };
}

export function agentCommands(http: Transport) {
  return {
    register: (body: RegisterAgentRequest, options?: RequestOptions) => http.request<AgentAnswer>('POST', '/agents', body, options),
    update: (agentId: string, body: UpdateAgentRequest, options?: RequestOptions) => http.request<CommandAnswer>('PATCH', `/agents/${seg(agentId)}`, body, options),
    act: (agentId: string, action: AgentAction, body: ReasonRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('POST', `/agents/${seg(agentId)}/${action}`, body, options),
    rotateToken: (agentId: string, body: ReasonRequest, options?: RequestOptions) =>
      http.request<AgentAnswer>('POST', `/agents/${seg(agentId)}/rotate-token`, body, options),
    deregister: (agentId: string, body: ReasonRequest, options?: RequestOptions) => http.request<CommandAnswer>('DELETE', `/agents/${seg(agentId)}`, body, options),
    heartbeat: (agentId: string, options?: RequestOptions) => http.request<unknown>('POST', `/agents/${seg(agentId)}/heartbeat`, {}, options),
  };
}

export function contextCommands(http: Transport) {
  return {
    create: (body: CreateContextRequest, options?: RequestOptions) => http.request<CommandAnswer>('POST', '/contexts', body, options),
    write: (contextId: string, body: WriteContextRequest, options?: RequestOptions) => http.request<CommandAnswer>('PATCH', `/contexts/${seg(contextId)}`, body, options),
    share: (contextId: string, body: ShareContextRequest, options?: RequestOptions) =>
      http.request<CommandAnswer>('POST', `/contexts/${seg(contextId)}/share`, body, options),
    promote: (contextId: string, options?: RequestOptions) => http.request<CommandAnswer>('POST', `/contexts/${seg(contextId)}/promote`, {}, options),
    merge: (body: MergeContextsRequest, options?: RequestOptions) => http.request<CommandAnswer>('POST', '/contexts/merge', body, options),
  };
}

export function keyCommands(http: Transport) {
  return {
    issue: (body: IssueKeyRequest, options?: RequestOptions) => http.request<IssuedKey>('POST', '/keys', body, options),
    revoke: (apiKeyId: string, body: ReasonRequest, options?: RequestOptions) => http.request<CommandAnswer>('POST', `/keys/${seg(apiKeyId)}/revoke`, body, options),
  };
}
