import base from '../../eslint.config.mjs';

// The browser app: it may use only @orch/contracts and @orch/client (type:ui), never server code.
export default [
  ...base,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': ['error', { patterns: ['node:*', '@nestjs/*', '@orch/domain-*', '@orch/application', '@orch/postgres', '@orch/event-store'] }],
    },
  },
];
