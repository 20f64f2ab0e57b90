import { flag, parseArgs, type FlagSpec } from './args';
import { UsageError } from './cli-error';

const SPECS: FlagSpec[] = [
  { name: 'json', kind: 'boolean' },
  { name: 'limit', kind: 'count' },
  { name: 'interval', kind: 'seconds' },
  { name: 'name', kind: 'string' },
];

describe('parseArgs', () => {
  it('separates positionals from flags in any order, with --x value and --x=value', () => {
    const args = parseArgs(['all', '--limit', '10', '--json', '--interval=0.5', 'more', '--name=a=b'], SPECS);
    expect(args.positionals).toEqual(['all', 'more']);
    expect(Object.fromEntries(args.flags)).toEqual({ limit: 10, json: true, interval: 0.5, name: 'a=b' });
    expect(flag.number(args, 'limit', 1)).toBe(10);
    expect(flag.boolean(args, 'json')).toBe(true);
  });

  it('takes -h and --help everywhere, and everything after -- as positional', () => {
    expect(parseArgs(['-h'], []).flags.get('help')).toBe(true);
    expect(parseArgs(['--help'], SPECS).flags.get('help')).toBe(true);
    expect(parseArgs(['--', '--json', '-x'], SPECS).positionals).toEqual(['--json', '-x']);
  });

  it('falls back to defaults for absent flags', () => {
    const args = parseArgs([], SPECS);
    expect(flag.number(args, 'limit', 50)).toBe(50);
    expect(flag.boolean(args, 'json')).toBe(false);
  });

  it.each([
    [['--nope'], /unknown option --nope/],
    [['-x'], /unknown option -x/],
    [['--limit'], /--limit needs a value/],
    [['--limit', '--json'], /--limit needs a value/],
    [['--limit', '0'], /positive whole number, got "0"/],
    [['--limit', '2.5'], /positive whole number/],
    [['--interval', 'soon'], /positive number, got "soon"/],
    [['--json=yes'], /--json takes no value/],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseArgs(argv, SPECS)).toThrow(UsageError);
    expect(() => parseArgs(argv, SPECS)).toThrow(message);
  });
});
