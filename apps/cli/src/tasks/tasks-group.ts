import { type CommandGroup } from '../command';
import { taskActionCommand } from './task-action-command';

export const tasksGroup: CommandGroup = {
  name: 'tasks',
  summary: 'operator actions on one task of a session: retry, skip, reassign (each with --reason)',
  commands: [taskActionCommand('retry'), taskActionCommand('skip'), taskActionCommand('reassign')],
};
