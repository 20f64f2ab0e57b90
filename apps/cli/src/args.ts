import { UsageError } from './cli-error';

/** A flag a command accepts: `--name value`, `--name=value`, or a bare `--name` for booleans. */
export interface FlagSpec {
  readonly name: string;
  /** count: a positive whole number; seconds: a positive number. */
  readonly kind: 'boolean' | 'string' | 'count' | 'seconds';
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | number | true>;
}

/** `--help` and `-h` are accepted everywhere. */
const HELP: FlagSpec = { name: 'help', kind: 'boolean' };

/**
 * Splits argv into positionals and the declared flags. Everything after `--` is positional.
 * Unknown flags, missing values and malformed numbers are usage errors (exit 2).
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const known = new Map([HELP, ...specs].map((spec) => [spec.name, spec]));
  const positionals: string[] = [];
  const flags = new Map<string, string | number | true>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitOnce(arg.replace(/^--?/, ''), '=');
    const spec = arg.startsWith('--') ? known.get(name) : undefined;
    if (!spec) throw new UsageError(`unknown option ${arg.split('=')[0] ?? arg}`, optionsHint(specs));
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, spec.kind === 'string' ? value : parsePositive(spec, value));
  }
  return { positionals, flags };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function parsePositive(spec: FlagSpec, value: string): number {
  const whole = spec.kind === 'count';
  const number = Number(value);
  if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) || !(number > 0)) {
    throw new UsageError(`--${spec.name} must be a positive ${whole ? 'whole number' : 'number'}, got "${value}"`);
  }
  return number;
}

function optionsHint(specs: readonly FlagSpec[]): string {
  return `options here: ${['--help', ...specs.map((spec) => `--${spec.name}`)].join(', ')}`;
}

/** Typed reads of parsed flags. */
export const flag = {
  boolean: (args: ParsedArgs, name: string): boolean => args.flags.get(name) === true,
  number: (args: ParsedArgs, name: string, fallback: number): number => {
    const value = args.flags.get(name);
    return typeof value === 'number' ? value : fallback;
  },
};
