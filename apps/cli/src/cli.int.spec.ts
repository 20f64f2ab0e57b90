import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './test-support/run-cli';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('cli, run as a child process', () => {
  it('--help prints the commands and the environment on stdout; no arguments prints them on stderr with exit 2', async () => {
    const help = await runCli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/projections status[\s\S]*projections rebuild[\s\S]*projections parked[\s\S]*DATABASE_URL/);
    expect(await runCli([], {})).toMatchObject({ code: 2, stdout: '', stderr: help.stdout });
    const rebuildHelp = await runCli(['projections', 'rebuild', '--help'], {});
    expect(rebuildHelp).toMatchObject({ code: 0, stderr: '' });
    expect(rebuildHelp.stdout).toMatch(/^Usage: orchestrator projections rebuild <name\|all>/);
  });

  it('usage mistakes exit 2 with a message', async () => {
    expect(await runCli(['projections', 'rebuild'], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: which projection\?/) });
    expect(await runCli(['projections', 'status', '--jsn'], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown option --jsn/) });
    expect(await runCli(['projection', 'status'], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: unknown command "projection"/) });
    expect(await runCli(['projections', 'status'], { EVENT_STORE: 'mongo' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/EVENT_STORE must be postgres or esdb/) });
  });

  describe('without DATABASE_URL', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orch-cli-'));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('refuses (exit 2) when there is no embedded database to inspect, saying how to point at one', async () => {
      const run = await runCli(['projections', 'status'], { ORCH_DATA_DIR: dataDir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`error: DATABASE_URL is not set and there is no embedded database under ${join(dataDir, 'pg')}`);
    });

    it('joins the embedded cluster a running npm start owns, on the port its postmaster.pid names', async () => {
      const port = await freePort();
      mkdirSync(join(dataDir, 'pg'));
      writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '18\n');
      // A live pid (ours) stands in for the cluster's postmaster; nothing listens on the port.
      writeFileSync(join(dataDir, 'pg', 'postmaster.pid'), `${process.pid}\n${dataDir}/pg\n1700000000\n${port}\n/tmp\n127.0.0.1\n`);
      const run = await runCli(['projections', 'status'], { ORCH_DATA_DIR: dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`127.0.0.1:${port}`);
    });
  });
});
