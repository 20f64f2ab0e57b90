import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { type Database } from './database';
import { ShadowTablesPlugin } from './shadow-tables-plugin';

const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
}).withPlugin(new ShadowTablesPlugin(['tasks', 'metric_rollups']));

describe('ShadowTablesPlugin', () => {
  it('points updates, qualified references and sql.table at the shadow tables', () => {
    const update = db
      .updateTable('tasks')
      .set({ status: sql<string>`(SELECT count(*) FROM ${sql.table('tasks')})::text` })
      .where('tasks.session_id', '=', 's')
      .compile();
    expect(update.sql).toBe(
      'update "tasks__shadow" set "status" = (SELECT count(*) FROM "tasks__shadow")::text where "tasks__shadow"."session_id" = $1',
    );
  });

  it('rewrites upsert conflict references but leaves excluded and other tables alone', () => {
    const upsert = db
      .insertInto('metric_rollups')
      .values({ tenant_id: 't', scope: 'tenant', scope_id: 't', updated_at: 'now', last_position: 1 })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'scope', 'scope_id'])
          .doUpdateSet({ last_position: 2 })
          .whereRef('metric_rollups.last_position', '<', 'excluded.last_position'),
      )
      .compile();
    expect(upsert.sql).toContain('insert into "metric_rollups__shadow"');
    expect(upsert.sql).toContain('where "metric_rollups__shadow"."last_position" < "excluded"."last_position"');
    expect(db.selectFrom('parked_events').selectAll().compile().sql).toBe('select * from "parked_events"');
  });
});
