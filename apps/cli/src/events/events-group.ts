import { type CommandGroup } from '../command';
import { eventsExportCommand } from './events-export-command';
import { eventsQueryCommand } from './events-query-command';

export const eventsGroup: CommandGroup = {
  name: 'events',
  summary: 'the event log: query a page with every filter, export it as JSON lines',
  commands: [eventsQueryCommand, eventsExportCommand],
};
