import {
  createQueryId,
  IdentifierNode,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { Pool, PoolClient, QueryResult as PgResult } from 'pg';
import { inlineParameters } from './inline-parameters';

/**
 * Marks a write whose caller needs nothing back (no rows, no count): inside a transaction it may
 * be held and sent with the next statement that needs an answer, or with the COMMIT. Written as
 * the statement's first characters; elsewhere it is an ordinary comment.
 */
export const DEFERRABLE_WRITE = '/* orch:deferrable */ ';

/**
 * kysely's PostgreSQL dialect, but inside a transaction the marked writes (DEFERRABLE_WRITE) are
 * held and sent together with the next statement that has to answer, in one simple-query message
 * (inlineParameters): a projector batch of `BEGIN`, checkpoint, reads, four writes and `COMMIT`
 * costs three round trips instead of eight, on a loop that is busy between them. A held write
 * that fails makes that later statement (or the COMMIT) fail, and the transaction rolls back as
 * it would have; a savepoint's RELEASE is such a statement, so a failure stays within its event,
 * and a `ROLLBACK [TO SAVEPOINT]` drops what is held instead of sending it (it would be undone
 * anyway, and a failing held write must not make the rollback itself fail).
 *
 * A statement that rides along with held writes goes by the simple protocol, its parameters
 * inlined: a literal is typed by its context as an untyped parameter is, so it means the same;
 * the one difference is that a few statements PostgreSQL refuses with untyped parameters
 * (`pg_typeof($1)`, `$1 IS NULL`) are accepted with a literal.
 */
export class WriteBehindDialect implements Dialect {
  constructor(private readonly pool: Pool) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new WriteBehindDriver(this.pool);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class WriteBehindDriver implements Driver {
  private destroyed = false;

  constructor(private readonly pool: Pool) {}

  /** The pool is given ready; nothing to set up. */
  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.pool.connect();
    if (this.destroyed) {
      client.release();
      throw new Error('driver has already been destroyed');
    }
    return new WriteBehindConnection(client);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'BEGIN';
    if (settings.isolationLevel || settings.accessMode) {
      sql = ['START TRANSACTION', settings.isolationLevel && `ISOLATION LEVEL ${settings.isolationLevel}`, settings.accessMode].filter(Boolean).join(' ');
    }
    (connection as WriteBehindConnection).begin(sql);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WriteBehindConnection).end('COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as WriteBehindConnection).end('ROLLBACK');
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('savepoint', name), createQueryId()));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('rollback to', name), createQueryId()));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(compile(savepointCommand('release', name), createQueryId()));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as WriteBehindConnection).release();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.pool.end();
  }
}

/** `SAVEPOINT "name"` and the like, the name quoted as an identifier (as kysely's own driver). */
function savepointCommand(command: 'savepoint' | 'rollback to' | 'release', name: string) {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

/**
 * Held statements are joined by a newline before the semicolon: a statement ending in a line
 * comment would otherwise comment the separator out.
 */
const joined = (statements: readonly string[]) => statements.join('\n;\n');

/** `ROLLBACK`, `ROLLBACK TO SAVEPOINT x`, `ROLLBACK WORK`, …: undoes whatever is held. */
const ROLLBACK = /^\s*rollback\b/i;

export class WriteBehindConnection implements DatabaseConnection {
  /** Statements of the open transaction not sent yet, `BEGIN` first until something is sent. */
  private held: string[] = [];
  private inTransaction = false;
  /** Whether the server has seen this transaction's BEGIN. */
  private begun = false;

  constructor(private readonly client: PoolClient) {}

  begin(sql: string): void {
    this.held = [sql];
    this.inTransaction = true;
    this.begun = false;
  }

  /** COMMIT with what is held, in one message; ROLLBACK drops what is held (and is not sent if BEGIN never was). */
  async end(sql: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    const held = sql === 'COMMIT' ? this.held : [];
    this.held = [];
    // Nothing reached the server (only BEGIN is held, or a rollback drops the rest): nothing to end.
    if (this.begun || held.length > 1) {
      // Still begun if this fails: a COMMIT whose held writes failed leaves an aborted transaction,
      // which the ROLLBACK kysely sends next must then really end.
      this.begun = true;
      await this.client.query(joined([...held, sql]));
    }
    this.inTransaction = false;
    this.begun = false;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const deferrable = this.inTransaction && compiled.sql.startsWith(DEFERRABLE_WRITE);
    // Everything held since the last statement sent, and so since the latest savepoint (a SAVEPOINT is sent).
    if (!deferrable && ROLLBACK.test(compiled.sql)) this.held = this.begun ? [] : this.held.slice(0, 1);
    const inline = deferrable || this.held.length > 0 ? inlineParameters(compiled.sql, compiled.parameters) : undefined;
    if (deferrable && inline !== undefined) {
      this.held.push(inline);
      return { rows: [] };
    }
    if (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      this.begun = true;
      if (inline !== undefined) return resultOf<R>(lastOf(await this.client.query(joined([...held, inline]))));
      await this.client.query(joined(held));
    }
    if (this.inTransaction) this.begun = true;
    return resultOf<R>(await this.client.query(compiled.sql, [...compiled.parameters]));
  }

  /** Not offered, as kysely's own dialect without a `cursor`. */
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported by the read-model database');
  }

  /** A connection whose transaction could not be ended goes back to the pool destroyed, never reused half-open. */
  release(): void {
    const unended = this.begun;
    this.held = [];
    this.inTransaction = false;
    this.begun = false;
    this.client.release(unended || undefined);
  }
}

/** Several statements in one message answer with one result each: the caller's is the last. */
function lastOf(result: PgResult | PgResult[]): PgResult {
  return Array.isArray(result) ? (result.at(-1) as PgResult) : result;
}

/** As kysely's PostgresConnection reports a result. */
function resultOf<R>({ command, rowCount, rows }: PgResult): QueryResult<R> {
  const counted = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { numAffectedRows: counted ? BigInt(rowCount ?? 0) : undefined, rows: (rows ?? []) as R[] };
}
