import { inlineParameters } from './inline-parameters';

describe('inlineParameters', () => {
  it('given scalar parameters, then each $n becomes the quoted text pg would send, NULL for null', () => {
    expect(inlineParameters('UPDATE t SET a = $1, b = $2, c = $3, d = $4, e = $5 WHERE f = $6', ['x', 42, 12n, true, null, undefined])).toBe(
      "UPDATE t SET a = 'x', b = '42', c = '12', d = 'true', e = NULL WHERE f = NULL",
    );
  });

  it('given $10 and $1, then each is replaced whole', () => {
    const parameters = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(inlineParameters('SELECT $1, $10', parameters)).toBe("SELECT '1', '10'");
  });

  it('given quotes and backslashes in a value, then the literal keeps them (doubled quotes, E-string for backslashes)', () => {
    expect(inlineParameters('SELECT $1', ["it's"])).toBe("SELECT 'it''s'");
    expect(inlineParameters('SELECT $1', ['a\\b'])).toBe("SELECT  E'a\\\\b'");
    expect(inlineParameters('SELECT $1::jsonb', [JSON.stringify({ quote: "'; DROP TABLE t; --" })])).toBe(
      `SELECT '{"quote":"''; DROP TABLE t; --"}'::jsonb`,
    );
  });

  it('given arrays, then they become array literals, elements quoted and escaped as pg does', () => {
    expect(inlineParameters('SELECT $1::text[]', [['a', 'b"c', 'd\\e', null]])).toBe(`SELECT  E'{"a","b\\\\"c","d\\\\\\\\e",NULL}'::text[]`);
    expect(inlineParameters('SELECT $1::int[]', [[[1, 2], [3, 4]]])).toBe(`SELECT '{{"1","2"},{"3","4"}}'::int[]`);
  });

  it('given a plain object, then it is sent as its JSON', () => {
    expect(inlineParameters('SELECT $1', [{ a: [1, 'two'] }])).toBe(`SELECT '{"a":[1,"two"]}'`);
    // JSON writes a NUL as the escape \u0000, so the message never holds a raw one.
    expect(inlineParameters('SELECT $1', [{ a: 'a\u0000b' }])).toBe(`SELECT  E'{"a":"a\\\\u0000b"}'`);
  });

  it('given $n inside quotes, identifiers or comments, then those are left as written', () => {
    expect(inlineParameters(`SELECT '$1', "col$1", $1 -- $1\n/* $1 */ FROM t`, ['v'])).toBe(`SELECT '$1', "col$1", 'v' -- $1\n/* $1 */ FROM t`);
    expect(inlineParameters(`SELECT 'it''s $1', E'\\' $1', $1`, ['v'])).toBe(`SELECT 'it''s $1', E'\\' $1', 'v'`);
  });

  it('given several statements, then it refuses (a parameterised statement is one statement), but a ; inside quotes or comments is text', () => {
    expect(inlineParameters('SELECT 1; SELECT $1', [1])).toBeUndefined();
    expect(inlineParameters("SELECT $1, ';' /* ; */ -- ;\n", [1])).toBe("SELECT '1', ';' /* ; */ -- ;\n");
  });

  it('given $n right after a non-ASCII letter or symbol, then it refuses: PostgreSQL reads that as part of an identifier', () => {
    expect(inlineParameters('SELECT ×$1', [1])).toBeUndefined();
    expect(inlineParameters('SELECT é$1', [1])).toBeUndefined();
    expect(inlineParameters('SELECT ($1)', [1])).toBe("SELECT ('1')");
  });

  it('given SQL without parameters, then it is returned unchanged', () => {
    expect(inlineParameters('/* orch:deferrable */ DELETE FROM t', [])).toBe('/* orch:deferrable */ DELETE FROM t');
  });

  it.each([
    ['a Date', 'SELECT $1', [new Date(0)]],
    ['a Buffer', 'SELECT $1', [Buffer.from('x')]],
    ['an object with toPostgres', 'SELECT $1', [{ toPostgres: () => 'x' }]],
    ['a class instance', 'SELECT $1', [new (class Point {})()]],
    ['a function', 'SELECT $1', [() => 1]],
    ['a symbol', 'SELECT $1', [Symbol('s')]],
    ['a NUL in a string', 'SELECT $1', ['a\u0000b']],
    ['an object inside an array', 'SELECT $1', [[{ a: 1 }]]],
    ['a Date inside an array', 'SELECT $1', [[new Date(0)]]],
    ['a parameter number without a value', 'SELECT $2', ['only one']],
    ['$0', 'SELECT $0', ['x']],
    ['dollar quoting', 'SELECT $$text$$, $1', ['x']],
    ['a tagged dollar quote', 'SELECT $tag$text$tag$', []],
    ['a $ inside an identifier', 'SELECT a$1 FROM t', ['x']],
    ['an unclosed quote', "SELECT 'abc", []],
    ['an unclosed identifier', 'SELECT "abc', []],
    ['a nested block comment', 'SELECT /* a /* b */ c */ $1', ['x']],
    ['an unclosed block comment', 'SELECT /* a', []],
  ])('given %s, then it refuses (undefined), so the statement is sent with its parameters', (_, sql, parameters) => {
    expect(inlineParameters(sql, parameters)).toBeUndefined();
  });
});
