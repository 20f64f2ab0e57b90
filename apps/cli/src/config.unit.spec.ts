import { UsageError } from './cli-error';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('reads the same variables as the api, with its defaults', () => {
    expect(loadConfig({})).toEqual({ eventStore: 'postgres', dataDir: '.data', embeddedPostgresPort: 54329 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', ORCH_DATA_DIR: '/var/orch', EMBEDDED_PG_PORT: '5499' })).toEqual({
      databaseUrl: 'postgres://u@h/db',
      eventStore: 'postgres',
      dataDir: '/var/orch',
      embeddedPostgresPort: 5499,
    });
  });

  it('names every problem at once', () => {
    const load = () => loadConfig({ EVENT_STORE: 'esdb', EMBEDDED_PG_PORT: 'x', DATABASE_URL: 'mysql://h/db' });
    expect(load).toThrow(UsageError);
    expect(load).toThrow(/ESDB_CONNECTION_STRING[\s\S]*EMBEDDED_PG_PORT[\s\S]*DATABASE_URL/);
  });
});
