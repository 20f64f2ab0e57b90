import base from '../../../eslint.config.mjs';
import pure from '../../../tools/eslint/pure.mjs';

export default [...base, ...pure];
