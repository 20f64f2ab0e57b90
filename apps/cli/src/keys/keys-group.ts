import { type CommandGroup } from '../command';
import { keyCreateCommand, keyListCommand, keyRevokeCommand } from './key-commands';

export const keysGroup: CommandGroup = {
  name: 'keys',
  summary: 'API keys: list, create, revoke',
  commands: [keyListCommand, keyCreateCommand, keyRevokeCommand],
};
