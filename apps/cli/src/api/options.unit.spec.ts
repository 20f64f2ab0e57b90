import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../args';
import { UsageError } from '../cli-error';
import { resolveApiTarget } from './api-target';
import { API_FLAGS, json, list, reason, wholeNumber } from './options';

const args = (...argv: string[]) =>
  parseArgs(argv, [...API_FLAGS, { name: 'reason', kind: 'string' }, { name: 'tags', kind: 'string' }, { name: 'from', kind: 'string' }, { name: 'ops', kind: 'string' }]);

describe('api command options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orch-cli-options-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given --url/--key, the environment and a bootstrap key file, when the target is resolved, then flags win, then the environment, then the file', () => {
    writeFileSync(join(dir, 'bootstrap-admin-key'), 'orch_from_file\n');
    const env = { ORCH_API_URL: 'http://api:3000', ORCH_API_KEY: 'orch_from_env', ORCH_DATA_DIR: dir };
    expect(resolveApiTarget(args('--url', 'https://x.example', '--key', 'orch_flag'), env)).toEqual({ url: 'https://x.example', key: 'orch_flag', keySource: '--key' });
    expect(resolveApiTarget(args(), env)).toEqual({ url: 'http://api:3000', key: 'orch_from_env', keySource: 'ORCH_API_KEY' });
    expect(resolveApiTarget(args(), { ORCH_DATA_DIR: dir })).toEqual({ url: 'http://127.0.0.1:3000', key: 'orch_from_file', keySource: 'bootstrap-admin-key file' });
  });

  it('given no key anywhere or a url that is not http, when the target is resolved, then it is a usage error with a hint', () => {
    expect(() => resolveApiTarget(args(), { ORCH_DATA_DIR: join(dir, 'none') })).toThrow(new UsageError('no API key'));
    expect(() => resolveApiTarget(args('--url', 'api:3000', '--key', 'k'), {})).toThrow(/must be an http:\/\/ or https:\/\/ URL/);
  });

  it('given an action without --reason or with a blank one, when read, then it is a usage error', () => {
    expect(() => reason(args())).toThrow(/--reason is required/);
    expect(() => reason(args('--reason', '  '))).toThrow(/--reason is required/);
    expect(reason(args('--reason', 'ticket 42'))).toBe('ticket 42');
  });

  it('given lists, whole numbers and JSON inline or from a file, when read, then they parse or say what is wrong', () => {
    expect(list(args('--tags', 'a, b,,c'), 'tags')).toEqual(['a', 'b', 'c']);
    expect(wholeNumber(args('--from', '0'), 'from')).toBe(0);
    expect(() => wholeNumber(args('--from', '-1'), 'from')).toThrow(/whole number/);
    expect(json(args('--ops', '[{"op":"delete","path":"a"}]'), 'ops')).toEqual([{ op: 'delete', path: 'a' }]);
    writeFileSync(join(dir, 'ops.json'), '[{"op":"set","path":"a","value":1}]');
    expect(json(args('--ops', `@${join(dir, 'ops.json')}`), 'ops')).toEqual([{ op: 'set', path: 'a', value: 1 }]);
    expect(() => json(args('--ops', '{nope'), 'ops')).toThrow(/--ops is not valid JSON/);
    expect(() => json(args('--ops', '@/no/such/file'), 'ops')).toThrow(/cannot read \/no\/such\/file: ENOENT/);
  });
});
