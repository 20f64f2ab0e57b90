import type {
  AssistantMessage,
  Message,
  Part,
  PermissionRequest as OpencodePermission,
  SessionStatus,
  ToolPart,
} from '@opencode-ai/sdk/v2/client' with { 'resolution-mode': 'import' };

export type { AssistantMessage, Message, OpencodePermission, Part, SessionStatus, ToolPart };

/** One message of an OpenCode session with its parts, as `GET /session/{id}/message` answers. */
export interface SessionMessage {
  readonly info: Message;
  readonly parts: readonly Part[];
}

/** What a run reads back from its OpenCode session to reconcile (after every reconnect, and on each change). */
export interface SessionSnapshot {
  readonly messages: readonly SessionMessage[];
  /** `idle` when the session is absent from `GET /session/status`. */
  readonly status: SessionStatus['type'];
  /** The session's pending permission requests. */
  readonly permissions: readonly OpencodePermission[];
}
