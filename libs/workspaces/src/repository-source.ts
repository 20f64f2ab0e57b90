import { InvalidWorkspaceRequest } from './workspace-ids';

/** A session's repository settings (DOMAIN.md §2.1), checked again here: they reach git's command line. */
export interface RepositorySource {
  readonly source: string;
  readonly baseRef: string;
}

const URL_SOURCE = /^(?:https?|ssh|git|file):\/\/[^\s]+$/i;
const SCP_SOURCE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/;
const REF_CHARS = /^[A-Za-z0-9._/@+-]+$/;

/** `undefined`/`null` → a scratch repository; otherwise `{ source, baseRef }` or an InvalidWorkspaceRequest. */
export function repositorySource(value: unknown): RepositorySource | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw new InvalidWorkspaceRequest('repository must be an object { source, baseRef }');
  const { source, baseRef } = value as { source?: unknown; baseRef?: unknown };
  return { source: validSource(source), baseRef: validBaseRef(baseRef ?? 'HEAD') };
}

function validSource(source: unknown): string {
  if (typeof source !== 'string' || source.length === 0 || source.length > 2048) {
    throw new InvalidWorkspaceRequest('repository.source must be a string of 1..2048 characters');
  }
  const local = source.startsWith('/') && !source.split('/').includes('..');
  if (local || URL_SOURCE.test(source) || SCP_SOURCE.test(source)) return source;
  throw new InvalidWorkspaceRequest(`repository.source ${JSON.stringify(source)} is not an absolute path, a URL (https, http, ssh, git, file) or user@host:path`);
}

function validBaseRef(ref: unknown): string {
  const broken =
    typeof ref !== 'string' ||
    ref.length === 0 ||
    ref.length > 255 ||
    !REF_CHARS.test(ref) ||
    ref.includes('..') ||
    ref.includes('//') ||
    ref.startsWith('/') ||
    ref.startsWith('-') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock');
  if (broken) throw new InvalidWorkspaceRequest(`repository.baseRef ${JSON.stringify(ref)} is not a git ref or commit`);
  return ref;
}
