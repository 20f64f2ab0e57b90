import { type CommandGroup } from '../command';
import { contextDiffCommand } from './context-diff-command';
import { contextPatchCommand } from './context-patch-command';
import { contextShowCommand } from './context-show-command';
import { contextVersionsCommand } from './context-versions-command';

export const contextsGroup: CommandGroup = {
  name: 'contexts',
  summary: 'versioned context documents: show, versions, diff, patch',
  commands: [contextShowCommand, contextVersionsCommand, contextDiffCommand, contextPatchCommand],
};
