import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { TaskRunRequest } from '@orch/application';

/** What the mock's turns look like, without importing libs/testing here (adapter code may not): the specs pass the builders in. */
export interface TurnBuilders<Turn> {
  text(text: string, options?: { delayMs?: number; usage?: { inputTokens: number; outputTokens: number } }): Turn;
  toolCall(name: string, args: Record<string, unknown>, options?: { text?: string; delayMs?: number }): Turn;
  error(status: number, message: string): Turn;
  hang(): Turn;
}

export type Behaviour = 'completes' | 'fails' | 'hangs' | 'asksPermission' | 'runsLong';

/** The source file every scripted run writes, relative to its working directory. */
export const GREETING_FILE = 'src/greeting.ts';

/**
 * The model turns that make OpenCode behave as asked: write a file with the `write` tool then
 * answer; fail with a 400; hang; ask (the `careful` agent asks before edits); take long enough to
 * be aborted or prompted mid-run (with a spare turn for an operator's prompt).
 */
export function turnsFor<Turn>(behaviour: Behaviour, workingDirectory: string, build: TurnBuilders<Turn>): Turn[] {
  const write = build.toolCall('write', { filePath: join(workingDirectory, GREETING_FILE), content: 'export const greet = (name: string): string => `Hello, ${name}!`;\n' }, { text: 'I will write the greeting service.' });
  switch (behaviour) {
    case 'completes':
    case 'asksPermission':
      return [write, build.text('Implemented the greeting service in src/greeting.ts.')];
    case 'fails':
      return [build.error(400, 'the scripted model refuses this request')];
    case 'hangs':
      return [build.hang()];
    case 'runsLong':
      return [write, build.text('Checked the greeting service; it works.', { delayMs: 6_000 }), build.text('Added the farewell function as asked.', { delayMs: 500 })];
  }
}

/** A unique marker in the instructions, which the mock's script matches on, and the OpenCode agent the behaviour needs. */
export function scriptedRequest(behaviour: Behaviour, request: TaskRunRequest): { request: TaskRunRequest; marker: string } {
  const marker = `[scripted-run ${randomUUID()}]`;
  const runtime = request.agent.runtime;
  const agent = behaviour === 'asksPermission' && runtime.kind === 'opencode' ? { ...request.agent, runtime: { kind: 'opencode' as const, config: { ...runtime.config, agent: 'careful' } } } : request.agent;
  return { request: { ...request, agent, instructions: `${request.instructions}\n\n${marker}` }, marker };
}
