import { type RecordedEvent } from '@orch/application';

/** A recorded event whose data does not fit the catalogue; the runner parks it. */
export class MalformedEventError extends Error {
  constructor(event: Pick<RecordedEvent, 'type' | 'streamName' | 'revision'>, problem: string) {
    super(`${event.type} at ${event.streamName}@${event.revision}: ${problem}`);
    this.name = 'MalformedEventError';
  }
}

type Data = Readonly<Record<string, unknown>>;

/**
 * Typed reads of event data (DOMAIN.md §7) that fail loudly: a projector must not write a row
 * from a field that is not there. Returned values are the event's own, never defaults.
 */
export function fieldsOf(event: RecordedEvent) {
  const data: Data = event.data;
  const fail = (key: string, expected: string): never => {
    throw new MalformedEventError(event, `${key} must be ${expected}, got ${JSON.stringify(data[key]) ?? 'undefined'}`);
  };
  const optional = <T>(key: string, check: (value: unknown) => value is T, expected: string): T | null => {
    const value = data[key];
    if (value === undefined || value === null) return null;
    return check(value) ? value : fail(key, expected);
  };
  const required = <T>(key: string, check: (value: unknown) => value is T, expected: string): T =>
    optional(key, check, expected) ?? fail(key, expected);
  return {
    data,
    string: (key: string) => required(key, isString, 'a string'),
    optString: (key: string) => optional(key, isString, 'a string'),
    number: (key: string) => required(key, isNumber, 'a number'),
    optNumber: (key: string) => optional(key, isNumber, 'a number'),
    boolean: (key: string) => required(key, isBoolean, 'a boolean'),
    strings: (key: string) => required(key, isStringArray, 'a string array'),
    array: (key: string) => required(key, Array.isArray, 'an array') as readonly unknown[],
    object: (key: string) => required(key, isObject, 'an object'),
    optObject: (key: string) => optional(key, isObject, 'an object'),
    at: () => required('at', isIsoTime, 'an ISO 8601 time'),
  };
}

export type EventFields = ReturnType<typeof fieldsOf>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isIsoTime = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

/** `session-<id>` → `<id>`. */
export function streamId(streamName: string): string {
  return streamName.slice(streamName.indexOf('-') + 1);
}

export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash < 0 ? streamName : streamName.slice(0, dash);
}
