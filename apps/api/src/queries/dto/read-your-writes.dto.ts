import type { Consistency } from '@orch/contracts';
import { OptionalPosition } from './query-fields';

/** Every query accepts `minPosition` (a command's answered `position`): read-your-writes. */
export class ConsistencyDto implements Consistency {
  @OptionalPosition()
  minPosition?: number;
}
