import { type CommandGroup } from '../command';
import { bundleVerifyCommand } from './bundle-verify-command';

/**
 * `bundle verify`: offline checks of exported evidence. `events verify` and `sessions export` sit
 * in the events and sessions groups.
 */
export const bundleGroup: CommandGroup = {
  name: 'bundle',
  summary: 'evidence bundles: verify one offline',
  commands: [bundleVerifyCommand],
};
