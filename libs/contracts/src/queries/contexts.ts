import type { ContextScope, MergeConflict } from '@orch/domain-context';
import type { DocumentDiff } from '@orch/domain-context';
import type { Consistency, CursorParams } from './paging';

/** `GET /contexts/:id`: the current document (DOMAIN.md §5). */
export interface ContextView {
  readonly id: string;
  readonly scope: ContextScope;
  readonly sessionId: string | null;
  readonly agentId: string | null;
  readonly status: 'active' | 'expired';
  readonly document: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly provenance: unknown;
  readonly openConflicts: readonly MergeConflict[];
  readonly shares: readonly ContextShareView[];
  readonly expiresAt: string | null;
  readonly expiredAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly revision: number;
  readonly position: number;
}

export interface ContextShareView {
  readonly kind: 'shared' | 'promoted';
  readonly toContextId: string;
  readonly toSessionId?: string;
  readonly atVersion: number;
  readonly at: string;
}

/** One entry of `GET /contexts/:id/versions`, newest first. */
export interface ContextVersionSummary {
  readonly version: number;
  readonly kind: 'created' | 'written' | 'merged';
  readonly changes: { readonly added: readonly string[]; readonly modified: readonly string[]; readonly deleted: readonly string[] };
  readonly actor: string;
  readonly at: string;
  readonly position: number;
  /** The task a write was made for. */
  readonly source: { readonly sessionId: string; readonly taskId: string | null; readonly attempt: number | null } | null;
  readonly provenance: unknown;
  /** ContextMerged: `{ sourceContextId, sourceVersion, strategy, conflicts }`. */
  readonly merge: unknown;
}

/** `GET /contexts/:id/versions/:v`: the document as it was at that version, and the operations that made it. */
export interface ContextVersionView extends ContextVersionSummary {
  readonly contextId: string;
  readonly document: Readonly<Record<string, unknown>>;
  readonly operations: readonly unknown[];
}

/** `GET /contexts/:id/diff?from=&to=`: DOMAIN.md §5.2 diff of two versions' documents. */
export interface ContextDiffView extends DocumentDiff {
  readonly contextId: string;
  readonly from: number;
  readonly to: number;
}

export type ContextParams = Consistency;
export type ContextVersionsParams = CursorParams & Consistency;

export interface ContextDiffParams extends Consistency {
  readonly from: number;
  readonly to: number;
}
