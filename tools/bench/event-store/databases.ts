import { createTestDatabase, type TestDatabase } from '@orch/testing';

const open = new Set<TestDatabase>();
let closing = false;

/** A fresh database for one workload, dropped after it, whatever happens. */
export async function withDatabase<T>(prefix: string, use: (database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await createTestDatabase(prefix);
  open.add(database);
  try {
    if (closing) throw new Error('bench interrupted');
    return await use(database);
  } finally {
    await database.drop();
    open.delete(database);
  }
}

/** Drops every database still open (SIGINT/SIGTERM); drop() is safe to call twice. */
export async function dropAllDatabases(): Promise<void> {
  closing = true;
  await Promise.allSettled([...open].map((database) => database.drop()));
}
