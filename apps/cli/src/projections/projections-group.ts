import { type CommandGroup } from '../command';
import { parkedCommand } from './parked-command';
import { rebuildCommand } from './rebuild-command';
import { statusCommand } from './status-command';

export const projectionsGroup: CommandGroup = {
  name: 'projections',
  summary: 'read-model projections: status, rebuild, parked events',
  commands: [statusCommand, rebuildCommand, parkedCommand],
};
