/** At most `limit` code points. */
export function clip(text: string, limit: number): string {
  const points = [...text];
  return points.length <= limit ? text : `${points.slice(0, limit - 1).join('')}…`;
}

/** Progress text limit of TaskProgressed (DOMAIN.md §7). */
export const MAX_PROGRESS = 8000;
/** Failure message limit. */
export const MAX_MESSAGE = 2000;
/** Summary limit of CompleteTask. */
export const MAX_SUMMARY = 4000;

export type Json = Record<string, unknown>;

export function parseJsonLine(line: string): Json | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

export const asJson = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
export const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
export const asNumber = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The plain text of a content value: a string, or blocks with `text` (nested `content` too). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(textOf).filter((text) => text !== '').join('\n');
  const block = asJson(content);
  if (typeof block['text'] === 'string') return block['text'];
  return 'content' in block ? textOf(block['content']) : '';
}

/** `provider/model` → `model` (the CLIs take their own model names). */
export const modelName = (model: string | undefined): string | undefined => (model === undefined ? undefined : model.slice(model.indexOf('/') + 1));
