#!/usr/bin/env node
// A stand-in for `claude` (Claude Code 2.1.332) that replays stream-json recorded from the real
// binary against the Anthropic Messages mock (recordings/claude-code/*.jsonl; ids and paths are
// {{placeholders}}). It insists on the command line the process runtime must give it, reads
// stream-json user messages and control responses from stdin like the real CLI, and does on disk
// what the recorded tools did. `[replay:<behaviour>]` in the first prompt picks the recording.
// Recording directives: {"$":"replay"} echoes the user message being answered (--replay-user-messages),
// {"$":"write"} writes a file as the recorded tool did, {"$":"await_permission"} waits for the host's
// control_response (a denial plays asks-permission-denied), {"$":"echo_control_response"} echoes it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REQUIRED = ['-p', '--output-format=stream-json', '--verbose', '--input-format=stream-json', '--replay-user-messages', '--permission-prompt-tool=stdio'];
const RECORDINGS = { completes: 'completes', runsLong: 'completes', hangs: 'completes', fails: 'fails', asksPermission: 'asks-permission' };
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

function flag(name) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const missing = REQUIRED.filter((spec) => {
  const [name, value] = spec.split('=');
  return value === undefined ? !args.includes(name) : flag(name) !== value;
});
const sessionId = flag('--session-id') ?? '';
if (missing.length > 0 || !/^[0-9a-f-]{36}$/.test(sessionId)) {
  process.stderr.write(`claude-replay: expected ${missing.join(' ')} and --session-id <uuid>, got: ${args.join(' ')}\n`);
  process.exit(2);
}

const inbox = [];
const controls = [];
let eof = false;
let wake = () => undefined;
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const message = JSON.parse(line);
    (message.type === 'control_response' ? controls : inbox).push(message);
    wake();
  })
  .on('close', () => {
    eof = true;
    wake();
  });

async function next(queue) {
  while (queue.length === 0 && !eof) await new Promise((resolve) => (wake = resolve));
  return queue.shift();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const emit = (value) => process.stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
const recording = (name) => readFileSync(join(here, 'recordings', 'claude-code', `${name}.jsonl`), 'utf8').split('\n').filter((line) => line !== '');
const escaped = (value) => JSON.stringify(String(value)).slice(1, -1);

let costSoFar = 0;
let lastResult;

/** The recorded session costs add up as Claude's own running total does. */
function withRunningCost(line) {
  const result = JSON.parse(line);
  const turn = Object.values(result.model_usage_since_last_result ?? {}).reduce((sum, usage) => sum + (usage.costUSD ?? 0), 0);
  costSoFar = Math.round((costSoFar + turn) * 1e6) / 1e6;
  lastResult = { ...result, total_cost_usd: costSoFar };
  return lastResult;
}

async function play(name, message, options) {
  const requestId = `${Date.now().toString(16)}-0000-4000-8000-${process.pid.toString(16).padStart(12, '0')}`;
  const values = { cwd: process.cwd(), home: process.env.HOME ?? '', root: dirname(process.cwd()), session_id: sessionId, command_uuid: message.uuid ?? '', request_id: requestId, pid: process.pid };
  let control;
  for (const raw of recording(name)) {
    await sleep(options.stepMs);
    const line = raw.replace(/\{\{(\w+)\}\}/g, (whole, key) => (key in values ? escaped(values[key]) : whole));
    const directive = JSON.parse(line).$;
    if (directive === 'replay') emit({ type: 'user', message: message.message, session_id: sessionId, parent_tool_use_id: null, uuid: message.uuid, timestamp: new Date().toISOString(), isReplay: true });
    else if (directive === 'write') {
      const { path, content } = JSON.parse(line);
      mkdirSync(dirname(join(process.cwd(), path)), { recursive: true });
      writeFileSync(join(process.cwd(), path), content);
    } else if (directive === 'await_permission') {
      control = await next(controls);
      if (control === undefined) return;
      if (control.response.response.behavior === 'deny') return play('asks-permission-denied', message, { ...options, control });
    } else if (directive === 'echo_control_response') emit(control ?? options.control);
    else if (line.includes('"type":"result"')) emit(withRunningCost(line));
    else emit(line);
    if (options.hang && line.includes('"type":"assistant"')) await new Promise(() => setInterval(() => undefined, 60_000));
  }
}

const first = await next(inbox);
if (first !== undefined) {
  const behaviour = /\[replay:(\w+)\]/.exec(JSON.stringify(first.message.content))?.[1] ?? 'completes';
  const options = { stepMs: behaviour === 'runsLong' ? 250 : 5, hang: behaviour === 'hangs' };
  await play(RECORDINGS[behaviour] ?? 'completes', first, options);
  // Like the real CLI: every further user message is one more turn; EOF on stdin ends the session.
  for (let message = await next(inbox); message !== undefined; message = await next(inbox)) await play('followup', message, { stepMs: 5 });
}
process.exit(lastResult?.is_error === true ? 1 : 0);
