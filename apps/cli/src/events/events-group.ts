import { type CommandGroup } from '../command';
import { eventsVerifyCommand } from '../evidence/events-verify-command';
import { eventsExportCommand } from './events-export-command';
import { eventsQueryCommand } from './events-query-command';

export const eventsGroup: CommandGroup = {
  name: 'events',
  summary: 'the event log: query a page with every filter, export it as JSON lines, verify its hash chain',
  commands: [eventsQueryCommand, eventsExportCommand, eventsVerifyCommand],
};
