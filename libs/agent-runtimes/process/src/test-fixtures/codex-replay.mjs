#!/usr/bin/env node
// A stand-in for `codex` (Codex CLI 0.171.0) that replays JSONL recorded from `codex exec --json`
// against the Responses mock (recordings/codex/*.jsonl; ids and paths are {{placeholders}}).
// It insists on the command lines the process runtime must give it, reads the prompt from stdin
// (`-`) like the real CLI, does on disk what the recorded commands did ({"$":"write"}), and keeps
// each thread under $CODEX_HOME so that `codex exec resume <thread> -` continues it.
// `[replay:<behaviour>]` in the first prompt picks the recording.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDINGS = { completes: 'completes', runsLong: 'completes', hangs: 'completes', fails: 'fails', asksPermission: 'escalation-refused' };
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const resuming = args[0] === 'exec' && args[1] === 'resume';
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

function refuse(why) {
  process.stderr.write(`codex-replay: ${why}; got: ${args.join(' ')}\n`);
  process.exit(2);
}

if (args[0] !== 'exec' || !args.includes('--json') || !args.includes('--skip-git-repo-check') || args.at(-1) !== '-') refuse('expected exec … --json --skip-git-repo-check … -');
if (!resuming && (flag('-C') !== process.cwd() || flag('--sandbox') !== 'workspace-write')) refuse(`expected -C ${process.cwd()} --sandbox workspace-write`);
if (resuming && flag('-c') !== 'sandbox_mode="workspace-write"') refuse('expected resume -c sandbox_mode="workspace-write"');
const home = process.env.CODEX_HOME;
if (home === undefined) refuse('CODEX_HOME is not set');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const prompt = Buffer.concat(chunks).toString('utf8');
process.stderr.write('Reading additional input from stdin...\n');

const threads = join(home, 'replay-threads');
mkdirSync(threads, { recursive: true });
const threadId = resuming ? args.at(-2) : `01a23303-${process.pid.toString(16).padStart(4, '0').slice(-4)}-7d93-b834-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
const stateFile = join(threads, `${threadId}.json`);
const behaviour = resuming ? JSON.parse(readFileSync(stateFile, 'utf8')).behaviour : (/\[replay:(\w+)\]/.exec(prompt)?.[1] ?? 'completes');
writeFileSync(stateFile, JSON.stringify({ behaviour, prompts: [prompt] }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const escaped = (value) => JSON.stringify(String(value)).slice(1, -1);
const values = { thread_id: threadId, cwd: process.cwd(), port: '1' };
const name = resuming ? 'resumed' : (RECORDINGS[behaviour] ?? 'completes');
const stepMs = behaviour === 'runsLong' && !resuming ? 250 : 5;

for (const raw of readFileSync(join(here, 'recordings', 'codex', `${name}.jsonl`), 'utf8').split('\n').filter((line) => line !== '')) {
  await sleep(stepMs);
  const line = raw.replace(/\{\{(\w+)\}\}/g, (whole, key) => (key in values ? escaped(values[key]) : whole));
  const event = JSON.parse(line);
  if (event.$ === 'write') {
    mkdirSync(dirname(join(process.cwd(), event.path)), { recursive: true });
    writeFileSync(join(process.cwd(), event.path), event.content);
    continue;
  }
  process.stdout.write(`${line}\n`);
  if (behaviour === 'hangs' && event.type === 'turn.started') await new Promise(() => setInterval(() => undefined, 60_000));
}
process.exit(name === 'fails' ? 1 : 0);
