#!/usr/bin/env node
// A tiny reference agent for the process runtime's generic JSON-lines protocol (README, "Generic
// line format"): the task comes as the first stdin line, operator prompts and permission answers
// as later ones; it reports progress, usage, permission requests and one result on stdout, and
// writes real files into its working directory. `[agent:<behaviour>]` in the instructions picks
// what it does: completes, fails, hangs, asksPermission, runsLong (the contract's), and for the
// runtime's own tests: stubborn (ignores SIGTERM, leaves a grandchild in a session of its own),
// env (shows its argv and environment), crash (stderr, exit 3), noisy (an oversized line, a line
// written in pieces, plain text), commits (commits its work with git).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const prompts = [];
const answers = new Map();
let task;
let wake = () => undefined;

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const message = JSON.parse(line);
    if (message.type === 'task') task = message;
    if (message.type === 'prompt') {
      prompts.push(message.text);
      say({ type: 'progress', kind: 'text', text: `Noted the operator's prompt: ${message.text}` });
    }
    if (message.type === 'permission_answer') answers.set(message.requestId, message.answer);
    wake();
  })
  // The runtime closes stdin once the result is in: time to go.
  .on('close', () => process.exit(0));

async function until(ready) {
  while (!ready()) await new Promise((resolve) => (wake = resolve));
}

function write(path, content) {
  mkdirSync(dirname(join(task.workingDirectory, path)), { recursive: true });
  writeFileSync(join(task.workingDirectory, path), content);
  say({ type: 'progress', kind: 'tool', text: `wrote ${path}`, tool: { name: 'write', status: 'completed' } });
}

await until(() => task !== undefined);
const behaviour = /\[agent:(\w+)\]/.exec(task.instructions)?.[1] ?? 'completes';
const step = behaviour === 'runsLong' ? 400 : 5;
const forever = () => new Promise(() => setInterval(() => undefined, 60_000));

const SPECIAL = {
  stubborn: async () => {
    process.on('SIGTERM', () => say({ type: 'progress', kind: 'status', text: 'ignoring SIGTERM' }));
    const script = "process.on('SIGTERM', () => undefined); setInterval(() => undefined, 60000)";
    const grandchild = spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
    say({ type: 'progress', kind: 'status', text: `grandchild ${grandchild.pid}` });
    await forever();
  },
  env: async () => {
    say({ type: 'progress', kind: 'text', text: JSON.stringify({ argv: process.argv.slice(2), env: process.env }) });
  },
  crash: async () => {
    process.stderr.write('boom: the agent fell over\n');
    process.exit(3);
  },
  noisy: async () => {
    process.stdout.write(`${JSON.stringify({ type: 'progress', kind: 'text', text: 'x'.repeat(2 * 1024 * 1024) })}\n`);
    const line = JSON.stringify({ type: 'progress', kind: 'text', text: 'written in three pieces' });
    for (const piece of [line.slice(0, 10), line.slice(10, 30), `${line.slice(30)}\n`]) {
      process.stdout.write(piece);
      await sleep(20);
    }
    process.stdout.write('plain text, not JSON\n');
  },
  commits: async () => {
    write('src/committed.ts', 'export const committed = true;\n');
    const git = (...args) => execFileSync('git', ['-c', 'user.name=agent', '-c', 'user.email=agent@example.test', ...args], { cwd: task.workingDirectory });
    git('add', '-A');
    git('commit', '-q', '-m', 'agent: committed its work');
    say({ type: 'result', status: 'completed', summary: 'Committed src/committed.ts.' });
    await forever();
  },
};

say({ type: 'progress', kind: 'status', text: `Reading task ${task.taskId}: ${task.title} (pid ${process.pid})` });
await sleep(step);
if (behaviour in SPECIAL) await SPECIAL[behaviour]();
say({ type: 'progress', kind: 'reasoning', text: 'Plan: write the source file, then a note.' });
say({ type: 'usage', tokensIn: 120, tokensOut: 30, costUsd: 0.000810, apiCalls: 1, apiErrors: 0 });
if (behaviour === 'hangs') setInterval(() => undefined, 60_000);
else if (behaviour === 'fails') {
  say({ type: 'usage', tokensIn: 0, tokensOut: 0, costUsd: 0, apiCalls: 1, apiErrors: 1 });
  say({ type: 'result', status: 'failed', message: 'the model provider kept answering 503', retryable: true });
} else {
  if (behaviour === 'asksPermission') {
    say({ type: 'permission', requestId: 'perm-1', tool: 'write', description: 'write src/greeting.ts' });
    await until(() => answers.has('perm-1'));
    if (answers.get('perm-1') === 'deny') {
      say({ type: 'result', status: 'failed', message: 'cannot write src/greeting.ts without permission', retryable: false });
    }
  }
  if (answers.get('perm-1') !== 'deny') {
    for (const stepName of ['source', 'note']) {
      await sleep(step * 2);
      if (stepName === 'source') write('src/greeting.ts', 'export const greet = (name: string): string => `Hello, ${name}!`;\n');
      else write(`notes/${task.taskId}.md`, `# ${task.title}\n\nOperator prompts:\n${prompts.map((text) => `- ${text}`).join('\n')}\n`);
    }
    say({ type: 'usage', tokensIn: 400, tokensOut: 90, costUsd: 0.002550, apiCalls: 2, apiErrors: 0 });
    say({ type: 'result', status: 'completed', summary: `Wrote src/greeting.ts and notes/${task.taskId}.md.` });
  }
}
