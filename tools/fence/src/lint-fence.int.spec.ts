import { ProbeProject, type LintOutcome } from './probe-project';

// Each violating file must be reported by `nx lint`; the clean file must not be.
const files = {
  'clean.ts': 'export const answer = (now: string): number => Date.parse(now);\n',
  'imports-pg.ts': "import { Pool } from 'pg';\nexport const make = () => new Pool();\n",
  'imports-node-crypto.ts': "import { randomUUID } from 'node:crypto';\nexport const id = () => randomUUID();\n",
  'imports-bare-builtin.ts': "import { readFileSync } from 'fs';\nexport const read = () => readFileSync('x');\n",
  'calls-date-now.ts': 'export const stamp = () => Date.now();\n',
  'calls-new-date.ts': 'export const stamp = () => new Date().toISOString();\n',
  'calls-math-random.ts': 'export const roll = () => Math.random();\n',
};

describe('given a domain-tagged project', () => {
  const violating = new ProbeProject('violating');
  const clean = new ProbeProject('clean');
  let violatingOutcome: LintOutcome;
  let cleanOutcome: LintOutcome;

  beforeAll(async () => {
    violating.create(files);
    clean.create({ 'clean.ts': files['clean.ts'] });
    violatingOutcome = await violating.lint();
    cleanOutcome = await clean.lint();
  });

  afterAll(() => {
    violating.remove();
    clean.remove();
  });

  it('when it is clean, then nx lint passes', () => {
    expect(cleanOutcome.output).not.toMatch(/error/);
    expect(cleanOutcome.passed).toBe(true);
  });

  it('when it breaks the fences, then nx lint fails', () => {
    expect(violatingOutcome.passed).toBe(false);
  });

  it.each([
    ['imports-pg.ts', /tagged with "type:domain" is not allowed to import "pg"/],
    ['imports-node-crypto.ts', /must not import Node built-ins/],
    ['imports-bare-builtin.ts', /must not import Node built-ins/],
    ['calls-date-now.ts', /No ambient time/],
    ['calls-new-date.ts', /No ambient time/],
    ['calls-math-random.ts', /No ambient randomness/],
  ])('when %s is linted, then it is reported', (file, message) => {
    const section = violatingOutcome.output.split(/\n(?=\S*\/src\/)/).find((part) => part.includes(`src/${file}`));
    expect(section).toBeDefined();
    expect(section).toMatch(message);
  });
});
