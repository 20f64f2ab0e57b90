import { readFileSync } from 'node:fs';
import { type FlagSpec, type ParsedArgs } from '../args';
import { UsageError } from '../cli-error';

/** Accepted by every api command. */
export const API_FLAGS: readonly FlagSpec[] = [
  { name: 'url', kind: 'string' },
  { name: 'key', kind: 'string' },
  { name: 'json', kind: 'boolean' },
];

export const API_OPTIONS_HELP = `Common options:
  --url <url>   the api (default $ORCH_API_URL, else http://127.0.0.1:3000)
  --key <key>   the API key (default $ORCH_API_KEY, else npm start's bootstrap admin key file)
  --json        the api's answer as JSON on stdout
`;

export const REASON_FLAG: FlagSpec = { name: 'reason', kind: 'string' };

/** The n-th positional argument, or a usage error naming it. */
export function positional(args: ParsedArgs, index: number, what: string, usage: string): string {
  const value = args.positionals[index];
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`, `usage: ${usage}`);
  return value;
}

export function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function requiredText(args: ParsedArgs, name: string, why = ''): string {
  const value = text(args, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required${why ? ` (${why})` : ''}`);
  return value;
}

/** Every operator action is audited with the operator's reason. */
export function reason(args: ParsedArgs): string {
  return requiredText(args, 'reason', 'every operator action is recorded with its reason');
}

/** A comma-separated list: `--tags a,b`. */
export function list(args: ParsedArgs, name: string): string[] | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/** A whole number ≥ 0 (`--priority 0`, `--from 0`); the parser's `count` kind allows only ≥ 1. */
export function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

export function decimal(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${name} must be a number ≥ 0, got "${value}"`);
  return Number(value);
}

export function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** JSON given inline, or `@path` to read it from a file. */
export function json(args: ParsedArgs, name: string): unknown {
  const value = text(args, name);
  if (value === undefined) return undefined;
  const source = value.startsWith('@') ? readFile(value.slice(1), name) : value;
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new UsageError(`--${name} is not valid JSON: ${(error as Error).message}`, `give JSON inline or @file.json`);
  }
}

function readFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--${name}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Leaves out undefined values, so a request body carries only what was given. */
export function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
