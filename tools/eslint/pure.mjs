// Extra fences for the pure core (domain and application libs): no Node built-ins,
// no ambient time and no ambient randomness. Time and ids come through ports.
import { builtinModules } from 'node:module';

const builtins = builtinModules.filter((m) => !m.startsWith('_'));

export default [
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'The pure core must not import Node built-ins; use a port.' }],
          paths: builtins.map((name) => ({ name, message: 'The pure core must not import Node built-ins; use a port.' })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No ambient time in the pure core: take `now` from the command or the Clock port.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No ambient time in the pure core: take `now` from the command or the Clock port.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'No ambient randomness in the pure core: take ids from the Ids port.',
        },
        {
          selector: "MemberExpression[object.name='process']",
          message: 'The pure core must not read the process environment.',
        },
      ],
    },
  },
];
