import type { TaskRunRequest } from '@orch/application';

/** `Implement the greeting service` → `implement-the-greeting-service` (≤ 48 characters; the task id if nothing is left). */
export function slugOf(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** `implement-the-greeting-service` → `implementTheGreetingService`; never starts with a digit. */
export function identifierOf(slug: string): string {
  const camel = slug.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
  return /^[0-9]/.test(camel) ? `task${camel}` : camel;
}

export const sourcePath = (request: TaskRunRequest): string => `src/${slugOf(request.title, request.taskId)}.ts`;
export const notePath = (request: TaskRunRequest): string => `notes/${request.taskId}.md`;

/** A small, valid TypeScript module named after the task. */
export function sourceFile(request: TaskRunRequest): string {
  const name = identifierOf(slugOf(request.title, request.taskId));
  return [
    `// ${request.title}`,
    `// Written by a scripted agent for task ${request.taskId}, attempt ${request.attempt}.`,
    '',
    `export function ${name}(subject: string): string {`,
    `  return ${JSON.stringify(`${request.title}: `)} + subject;`,
    '}',
    '',
  ].join('\n');
}

/** The agent's notes: what it was asked, what the operator added, what it changed. */
export function noteFile(request: TaskRunRequest, prompts: readonly string[], changed: readonly string[]): string {
  const excerpt = [...request.instructions.trim()].slice(0, 2000).join('');
  return [
    `# ${request.title}`,
    '',
    `Task \`${request.taskId}\`, attempt ${request.attempt}, by a scripted agent.`,
    '',
    '## Instructions',
    '',
    excerpt,
    '',
    '## Operator prompts',
    '',
    ...(prompts.length === 0 ? ['None.'] : prompts.map((prompt) => `- ${prompt}`)),
    '',
    '## Changes',
    '',
    ...changed.map((path) => `- \`${path}\``),
    '',
  ].join('\n');
}
