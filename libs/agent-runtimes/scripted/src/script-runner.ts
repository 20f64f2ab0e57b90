import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { clip, pause, untilAborted } from './pause';
import { summaryOf, type ScriptStep } from './script-plan';
import { noteFile, sourceFile } from './script-files';
import type { ScriptedRun } from './scripted-run';
import { tokensOf } from './usage-meter';
import { writeLearned } from './context-writer';

/**
 * Plays a script on a run: one step delay before every step, operator prompts acknowledged at each
 * step boundary, real files written into the working directory. Stops as soon as the run ends.
 */
export async function playScript(run: ScriptedRun, steps: readonly ScriptStep[], stepDelayMs: number): Promise<void> {
  const changed: string[] = [];
  let asked = 0;
  for (const step of steps) {
    if (!(await pause(stepDelayMs, run.signal))) return;
    echoPrompts(run);
    switch (step.kind) {
      case 'say':
        run.progress(step.progress);
        break;
      case 'turn':
        run.progress(step.progress);
        run.turn(step.turn);
        break;
      case 'ask': {
        asked += 1;
        const answer = await run.ask(`permission-${asked}`, step.tool, step.description);
        if (answer === 'deny') {
          const message = `permission denied: ${step.description}`;
          run.end({ status: 'failed', code: 'TASK.PERMISSION_DENIED', message, retryable: false });
        }
        if (answer !== 'allow') return;
        break;
      }
      case 'write':
        await write(run, step.file, step.path, changed);
        if (run.ended) return;
        changed.push(step.path);
        break;
      case 'learn':
        await learn(run, changed);
        if (run.ended) return;
        break;
      case 'hang':
        return untilAborted(run.signal);
      case 'fail':
        run.turn(step.turn);
        run.end({ status: 'failed', ...step.failure });
        return;
      case 'complete':
        return complete(run, changed);
    }
  }
}

async function write(run: ScriptedRun, file: 'source' | 'note', path: string, changed: readonly string[]): Promise<void> {
  const content = file === 'source' ? sourceFile(run.request) : noteFile(run.request, run.prompts, [...changed, path]);
  const target = join(run.request.workingDirectory, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content, 'utf8');
  run.progress({ kind: 'tool', text: `Wrote ${path} (${content.split('\n').length} lines)`, tool: { name: 'write', status: 'completed' } });
  run.turn({ tokensIn: tokensOf(`${run.request.title}\n${path}`), tokensOut: tokensOf(content), apiErrors: 0 });
}

async function learn(run: ScriptedRun, changed: readonly string[]): Promise<void> {
  const access = run.request.orchestrator;
  if (access === undefined) return;
  const learned = { by: run.request.agent.agentId, attempt: run.request.attempt, files: [...changed] };
  const result = await writeLearned(access, run.request.taskId, learned).catch((error: unknown) => ({ written: false as const, reason: String(error) }));
  const text = result.written ? `Recorded what it learned in context version ${result.version}` : `Could not record what it learned: ${result.reason}`;
  run.progress({ kind: 'tool', text, tool: { name: 'context', status: result.written ? 'completed' : 'error' } });
}

function complete(run: ScriptedRun, changed: readonly string[]): void {
  const summary = summaryOf(run.request, changed, run.prompts.length);
  run.progress({ kind: 'text', text: summary });
  run.turn({ tokensIn: tokensOf(changed.join('\n')), tokensOut: tokensOf(summary), apiErrors: 0 });
  run.end({ status: 'completed', summary: clip(summary, 4000), changedFiles: [...changed].sort() });
}

/** The agent's reaction to each operator prompt delivered since the last step: a short model turn. */
function echoPrompts(run: ScriptedRun): void {
  for (const prompt of run.takeUnechoed()) {
    const reply = `Operator prompt received: ${prompt}`;
    run.progress({ kind: 'text', text: reply });
    run.turn({ tokensIn: tokensOf(prompt), tokensOut: tokensOf(reply), apiErrors: 0 });
  }
}
