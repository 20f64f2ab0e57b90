import { escapeLiteral } from 'pg';

/**
 * A compiled statement with its `$n` parameters written in as quoted literals, for the simple
 * query protocol (which takes several statements in one message, but no parameters).
 *
 * A quoted literal is of type `unknown` until its context gives it one, exactly as an untyped
 * parameter is, and its text is the text pg would have sent as that parameter; so the statement
 * means the same. Undefined when that cannot be promised: a value type outside the list below
 * (Date, Buffer, objects with `toPostgres`), a string with a NUL (the protocol would cut the
 * message there), dollar quoting, a `$` inside an identifier, a nested comment, an `$n`
 * without a value, or a `;` (several statements, which a parameterised statement cannot be). The
 * caller then sends the statement with its parameters as usual.
 *
 * Literals already in the text are read with `standard_conforming_strings` on (PostgreSQL's
 * default since 9.1; kysely writes none itself): a backslash is an escape only in `E'…'`.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string | undefined {
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] as string;
    const next = sql[index + 1];
    let end: number | undefined;
    if (char === "'") end = quotedEnd(sql, index, "'", isEscapeString(sql, index));
    else if (char === '"') end = quotedEnd(sql, index, '"', false);
    else if (char === '-' && next === '-') end = lineCommentEnd(sql, index);
    else if (char === '/' && next === '*') end = blockCommentEnd(sql, index);
    else if (char === '$') {
      const parameter = /^\$(\d+)/.exec(sql.slice(index));
      if (!parameter || isIdentifierChar(sql[index - 1])) return undefined;
      const literal = literalOf(parameters, Number(parameter[1]));
      if (literal === undefined) return undefined;
      out += literal;
      index += parameter[0].length;
      continue;
    } else if (char === ';') return undefined;
    else {
      out += char;
      index++;
      continue;
    }
    if (end === undefined) return undefined;
    out += sql.slice(index, end);
    index = end;
  }
  return out;
}

function literalOf(parameters: readonly unknown[], number: number): string | undefined {
  if (number < 1 || number > parameters.length) return undefined;
  const text = parameterText(parameters[number - 1]);
  if (text === undefined) return undefined;
  return text === null ? 'NULL' : escapeLiteral(text);
}

/** What pg sends for a parameter of these types; undefined for any other. */
function parameterText(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value.includes('\u0000') ? undefined : value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'object':
      if (Array.isArray(value)) return arrayText(value);
      if (!isPlainObject(value)) return undefined;
      // JSON escapes control characters, a NUL included, so the text never holds one.
      return JSON.stringify(value);
    default:
      return undefined;
  }
}

/** PostgreSQL's array syntax, as pg writes an array parameter. */
function arrayText(values: readonly unknown[]): string | undefined {
  const items: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) {
      items.push('NULL');
      continue;
    }
    if (Array.isArray(value)) {
      const nested = arrayText(value);
      if (nested === undefined) return undefined;
      items.push(nested);
      continue;
    }
    const text = typeof value === 'object' ? undefined : parameterText(value);
    if (typeof text !== 'string') return undefined;
    items.push(`"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  }
  return `{${items.join(',')}}`;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toPostgres?: unknown }).toPostgres !== 'function';
}

/** `E'…'`: backslash escapes apply inside. */
function isEscapeString(sql: string, quote: number): boolean {
  const prefix = sql[quote - 1];
  return (prefix === 'E' || prefix === 'e') && !isIdentifierChar(sql[quote - 2]);
}

/** PostgreSQL's identifier characters: ASCII letters, digits, `_`, `$`, and any non-ASCII character. */
function isIdentifierChar(char: string | undefined): boolean {
  return char !== undefined && (/[A-Za-z0-9_$]/.test(char) || char.charCodeAt(0) >= 0x80);
}

/** Index after the closing quote (a doubled quote is part of the text), or undefined if unclosed. */
function quotedEnd(sql: string, start: number, quote: string, backslashEscapes: boolean): number | undefined {
  let index = start + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') index += 2;
    else if (char === quote && sql[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index++;
  }
  return undefined;
}

function lineCommentEnd(sql: string, start: number): number {
  const newline = sql.indexOf('\n', start);
  return newline < 0 ? sql.length : newline;
}

/** PostgreSQL nests block comments; a nested one is refused rather than followed. */
function blockCommentEnd(sql: string, start: number): number | undefined {
  const close = sql.indexOf('*/', start + 2);
  if (close < 0 || sql.slice(start + 2, close).includes('/*')) return undefined;
  return close + 2;
}
