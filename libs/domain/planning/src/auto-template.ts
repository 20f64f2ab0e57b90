import type { ResolvedTemplateName } from './task-spec';

/** DOMAIN.md §3.1: `auto` takes the first template, in this order, whose keywords occur as whole words. */
const KEYWORDS: readonly (readonly [ResolvedTemplateName, readonly string[]])[] = [
  ['security', ['auth', 'authentication', 'authorization', 'authorisation', 'oauth', 'security', 'vulnerability']],
  ['microservice', ['microservice', 'microservices', 'distributed']],
  ['crud', ['crud', 'database', 'persistence']],
  ['ui', ['ui', 'frontend', 'front-end', 'screen', 'form']],
  ['refactoring', ['refactor', 'refactoring', 'cleanup', 'restructure']],
];

// A word is a run of letters, digits and underscores; anything else (spaces, hyphens, punctuation) bounds it.
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';

function wholeWord(keyword: string): RegExp {
  const escaped = keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!${WORD_CHAR})${escaped}(?!${WORD_CHAR})`, 'iu');
}

const MATCHERS = KEYWORDS.map(([template, words]) => [template, words.map(wholeWord)] as const);

/** The template `auto` resolves to for a session's `title + " " + prompt`; `feature` when no keyword occurs. */
export function selectTemplate(text: string): ResolvedTemplateName {
  const match = MATCHERS.find(([, patterns]) => patterns.some((pattern) => pattern.test(text)));
  return match ? match[0] : 'feature';
}
