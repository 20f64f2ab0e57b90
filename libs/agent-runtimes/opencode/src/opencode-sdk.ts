import type { OpencodeClient, OpencodeClientConfig } from '@opencode-ai/sdk/v2/client' with { 'resolution-mode': 'import' };

export type { OpencodeClient };
type SdkClientModule = typeof import('@opencode-ai/sdk/v2/client', { with: { 'resolution-mode': 'import' } });

/**
 * `@opencode-ai/sdk` is ESM-only (its exports have only an `import` condition) and this repository
 * runs as CommonJS, where the compiler turns `import()` into `require()`. A `Function`-built
 * `import()` stays a real dynamic import, which Node (`node -r tools/runtime/register.js`) runs.
 * Jest's module sandbox has no dynamic import without --experimental-vm-modules; there the
 * compiled `import()` (a `require`) goes through Jest's registry, which `jest.sdk.cjs` points at
 * the SDK's files and transpiles.
 */
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<SdkClientModule>;
let loading: Promise<SdkClientModule> | undefined;

export function loadOpencodeSdk(): Promise<SdkClientModule> {
  loading ??= importSdk();
  return loading;
}

async function importSdk(): Promise<SdkClientModule> {
  try {
    return await nativeImport('@opencode-ai/sdk/v2/client');
  } catch (error) {
    if (!noDynamicImport(error)) throw error;
    return import('@opencode-ai/sdk/v2/client');
  }
}

export async function createClient(config: OpencodeClientConfig & { directory?: string }): Promise<OpencodeClient> {
  const sdk = await loadOpencodeSdk();
  return sdk.createOpencodeClient(config);
}

/** Node's ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, or Jest's own TypeError for the same case. */
function noDynamicImport(error: unknown): boolean {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING' || /--experimental-vm-modules/.test(String(message));
}
