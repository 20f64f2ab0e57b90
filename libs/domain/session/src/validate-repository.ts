import { codePointLength, fieldInvalid } from '@orch/kernel';
import type { Repository } from './session.events';
import { requiredText } from './validate-text';

const URL_SOURCE = /^(?:https?|ssh|git|file):\/\/[^\s]+$/i;
const SCP_SOURCE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/;
const REF_CHARS = /^[A-Za-z0-9._/@+-]+$/;

/** `repository { source, baseRef }` of §2.1; `baseRef` defaults to `HEAD`. */
export function validRepository(value: unknown): Repository | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw fieldInvalid('repository', 'object');
  const { source, baseRef } = value as { source?: unknown; baseRef?: unknown };
  return { source: validSource(source), baseRef: baseRef === undefined ? 'HEAD' : validRef(baseRef) };
}

function validSource(value: unknown): string {
  const source = requiredText(value, 'repository.source', 2048);
  if (isLocalPath(source) || URL_SOURCE.test(source) || SCP_SOURCE.test(source)) return source;
  throw fieldInvalid('repository.source', 'absolute path without .., URL (https, http, ssh, git, file) or user@host:path');
}

function isLocalPath(source: string): boolean {
  return source.startsWith('/') && !source.split('/').includes('..');
}

/** A git ref or commit, by the main rules of `git check-ref-format`. */
function validRef(value: unknown): string {
  const ref = requiredText(value, 'repository.baseRef', 255);
  const broken =
    !REF_CHARS.test(ref) ||
    ref.includes('..') ||
    ref.includes('//') ||
    ref.startsWith('/') ||
    ref.startsWith('-') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    codePointLength(ref) !== ref.length;
  if (broken) throw fieldInvalid('repository.baseRef', 'git ref or commit');
  return ref;
}
