import { fieldInvalid, isJsonObject } from '@orch/kernel';
import type { ContextOperation, WriteSource } from './context.commands';
import { assertValidKeys, measure } from './limits';
import { assertPath, splitPath } from './paths';

/** DOMAIN.md §5.2: 1..100 operations per WriteContext. */
export const OPERATION_LIMITS = { min: 1, max: 100 } as const;
const OPS: readonly string[] = ['set', 'delete', 'merge'];

/**
 * Checks the shape of a WriteContext's operations (400s) and returns the depth the deepest value would
 * reach in the document, so the caller can report TOO_DEEP once the version is known to match.
 */
export function validateOperations(operations: readonly ContextOperation[]): number {
  const count = Array.isArray(operations) ? operations.length : 0;
  if (count < OPERATION_LIMITS.min || count > OPERATION_LIMITS.max) {
    throw fieldInvalid('operations', 'count', `${OPERATION_LIMITS.min}..${OPERATION_LIMITS.max}`);
  }
  return Math.max(0, ...operations.map(validateOperation));
}

function validateOperation(operation: ContextOperation, index: number): number {
  if (!isJsonObject(operation) || !OPS.includes(operation.op)) throw fieldInvalid(`operations[${index}].op`, 'enum');
  assertPath(operation.path, operation.op === 'merge');
  if (operation.op === 'delete') return 0;
  if (operation.op === 'merge' && !isJsonObject(operation.value)) {
    throw fieldInvalid(`operations[${index}].value`, 'object');
  }
  if (operation.value === undefined) throw fieldInvalid(`operations[${index}].value`, 'required');
  const shape = measure(operation.value, operation.path, splitPath(operation.path).length);
  assertValidKeys(shape);
  return shape.depth;
}

/** The operation as recorded: only its own fields, whatever else the caller sent. */
export function normalizeOperation(operation: ContextOperation): ContextOperation {
  switch (operation.op) {
    case 'set':
    case 'merge':
      return { op: operation.op, path: operation.path, value: operation.value } as ContextOperation;
    case 'delete':
      return { op: 'delete', path: operation.path };
    default: {
      const unknown: never = operation;
      return unknown;
    }
  }
}

export function validateSource(source: WriteSource | undefined): void {
  if (source === undefined) return;
  if (!Number.isInteger(source.attempt) || source.attempt < 1) throw fieldInvalid('source.attempt', 'positive_integer');
  if (typeof source.sessionId !== 'string' || typeof source.taskId !== 'string') {
    throw fieldInvalid('source', 'session_and_task_required');
  }
}

export function normalizeSource(source: WriteSource): WriteSource {
  return { sessionId: source.sessionId, taskId: source.taskId, attempt: source.attempt };
}
