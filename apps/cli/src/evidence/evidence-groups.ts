import { type CommandGroup } from '../command';
import { bundleVerifyCommand } from './bundle-verify-command';
import { eventsVerifyCommand } from './events-verify-command';
import { sessionExportCommand } from './session-export-command';

/** `bundle verify`: offline checks of exported evidence. */
export const bundleGroup: CommandGroup = {
  name: 'bundle',
  summary: 'evidence bundles: verify one offline',
  commands: [bundleVerifyCommand],
};

/**
 * Tiny `events` and `sessions` groups holding only the evidence commands; when the ops groups of the
 * same names land, their commands lists take `eventsVerifyCommand` / `sessionExportCommand` instead.
 */
export const eventsEvidenceGroup: CommandGroup = {
  name: 'events',
  summary: 'the event log: verify its hash chain',
  commands: [eventsVerifyCommand],
};

export const sessionsEvidenceGroup: CommandGroup = {
  name: 'sessions',
  summary: 'sessions: export an evidence bundle',
  commands: [sessionExportCommand],
};
