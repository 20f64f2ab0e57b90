import { ALL_PROJECTORS } from '@orch/read-models';
import { UsageError } from '../cli-error';

/** The names a projector is known by: its checkpoint key, as `projections status` lists them. */
export const PROJECTOR_NAMES: readonly string[] = ALL_PROJECTORS.map((projector) => projector.name);

/** Checks a name given on the command line before anything connects; `all` only where allowed. */
export function checkProjectorName(name: string, allowAll: boolean): string {
  if (PROJECTOR_NAMES.includes(name) || (allowAll && name === 'all')) return name;
  const valid = allowAll ? [...PROJECTOR_NAMES, 'all'] : PROJECTOR_NAMES;
  throw new UsageError(`unknown projector "${name}"`, `valid names: ${valid.join(', ')}`);
}
