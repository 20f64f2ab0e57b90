/** Stable error codes of DOMAIN.md §8. They never change once released. */
export const ERROR_HTTP_STATUS = {
  'COMMAND.FIELD_INVALID': 400,
  'COMMAND.REASON_REQUIRED': 400,
  /** The same Idempotency-Key was sent with a different command on the same stream. */
  'COMMAND.IDEMPOTENCY_KEY_REUSED': 409,
  'SESSION.NOT_FOUND': 404,
  'TASK.NOT_FOUND': 404,
  'AGENT.NOT_FOUND': 404,
  'CONTEXT.NOT_FOUND': 404,
  'APIKEY.NOT_FOUND': 404,
  'WEBHOOK.NOT_FOUND': 404,
  'CONTEXT.VERSION_NOT_FOUND': 404,
  'SESSION.ALREADY_EXISTS': 409,
  'AGENT.ALREADY_EXISTS': 409,
  'CONTEXT.ALREADY_EXISTS': 409,
  'SESSION.TITLE_TOO_GENERIC': 422,
  'SESSION.PARENT_NOT_FOUND': 422,
  'SESSION.PARENT_ENDED': 422,
  'SESSION.ILLEGAL_TRANSITION': 409,
  'SESSION.COMMAND_NOT_ALLOWED': 409,
  'SESSION.RETRY_LIMIT_REACHED': 422,
  'SESSION.NOTHING_COMPLETED': 422,
  'SESSION.BUDGET_EXHAUSTED': 422,
  'SESSION.DEADLINE_NOT_REACHED': 409,
  'SESSION.TOO_MANY_INJECTIONS': 422,
  'TASK.ILLEGAL_TRANSITION': 409,
  'TASK.STALE_ATTEMPT': 409,
  'TASK.AGENT_NOT_CAPABLE': 422,
  /** No permission request with that id in the task. */
  'TASK.PERMISSION_NOT_FOUND': 404,
  /** The request was answered already, or its attempt is no longer running. */
  'TASK.PERMISSION_NOT_PENDING': 409,
  'PLAN.UNKNOWN_TEMPLATE': 400,
  'PLAN.EMPTY': 422,
  'PLAN.TOO_MANY_TASKS': 422,
  'PLAN.TASK_INVALID': 422,
  'PLAN.DUPLICATE_TASK_ID': 422,
  'PLAN.SELF_DEPENDENCY': 422,
  'PLAN.UNKNOWN_DEPENDENCY': 422,
  'PLAN.CYCLE': 422,
  'PLAN.TOO_DEEP': 422,
  'AGENT.NAME_TAKEN': 409,
  'AGENT.NO_CAPABLE_AGENT': 422,
  'AGENT.CAPABILITY_NOT_ALLOWED': 422,
  'AGENT.RUNTIME_CONFIG_INVALID': 400,
  'AGENT.ILLEGAL_TRANSITION': 409,
  'AGENT.NOT_ROUTABLE': 409,
  'AGENT.AT_CAPACITY': 409,
  'AGENT.HAS_ACTIVE_TASKS': 409,
  'CONTEXT.VERSION_CONFLICT': 409,
  'CONTEXT.INVALID_PATH': 400,
  'CONTEXT.SCOPE_OWNER_INVALID': 400,
  'CONTEXT.PATH_CONFLICT': 422,
  'CONTEXT.TOO_LARGE': 422,
  'CONTEXT.TOO_DEEP': 422,
  'CONTEXT.TOO_MANY_KEYS': 422,
  'CONTEXT.SELF_MERGE': 422,
  'CONTEXT.NOT_PROMOTABLE': 422,
  'CONTEXT.ALREADY_GLOBAL': 409,
  'CONTEXT.EXPIRED': 409,
  'APIKEY.ALREADY_REVOKED': 409,
  /** An agent's key used on a context other than that of a task it is running (DESIGN.md §7). */
  'CONTEXT.AGENT_NOT_ALLOWED': 403,
  /** An engine command carries a lease token older than one already recorded for that lease (fencing). */
  'ENGINE.STALE_LEASE': 409,
} as const;

export type ErrorCode = keyof typeof ERROR_HTTP_STATUS;

/** Failure codes that only appear inside events (`SessionFailed`, `TaskFailed`), never as answers. */
export type RecordedFailureCode =
  | 'SESSION.ALL_TASKS_FAILED'
  | 'SESSION.WORKSPACE_UNAVAILABLE'
  | 'SESSION.ENGINE_ERROR'
  | 'TASK.AGENT_ERROR'
  | 'TASK.START_FAILED'
  | 'TASK.ATTEMPTS_EXHAUSTED'
  | 'AGENT.NO_CAPABLE_AGENT'
  | Extract<ErrorCode, `PLAN.${string}`>;

export type ErrorDetails = Readonly<Record<string, unknown>>;

/** A rule the domain refuses to break. Thrown by `decide`, mapped once at the edge to problem details. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** `COMMAND.FIELD_INVALID` for one field, with the rule it breaks. */
export function fieldInvalid(field: string, rule: string, limit?: number | string): DomainError {
  const details = limit === undefined ? { field, rule } : { field, rule, limit };
  return new DomainError('COMMAND.FIELD_INVALID', `${field}: ${rule}`, details);
}
