import { randomBytes, randomUUID } from 'node:crypto';
import { type EventToAppend, WrongExpectedVersionError, type ExpectedRevision } from '@orch/application';

/** A category no other test (or earlier run against the same server) uses: `<label><hex>`. */
export function uniqueCategory(label: string): string {
  return `${label}${randomBytes(5).toString('hex')}`;
}

export interface EventOverrides {
  readonly id?: string;
  readonly type?: string;
  readonly data?: Record<string, unknown>;
  readonly tenantId?: string;
}

export function anEvent(overrides: EventOverrides = {}): EventToAppend {
  return {
    id: overrides.id ?? randomUUID(),
    type: overrides.type ?? 'ContractEventRecorded',
    data: overrides.data ?? { note: 'contract' },
    metadata: {
      actor: 'system:contract',
      tenantId: overrides.tenantId ?? 'contract-tenant',
      correlationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

export function someEvents(count: number, overrides: Omit<EventOverrides, 'id'> = {}): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => anEvent({ data: { index }, ...overrides }));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Awaits the rejection and checks it is the port's typed error with these expected/actual values. */
export async function expectWrongExpectedVersion(
  attempt: Promise<unknown>,
  expected: ExpectedRevision,
  actual: number | 'no_stream',
): Promise<void> {
  const error = await attempt.then(
    () => new Error('expected a WrongExpectedVersionError, but the call succeeded'),
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_VERSION', expected, actual });
}

/** Rejects with a message naming what did not happen in time. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The element at `index`, failing the test with a clear message when there is none. */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index}, got ${items.length} items`);
  return item;
}

export function expectStrictlyIncreasing(values: readonly number[]): void {
  const firstBreak = values.findIndex((value, index) => index > 0 && value <= nth(values, index - 1));
  expect(firstBreak === -1 ? 'strictly increasing' : `breaks at index ${firstBreak}: ${values.join(', ')}`).toBe(
    'strictly increasing',
  );
}
