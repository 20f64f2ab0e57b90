import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// js-yaml comes with the toolchain (no types shipped); only its loadAll is used, to read our own files.
const yaml = require('js-yaml') as { loadAll(text: string): unknown[] };

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');

/** Every YAML document of a file, parsed. */
export function yamlDocuments(path: string): Record<string, unknown>[] {
  return yaml.loadAll(readFileSync(join(workspaceRoot, path), 'utf8')).filter((doc): doc is Record<string, unknown> => typeof doc === 'object' && doc !== null);
}

/** Every document of every manifest under a directory. */
export function manifestsUnder(directory: string): { file: string; doc: Record<string, unknown> }[] {
  return readdirSync(join(workspaceRoot, directory))
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .flatMap((name) => yamlDocuments(join(directory, name)).map((doc) => ({ file: name, doc })));
}

/** `a.b.c` of a parsed document (for assertions on nested manifests). */
export function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined), value);
}
