import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// The hexagon as Nx tags: dependencies point inward (DESIGN.md §3). Checked by `nx lint`.
function boundaries(specs) {
  const testing = specs ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: true,
    allow: [],
    depConstraints: [
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ['*'] },
      { sourceTag: 'type:application', onlyDependOnLibsWithTags: ['type:domain', 'type:application'], bannedExternalImports: ['*'] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
      { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:adapter', 'type:contracts', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:adapter', 'type:contracts', 'type:client', 'type:testing'] },
      // The integrators' SDK (libs/client) speaks HTTP, SSE and socket.io to the api; it knows only the contracts.
      { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts'] },
      { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts', 'type:client'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:application', 'type:adapter', 'type:contracts', 'type:client', 'type:testing'] },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:tooling'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.data', '**/.nx', '**/vite.config.*.timestamp*'] },
  { files: ['**/*.ts', '**/*.tsx'], rules: { '@nx/enforce-module-boundaries': ['error', boundaries(false)] } },
  // Adapter specs run the shared contract suites of libs/testing; production code may not import it.
  { files: ['**/*.spec.ts'], rules: { '@nx/enforce-module-boundaries': ['error', boundaries(true)] } },
  {
    files: ['**/*.ts'],
    // Decorator metadata makes constructor parameter types runtime values (Nest injection, DTOs):
    // consistent-type-imports must know, or its fix would break them.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  tseslint.configs.disableTypeChecked,
];
