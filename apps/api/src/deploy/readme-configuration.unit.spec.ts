import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configEnvVars } from '../test-support/config-env-vars';
import { workspaceRoot } from './manifests';

/** The variables named in the first column of README.md's configuration table (`A` / `B` rows name several). */
function readmeVariables(): string[] {
  const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1] ?? ''));
}

describe('README.md configuration table', () => {
  it('given the README and the configuration readers, when compared, then the table names exactly the variables the app reads, once each', () => {
    const documented = readmeVariables();
    expect(documented.length).toBeGreaterThan(20);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...configEnvVars()].sort());
  });
});
