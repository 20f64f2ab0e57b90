/** Every error the api answers: an RFC 9457 problem with a stable `code` (DOMAIN.md §8). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  /** Domain details (`from`/`to` of an illegal transition, the conflicting paths, …). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Validation failures: one entry per field. */
  readonly errors?: readonly FieldError[];
}

export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message?: string;
  readonly limit?: number;
}

/** What every command answers (DESIGN.md §6): never a read model. */
export interface CommandAnswer {
  readonly id: string;
  readonly revision: number;
  readonly position: number | null;
}

export const API_PREFIX = '/api/v1';
