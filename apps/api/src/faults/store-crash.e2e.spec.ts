import { apiOnOwnPostgres, storeOutageUnderLoad, type ApiOnOwnPostgres } from './store-outage';

/**
 * Fault: the PostgreSQL of the event store and read models crashes (SIGKILL of the postmaster: no
 * shutdown, its backends die with it; the next start replays the WAL) while commands pour in. It is
 * a server of this test's own (startThrowawayPostgres); the shared one is never touched.
 */
describe('given the api on a PostgreSQL of its own, under a steady stream of commands', () => {
  let setup: ApiOnOwnPostgres;

  beforeAll(async () => {
    setup = await apiOnOwnPostgres();
  }, 180_000);

  afterAll(async () => {
    await setup?.dispose();
  }, 60_000);

  it('when PostgreSQL is SIGKILLed and recovers from its WAL, then commands answer 503 problem details meanwhile (never a 500), work again after, projectors resume and nothing acknowledged is lost', async () => {
    await storeOutageUnderLoad(setup, () => setup.pg.kill());
    // It was a crash: the server ran crash recovery (WAL replay) on the next start.
    expect(setup.pg.serverLog()).toMatch(/not properly shut down; automatic recovery in progress/);
  }, 300_000);
});
