import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestOpencodeServer, type TestOpencodeServer } from './opencode-test-server';

/** What the fixture needs of the scripted model (`@orch/testing/model-mocks`, which only specs may import). */
interface ScriptedModel {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface OpencodeSpecFixture<Model> {
  readonly mock: Model;
  readonly server: TestOpencodeServer;
  /** A scratch folder of the spec file's own (data dirs, task directories). */
  readonly root: string;
}

/**
 * For a spec file: one real `opencode serve` (the pinned binary) in front of the scripted model
 * `startModel` starts, and a scratch folder, set up before its tests (`beforeAll`) and gone after
 * (`afterAll`). Read the fields inside tests and hooks, once they are set.
 */
export function opencodeSpecFixture<Model extends ScriptedModel>(prefix: string, startModel: () => Promise<Model>): OpencodeSpecFixture<Model> {
  const fixture = {} as { mock: Model; server: TestOpencodeServer; root: string };
  beforeAll(async () => {
    fixture.mock = await startModel();
    fixture.server = await startTestOpencodeServer(fixture.mock.baseUrl);
    fixture.root = await mkdtemp(join(tmpdir(), prefix));
  }, 120_000);
  afterAll(async () => {
    await fixture.server?.stop();
    await fixture.mock?.close();
    if (fixture.root !== undefined) await rm(fixture.root, { recursive: true, force: true });
  });
  return fixture;
}
