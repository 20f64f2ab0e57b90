import { apiOnOwnPostgres, storeOutageUnderLoad, type ApiOnOwnPostgres } from './store-outage';

/**
 * Fault: the PostgreSQL of the event store and read models restarts (fast shutdown: connections
 * terminated, data kept) while commands pour in. It is a server of this test's own
 * (startThrowawayPostgres); the shared one is never touched.
 */
describe('given the api on a PostgreSQL of its own, under a steady stream of commands', () => {
  let setup: ApiOnOwnPostgres;

  beforeAll(async () => {
    setup = await apiOnOwnPostgres();
  }, 180_000);

  afterAll(async () => {
    await setup?.dispose();
  }, 60_000);

  it('when PostgreSQL restarts, then commands fail fast with 503 problem details meanwhile, work again after, projectors resume and nothing acknowledged is lost', async () => {
    await storeOutageUnderLoad(setup, () => setup.pg.stop());
    // A clean restart: no crash recovery on the next start.
    expect(setup.pg.serverLog()).not.toMatch(/automatic recovery in progress/);
  }, 300_000);
});
