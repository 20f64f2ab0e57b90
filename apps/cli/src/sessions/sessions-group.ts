import { type CommandGroup } from '../command';
import { sessionExportCommand } from '../evidence/session-export-command';
import { sessionActionCommand, sessionInjectCommand } from './session-action-command';
import { sessionCreateCommand } from './session-create-command';
import { sessionListCommand } from './session-list-command';
import { sessionShowCommand } from './session-show-command';
import { sessionTailCommand } from './session-tail-command';

export const sessionsGroup: CommandGroup = {
  name: 'sessions',
  summary: 'sessions: create, list, show, tail live, the operator actions (each with --reason), export an evidence bundle',
  commands: [
    sessionCreateCommand,
    sessionListCommand,
    sessionShowCommand,
    sessionTailCommand,
    sessionActionCommand('start', 'start'),
    sessionActionCommand('pause', 'pause'),
    sessionActionCommand('resume', 'resume'),
    sessionActionCommand('cancel', 'cancel'),
    sessionActionCommand('stop', 'stop'),
    sessionActionCommand('retry', 'retry'),
    sessionActionCommand('complete', 'force-complete'),
    sessionInjectCommand,
    sessionExportCommand,
  ],
};
