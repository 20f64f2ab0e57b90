import type { AgentRuntimePort } from '@orch/application';
import { attachContract } from './attach.contract';
import { completionContract } from './completion.contract';
import { controlContract } from './control.contract';
import type { AgentRuntimeContractOptions, RuntimeContractContext } from './harness';
import { isolationContract } from './isolation.contract';
import { limitsContract } from './limits.contract';
import { permissionContract } from './permission.contract';
import { aRunRequest, makeTempRoot, makeWorkDir, removeTempRoot } from './run-fixtures';

/**
 * The one agent-runtime contract (AgentRuntimePort), run unchanged against every adapter: call it
 * at the top level of an adapter's *.int.spec.ts. Each test gets a fresh runtime from `makeRuntime`
 * and its own temp root under os.tmpdir(), both disposed of after it.
 */
export function agentRuntimeContract(
  name: string,
  makeRuntime: () => Promise<AgentRuntimePort>,
  options: AgentRuntimeContractOptions,
): void {
  describe(`agent runtime contract: ${name}`, () => {
    let runtimes: AgentRuntimePort[] = [];
    let root: string | undefined;

    const ctx: RuntimeContractContext = {
      options,
      runtime: () => {
        const [first] = runtimes;
        if (first === undefined) throw new Error('the runtime was not made (see the beforeEach error)');
        return first;
      },
      restartedRuntime: async () => {
        const runtime = await makeRuntime();
        runtimes.push(runtime);
        return runtime;
      },
      tempRoot: () => {
        if (root === undefined) throw new Error('the temp root was not made (see the beforeEach error)');
        return root;
      },
      workDir: () => makeWorkDir(ctx.tempRoot()),
      request: async (behaviour, overrides) => options.behave(behaviour, aRunRequest(options.agent, await ctx.workDir(), overrides)),
      promptlyMs: options.promptlyMs ?? 2_000,
      hangLimitMs: options.hangLimitMs ?? 500,
      quietMs: options.quietMs ?? 300,
    };

    beforeEach(async () => {
      root = await makeTempRoot('agent-runtime-contract');
      runtimes = [await makeRuntime()];
    });

    afterEach(async () => {
      await Promise.all(runtimes.map((runtime) => runtime.close()));
      runtimes = [];
      await removeTempRoot(root);
      root = undefined;
    });

    jest.setTimeout(options.testTimeoutMs ?? 20_000);
    completionContract(ctx);
    controlContract(ctx);
    permissionContract(ctx);
    limitsContract(ctx);
    isolationContract(ctx);
    attachContract(ctx);
  });
}
