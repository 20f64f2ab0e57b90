import base from '../../eslint.config.mjs';
import pure from '../../tools/eslint/pure.mjs';

// Browser-importable: no Node built-ins, no ambient clock or randomness.
export default [...base, ...pure];
