import { createTestDatabase, type TestDatabase } from '@orch/testing';
import { Kysely, sql } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { DEFERRABLE_WRITE, WriteBehindDialect } from './write-behind-dialect';

interface Tables {
  wb_rows: { id: string; n: number | null; tags: string[] | null; doc: unknown; flag: boolean | null; note: string | null; at: string | null };
}

const ROW = {
  n: 9_007_199_254_740_991,
  tags: ['plain', 'with "quotes"', 'back\\slash', 'ünïcødé ✓', ''],
  doc: { nested: { quote: "it's", backslash: 'a\\b', list: [1, null, 'x'] } },
  flag: false,
  note: "'; DROP TABLE wb_rows; -- \\ \n newline",
  at: '2026-12-02T10:11:12.345Z',
};

describe('WriteBehindDialect', () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Kysely<Tables>;
  /** Every message the pool's clients sent: the round trips. */
  let sent: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('rm_write_behind');
    pool = new Pool({ connectionString: database.connectionString, max: 2 });
    const counted = new WeakSet<PoolClient>();
    pool.on('acquire', (client) => {
      if (counted.has(client)) return;
      counted.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        sent.push(typeof args[0] === 'string' ? args[0] : '(config)');
        return query(...args);
      };
    });
    db = new Kysely<Tables>({ dialect: new WriteBehindDialect(pool) });
    await sql`CREATE TABLE wb_rows (id text PRIMARY KEY, n bigint, tags text[], doc jsonb, flag boolean, note text, at timestamptz)`.execute(db);
  });

  beforeEach(async () => {
    await sql`TRUNCATE wb_rows`.execute(db);
    sent = [];
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const heldInsert = (executor: Kysely<Tables>, id: string, row = ROW) =>
    sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO wb_rows (id, n, tags, doc, flag, note, at)
      VALUES (${id}, ${row.n}, ${row.tags}::text[], ${JSON.stringify(row.doc)}::jsonb, ${row.flag}, ${row.note}, ${row.at})`.execute(executor);
  const ids = async (executor: Kysely<Tables>) => (await executor.selectFrom('wb_rows').select('id').orderBy('id').execute()).map((row) => row.id);

  it('given writes held in a transaction, then they go with the next read, which sees them, and the last with the COMMIT: three round trips', async () => {
    const seen = await db.transaction().execute(async (trx) => {
      const before = await ids(trx);
      await heldInsert(trx, 'a');
      await heldInsert(trx, 'b');
      const during = await ids(trx);
      await heldInsert(trx, 'c');
      return { before, during };
    });
    expect(seen).toEqual({ before: [], during: ['a', 'b'] });
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^BEGIN\n;\nselect/);
    expect(sent[1]?.match(/INSERT INTO wb_rows/g)).toHaveLength(2);
    expect(sent[2]).toMatch(/INSERT INTO wb_rows[\s\S]*\n;\nCOMMIT$/);
    expect(await ids(db)).toEqual(['a', 'b', 'c']);
  });

  it('given the same values held and sent as parameters, then both rows are stored alike', async () => {
    await db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'held');
    });
    const { doc: _doc, ...plain } = ROW;
    await db.insertInto('wb_rows').values({ id: 'parameters', ...plain, doc: JSON.stringify(ROW.doc) }).execute();
    const rows = await db.selectFrom('wb_rows').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(2);
    const [held, parameters] = [rows.find((row) => row.id === 'held'), rows.find((row) => row.id === 'parameters')];
    expect({ ...held, id: undefined }).toEqual({ ...parameters, id: undefined });
    expect(held).toMatchObject({ n: String(ROW.n), tags: ROW.tags, doc: ROW.doc, flag: false, note: ROW.note });
    expect(new Date(held?.at as unknown as string).toISOString()).toBe(ROW.at);
  });

  it('given a held write that fails, then the COMMIT fails with its error, nothing of the transaction is stored, and the pool goes on', async () => {
    await db.insertInto('wb_rows').values({ id: 'taken' }).execute();
    const committing = db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'fresh');
      await heldInsert(trx, 'taken');
    });
    await expect(committing).rejects.toThrow(/duplicate key/);
    expect(sent.at(-1)).toBe('ROLLBACK');
    expect(await ids(db)).toEqual(['taken']);
    await db.transaction().execute((trx) => heldInsert(trx, 'after'));
    expect(await ids(db)).toEqual(['after', 'taken']);
  });

  it('given a held write that fails inside a savepoint, then its RELEASE fails, and rolling back to it keeps the rest', async () => {
    await db.insertInto('wb_rows').values({ id: 'taken' }).execute();
    await db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'kept');
      for (const id of ['taken', 'also kept']) {
        await sql`SAVEPOINT one_event`.execute(trx);
        try {
          await heldInsert(trx, id);
          await sql`RELEASE SAVEPOINT one_event`.execute(trx);
        } catch (error) {
          expect(String(error)).toMatch(/duplicate key/);
          await sql`ROLLBACK TO SAVEPOINT one_event`.execute(trx);
        }
      }
    });
    expect(await ids(db)).toEqual(['also kept', 'kept', 'taken']);
  });

  it('given writes held inside a savepoint and the code throws before RELEASE, then ROLLBACK TO drops them unsent, even one that would fail, and the rest commits', async () => {
    await db.insertInto('wb_rows').values({ id: 'taken' }).execute();
    sent = [];
    await db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'kept');
      for (const id of ['taken', 'undone']) {
        await sql`SAVEPOINT one_event`.execute(trx);
        try {
          await heldInsert(trx, id);
          throw new Error('the projector failed after its write');
        } catch {
          await sql`ROLLBACK TO SAVEPOINT one_event`.execute(trx);
        }
      }
    });
    expect(await ids(db)).toEqual(['kept', 'taken']);
    expect(sent.filter((message) => message.includes("'taken'") || message.includes("'undone'"))).toEqual([]);
  });

  it("given kysely's own savepoint API, then it works through the dialect and a rollback to it undoes what was held after it", async () => {
    const trx = await db.startTransaction().execute();
    await heldInsert(trx, 'before');
    const inner = await trx.savepoint('first').execute();
    await heldInsert(inner, 'inside');
    await inner.rollbackToSavepoint('first').execute();
    const second = await trx.savepoint('second').execute();
    await heldInsert(second, 'released');
    await second.releaseSavepoint('second').execute();
    await trx.commit().execute();
    expect(await ids(db)).toEqual(['before', 'released']);
    expect(sent.some((message) => message.endsWith('savepoint "first"'))).toBe(true);
  });

  it('given a held statement that ends in a line comment, then the statement after it is not swallowed by the comment', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO wb_rows (id) VALUES (${'commented'}) -- the last thing on the line`.execute(trx);
      expect(await ids(trx)).toEqual(['commented']);
      await sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO wb_rows (id) VALUES (${'then committed'}) -- before the COMMIT`.execute(trx);
    });
    expect(await ids(db)).toEqual(['commented', 'then committed']);
  });

  it('given a held write and then a statement that cannot be inlined, then the held write is sent first, alone, and the statement with its parameters', async () => {
    await db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'held');
      const dated = await sql<{ id: string }>`UPDATE wb_rows SET at = ${new Date(ROW.at)} WHERE id = ${'held'} RETURNING id`.execute(trx);
      expect(dated.rows).toEqual([{ id: 'held' }]);
    });
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^BEGIN\n;\n\/\* orch:deferrable \*\/ INSERT/);
    expect(sent[1]).toMatch(/^UPDATE wb_rows SET at = \$1/);
    expect(sent[2]).toBe('COMMIT');
  });

  it('given two held writes, then each answers with a result of its own (changing one changes neither the other nor the next)', async () => {
    await db.transaction().execute(async (trx) => {
      const first = await heldInsert(trx, 'one');
      (first.rows as unknown[]).push('changed by its caller');
      const second = await heldInsert(trx, 'two');
      expect(second.rows).toEqual([]);
      expect(second).not.toBe(first);
    });
  });

  it('given a transaction rolled back before anything was sent, then nothing is sent at all', async () => {
    const failing = db.transaction().execute(async (trx) => {
      await heldInsert(trx, 'never');
      throw new Error('changed its mind');
    });
    await expect(failing).rejects.toThrow('changed its mind');
    expect(sent).toEqual([]);
    expect(await ids(db)).toEqual([]);
  });

  it('given a marked write outside a transaction, then it runs at once with its parameters', async () => {
    await heldInsert(db, 'now');
    expect(sent).toHaveLength(1);
    const other = await pool.connect();
    try {
      expect((await other.query('SELECT id FROM wb_rows')).rows).toEqual([{ id: 'now' }]);
    } finally {
      other.release();
    }
  });

  it('given a marked write with a value that cannot be inlined (a Date), then it is not held but runs at once, with its parameters', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO wb_rows (id, at) VALUES (${'dated'}, ${new Date(ROW.at)})`.execute(trx);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toBe('BEGIN');
    });
    expect(sent.at(-1)).toBe('COMMIT');
    const [row] = await db.selectFrom('wb_rows').select('at').execute();
    expect(new Date(row?.at as unknown as string).toISOString()).toBe(ROW.at);
  });

  it('given a transaction that only reads, then BEGIN goes with the first read and COMMIT alone', async () => {
    await db.transaction().execute((trx) => ids(trx));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe('COMMIT');
  });

  it('given an empty transaction, then nothing is sent', async () => {
    await db.transaction().execute(async () => undefined);
    expect(sent).toEqual([]);
  });

  it('given an update whose count the caller reads, then the count is the statement’s own, even sent with the BEGIN', async () => {
    await db.insertInto('wb_rows').values([{ id: 'x', n: 1 }, { id: 'y', n: 1 }]).execute();
    sent = [];
    const result = await db.transaction().execute((trx) => trx.updateTable('wb_rows').set({ n: 2 }).where('n', '=', 1).executeTakeFirst());
    expect(result.numUpdatedRows).toBe(2n);
    expect(sent[0]).toMatch(/^BEGIN\n;\nupdate/);
  });
});
